// The CLI in the reader's language: --lang (case-insensitive) wins, then LC_ALL, LC_MESSAGES and
// LANG; C, POSIX or unset mean English. Protocol tokens and the JSON output stay as they are.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { cliArgv } from '../cliLaunch';
import { CLI, ROOT } from './run';

// A SIPp scenario whose callee answers 486 Busy Here with Reason Q.850 cause 17.
const BUSY = resolve(ROOT, 'test', 'fixtures', 'sipp', 'busy-486.log');

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LC_ALL|LC_MESSAGES|LANG|LANGUAGE)$/.test(name)));
  const result = spawnSync(process.execPath, cliArgv(CLI, args), { cwd: ROOT, encoding: 'utf8', env: { ...clean, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI languages', () => {
  const english = run(['summary', BUSY]);

  it('speaks English with no language set', () => {
    assert.equal(english.status, 0);
    assert.match(english.stdout, /^Format: sipp · \d+ messages/);
    assert.match(english.stdout, /Outcome/);
    assert.match(english.stdout, /1 call: busy 1 · ASR 0%/);
  });

  const cases: { lang: string; heading: RegExp; busy: RegExp; totals: RegExp; format: RegExp }[] = [
    { lang: 'ru', heading: /Исход/, busy: /busy \(занято\)/, totals: /^1 вызов: busy \(занято\) 1 · ASR 0%$/m, format: /^Формат: sipp · сообщений: \d+/ },
    { lang: 'TR', heading: /Sonuç/, busy: /busy \(meşgul\)/, totals: /1 çağrı: busy \(meşgul\) 1 · ASR %0/, format: /^Biçim: sipp · \d+ mesaj/ },
    { lang: 'es', heading: /Resultado/, busy: /busy \(ocupado\)/, totals: /1 llamada: busy \(ocupado\) 1 · ASR 0 %/, format: /^Formato: sipp · \d+ mensajes/ },
    { lang: 'pt-br', heading: /Resultado/, busy: /busy \(ocupado\)/, totals: /1 chamada: busy \(ocupado\) 1 · ASR 0%/, format: /^Formato: sipp · \d+ mensagens/ },
  ];
  for (const c of cases) {
    it(`--lang ${c.lang} prints the table and totals in that language`, () => {
      const out = run(['summary', BUSY, '--lang', c.lang]);
      assert.equal(out.status, 0, out.stderr);
      assert.match(out.stdout, c.format);
      assert.match(out.stdout, c.heading);
      assert.match(out.stdout, c.busy);
      assert.match(out.stdout, c.totals);
      assert.match(out.stdout, /486 Busy Here/, 'the reason phrase as sent');
    });
  }

  // A SIPp scenario whose 200 OK is retransmitted and never ACKed, then a BYE ends the call.
  const ACK_MISSING = resolve(ROOT, 'test', 'fixtures', 'findings', 'ack-missing.log');
  const explanations: Record<string, { verdict: RegExp; finding: RegExp }> = {
    ru: { verdict: /Отвечен, но ACK так и не дошёл до ответившей стороны/, finding: /ack-missing \(warning\): 200 OK .* а ACK на него нет/ },
    tr: { verdict: /Yanıtlandı, ancak ACK yanıtlayan tarafa hiç ulaşmadı/, finding: /ack-missing \(warning\): .*200 OK yanıtı 4 kez gönderildi/ },
    es: { verdict: /Contestada, pero el ACK nunca llegó al lado que contestó/, finding: /ack-missing \(warning\): El 200 OK .* se envió 4 veces/ },
    'pt-br': { verdict: /Atendida, mas o ACK nunca chegou ao lado que atendeu/, finding: /ack-missing \(warning\): O 200 OK .* foi enviado 4 vezes/ },
  };
  for (const [lang, expected] of Object.entries(explanations)) {
    it(`--lang ${lang} explains the findings and the verdict in that language`, () => {
      const out = run(['summary', ACK_MISSING, '--lang', lang]);
      assert.equal(out.status, 0, out.stderr);
      assert.match(out.stdout, expected.verdict);
      assert.match(out.stdout, expected.finding);
      assert.doesNotMatch(out.stdout, /never reached|no ACK for it appears/);
    });
  }

  // Two legs through a B2BUA linked by X-Call-ID: the outbound leg gets 486 Busy Here from the
  // callee and the inbound leg passes it on to the caller.
  const LEGS = resolve(ROOT, 'test', 'fixtures', 'b2bua', 'x-call-id.log');
  const SESSION_ID = resolve(ROOT, 'test', 'fixtures', 'b2bua', 'session-id.log');
  const legWords: Record<string, { roles: RegExp[]; group: RegExp; files: RegExp; heading: RegExp; extracted: RegExp; help: RegExp }> = {
    ru: {
      roles: [/^Начало .*Плечо/m, /#1 входящее/, /#1 исходящее/],
      group: /^Вызов #1: 2 плеча, связаны по header:X-Call-ID \(x-call-id-phone-1@192\.0\.2\.1, b2b-x-call-id-phone-1@192\.0\.2\.1\); 486 на x-call-id-phone-1@192\.0\.2\.1 транслирует 486 Busy Here из строки \d+$/m,
      files: /^Файл\s+Формат\s+Сообщения\s+Вызовы .*\n[- ]+\n[^]*^2 файла /m,
      heading: /^\*\*3 вызова · 2 файла · ASR 0%\*\*$/m,
      extracted: /^sip-lens: извлечено 2 вызова\n$/,
      help: /^Использование: sip-lens summary ФАЙЛ\|КАТАЛОГ[^]*--lang ЯЗЫК/,
    },
    tr: {
      roles: [/^Başlangıç .*Bacak/m, /#1 gelen/, /#1 giden/],
      group: /^Çağrı #1: 2 bacak, header:X-Call-ID ile bağlı \(.*\); x-call-id-phone-1@192\.0\.2\.1 üzerindeki 486, \d+\. satırdaki 486 Busy Here yanıtından aktarıldı$/m,
      files: /^Dosya\s+Biçim\s+Mesajlar\s+Çağrılar .*\n[- ]+\n[^]*^2 dosya /m,
      heading: /^\*\*3 çağrı · 2 dosya · ASR %0\*\*$/m,
      extracted: /^sip-lens: 2 çağrı çıkarıldı\n$/,
      help: /^Kullanım: sip-lens summary DOSYA\|DİZİN[^]*--lang DİL/,
    },
    es: {
      roles: [/Tramo/, /#1 entrante/, /#1 saliente/],
      group: /^Llamada #1: 2 tramos enlazados por header:X-Call-ID \(.*\); el 486 en x-call-id-phone-1@192\.0\.2\.1 reenvía el 486 Busy Here de la línea \d+$/m,
      files: /^Archivo\s+Formato\s+Mensajes\s+Llamadas .*\n[- ]+\n[^]*^2 archivos /m,
      heading: /^\*\*3 llamadas en 2 archivos · ASR 0\s?%\*\*$/m,
      extracted: /^sip-lens: 2 llamadas extraídas\n$/,
      help: /^Uso: sip-lens summary ARCHIVO\|DIRECTORIO[^]*--lang IDIOMA/,
    },
    'pt-br': {
      roles: [/Perna/, /#1 entrada/, /#1 saída/],
      group: /^Chamada #1: 2 pernas ligadas por header:X-Call-ID \(.*\); o 486 em x-call-id-phone-1@192\.0\.2\.1 repassa o 486 Busy Here da linha \d+$/m,
      files: /^Arquivo\s+Formato\s+Mensagens\s+Chamadas .*\n[- ]+\n[^]*^2 arquivos /m,
      heading: /^\*\*3 chamadas em 2 arquivos · ASR 0%\*\*$/m,
      extracted: /^sip-lens: 2 chamadas extraídas\n$/,
      help: /^Uso: sip-lens summary ARQUIVO\|DIRETÓRIO[^]*--lang IDIOMA/,
    },
  };
  for (const [lang, expected] of Object.entries(legWords)) {
    it(`--lang ${lang} words the legs, the multi-file report, extract and the help`, () => {
      const legs = run(['summary', LEGS, '--lang', lang]);
      assert.equal(legs.status, 0, legs.stderr);
      for (const role of expected.roles) assert.match(legs.stdout, role);
      assert.match(legs.stdout, expected.group);
      assert.doesNotMatch(legs.stdout, /inbound|outbound|legs linked by|passed on/);
      const many = run(['summary', SESSION_ID, BUSY, '--lang', lang]);
      assert.equal(many.status, 0, many.stderr);
      assert.match(many.stdout, expected.files);
      assert.match(run(['summary', SESSION_ID, BUSY, '--markdown', '--lang', lang]).stdout, expected.heading);
      const extract = run(['extract', LEGS, '--outcome', 'busy', '--lang', lang]);
      assert.equal(extract.status, 0, extract.stderr);
      assert.match(extract.stderr, expected.extracted);
      assert.match(run(['--help', '--lang', lang]).stdout, expected.help);
    });
  }

  it('documents --lang in the help and translates usage errors', () => {
    assert.match(run(['--help']).stdout, /--lang LANGUAGE/);
    const bad = run(['summary', BUSY, '--bogus', '--lang=es']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /opción desconocida "--bogus"/);
    assert.match(run(['summary', 'no-such.log', '--lang', 'pt_BR']).stderr, /no-such\.log: arquivo inexistente/);
  });

  it('takes the language from LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.match(run(['summary', BUSY], { LANG: 'ru_RU.UTF-8' }).stdout, /Исход/);
    assert.match(run(['summary', BUSY], { LANG: 'ru_RU.UTF-8', LC_MESSAGES: 'tr_TR.UTF-8' }).stdout, /Sonuç/);
    assert.match(run(['summary', BUSY], { LANG: 'ru_RU.UTF-8', LC_MESSAGES: 'tr_TR.UTF-8', LC_ALL: 'es_ES.UTF-8' }).stdout, /llamada/);
  });

  it('C and POSIX mean English, and --lang wins over the environment', () => {
    assert.equal(run(['summary', BUSY], { LC_ALL: 'C', LANG: 'ru_RU.UTF-8' }).stdout, english.stdout);
    assert.equal(run(['summary', BUSY], { LC_ALL: 'POSIX', LANG: 'ru_RU.UTF-8' }).stdout, english.stdout);
    assert.equal(run(['summary', BUSY, '--lang', 'en'], { LANG: 'ru_RU.UTF-8' }).stdout, english.stdout);
    assert.match(run(['summary', BUSY, '--lang', 'tr'], { LC_ALL: 'ru_RU.UTF-8' }).stdout, /Sonuç/);
  });

  it('keeps the outcome words of --json', () => {
    const json = JSON.parse(run(['summary', BUSY, '--json', '--lang', 'ru']).stdout) as { calls: { outcome: string; finalReason: string }[] };
    assert.equal(json.calls[0].outcome, 'busy');
    assert.equal(json.calls[0].finalReason, 'Busy Here');
  });
});
