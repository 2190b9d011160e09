// The CLI in the reader's language: --lang (case-insensitive) wins, then LC_ALL, LC_MESSAGES and
// LANG; C, POSIX or unset mean English. Protocol tokens and the JSON output stay as they are.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, ROOT } from './run';

// A SIPp scenario whose callee answers 486 Busy Here with Reason Q.850 cause 17.
const BUSY = resolve(ROOT, 'test', 'fixtures', 'sipp', 'busy-486.log');

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LC_ALL|LC_MESSAGES|LANG|LANGUAGE)$/.test(name)));
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...clean, ...env } });
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
    { lang: 'ru', heading: /Исход/, busy: /busy \(занято\)/, totals: /Всего вызовов 1: busy \(занято\) 1 · ASR 0%/, format: /^Формат: sipp · сообщений: \d+/ },
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
