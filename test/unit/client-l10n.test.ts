// The client's translations (l10n/, VS Code's bundle for vscode.l10n and the panel): the English
// bundle is what `npm run l10n:export` makes of the sources today, every translation has exactly
// its keys and keeps every placeholder, counts have the plural forms of their language, and the
// panel, the status bar and the view model speak the language they are given.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { getL10nJson } from '@vscode/l10n-dev';
import * as l10n from '@vscode/l10n';
import { LOCALES, type Locale, pluralForms, setLocale } from '../../server/src/analysis/l10n';
import { plural } from '../../client/src/plural';
import { buildLadder, buildPanelView, queryRows, DEFAULT_QUERY } from '../../client/src/panel/viewModel';
import { statusText } from '../../client/src/statusText';
import { summaryToMarkdown } from '../../client/src/panel/export';
import type { CallFlow, Summary, SummaryCall } from '../../server/src/protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const CLIENT = path.join(ROOT, 'client', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function bundle(name: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(ROOT, 'l10n', name), 'utf8')) as Record<string, string>;
}

/** English keys whose message is a count: the two forms handed to plural(). */
function pluralKeys(): Set<string> {
  const keys = new Set<string>();
  const literal = String.raw`(?:vscode\.)?l10n\.t\(\s*'((?:[^'\\]|\\.)*)'\s*\)`;
  const call = new RegExp(String.raw`\bplural\(\s*[^;]*?${literal}\s*,\s*${literal}`, 'gs');
  for (const file of sourceFiles(CLIENT)) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) keys.add(match[1]).add(match[2]);
  }
  return keys;
}

const placeholders = (text: string): string => (text.match(/\{\d+\}/g) ?? []).sort().join();

describe('client bundles (l10n/)', () => {
  const english = bundle('bundle.l10n.json');
  const keys = Object.keys(english).sort();
  const plurals = pluralKeys();

  it('the English bundle is what npm run l10n:export makes of the sources', async () => {
    const files = sourceFiles(CLIENT).map((file) => ({ extension: '.ts', contents: readFileSync(file, 'utf8') }));
    const exported = await getL10nJson(files);
    assert.deepEqual(english, exported);
  });

  it('holds the panel, status bar and command messages', () => {
    for (const key of ['Save Selected Calls As…', 'Call flow', 'SIP: {0} · {1} route-blocked · ASR {2}', 'Show the other legs of this call']) {
      assert.ok(keys.includes(key), key);
    }
    assert.ok(plurals.has('{0} call') && plurals.has('{0} calls') && plurals.has('SIP Lens: {0} calls saved to {1}.'));
    assert.ok(!plurals.has('Call flow'));
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const translated = bundle(`bundle.l10n.${locale}.json`);
      it('misses no key and has no extra one', () => {
        assert.deepEqual(keys.filter((k) => !(k in translated)), [], 'missing');
        assert.deepEqual(Object.keys(translated).filter((k) => !(k in english)), [], 'extra');
      });
      it('keeps every {n} placeholder (in each plural form of a count)', () => {
        const forms = (key: string, value: string) => (plurals.has(key) ? value.split('|') : [value]);
        const lost = Object.entries(translated).filter(([key, value]) => forms(key, value).some((form) => placeholders(form) !== placeholders(key)));
        assert.deepEqual(lost.map(([key]) => key), []);
      });
      it('gives a count one form or one per plural category of the language, and nothing else forms', () => {
        const wrong = Object.entries(translated).filter(([key, value]) => {
          const count = value.split('|').length;
          return plurals.has(key) ? count !== 1 && count !== pluralForms(locale) : count !== 1;
        });
        assert.deepEqual(wrong.map(([key]) => key), []);
      });
      it('translates the sentences (no long message left in English) and leaves none empty', () => {
        for (const [key, value] of Object.entries(translated)) assert.ok(value.trim().length > 0, key);
        const untranslated = Object.entries(translated).filter(([key, value]) => key === value && key.split(' ').length > 3);
        assert.deepEqual(untranslated.map(([key]) => key), []);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The panel and the status bar in the reader's language

function call(overrides: Partial<SummaryCall>): SummaryCall {
  return {
    callId: 'c1@192.0.2.1',
    from: '1001',
    to: '2002',
    startLine: 0,
    startTime: '2024-05-01T10:00:00.000Z',
    startClock: '10:00:00.000',
    outcome: 'answered',
    finalStatus: 200,
    finalReason: 'OK',
    cause: null,
    setupMs: 12_345,
    pddMs: 1_500,
    durationMs: 245_000,
    endedBy: 'remote',
    messageCount: 7,
    findings: [],
    verdict: '',
    group: null,
    ...overrides,
  } as SummaryCall;
}

function summaryOf(calls: SummaryCall[]): Summary {
  const totals = { answered: 0, busy: 0, redirected: 0, 'route-blocked': 0, 'no-answer': 0, cancelled: 0, failed: 0, 'no-final': 0 };
  for (const c of calls) totals[c.outcome]++;
  return { format: 'sipp', messages: 1234, malformed: 0, notices: [], calls, transactions: [], totals } as unknown as Summary;
}

/** What the extension does at activation: the library's language plus the client's bundle. */
function speak(locale: Locale | undefined): void {
  setLocale(locale, locale ? bundle(`bundle.l10n.${locale}.json`) : {});
}

describe('the panel in the reader’s language', () => {
  afterEach(() => speak(undefined));
  const summary = summaryOf([
    call({}),
    call({ callId: 'c2@192.0.2.1', outcome: 'busy', finalStatus: 486, finalReason: 'Busy Here', setupMs: null, durationMs: null, endedBy: null }),
  ]);

  it('speaks English by default, as the page always did', () => {
    speak(undefined);
    const view = buildPanelView(summary, 'calls.sip');
    assert.equal(view.text.locale, 'en');
    assert.equal(view.text.calls, 'Calls');
    assert.equal(view.facts, 'format sipp · 1234 messages · 2 calls · 0 other transactions');
    assert.deepEqual(view.columns.map((c) => c.label), ['Time', 'From', 'To', 'Outcome', 'Final', 'Hung up', 'Setup', 'PDD', 'Duration']);
    assert.equal(view.outcomes.find((o) => o.outcome === 'busy')?.label, '', 'no label beside the English word');
    assert.equal(statusText(summary), 'SIP: 2 calls · 0 route-blocked · ASR 50%');
    assert.equal(queryRows(summary, DEFAULT_QUERY).rows[0].timeDetail, 'May 1, 2024 10:00:00.000 · line 1');
  });

  it('speaks Russian: words, plural forms, numbers and durations', () => {
    speak('ru');
    const view = buildPanelView(summary, 'calls.sip');
    assert.equal(view.text.locale, 'ru');
    assert.equal(view.text.calls, 'Вызовы');
    assert.equal(view.text.saveSelected, 'Сохранить выбранные вызовы как…');
    assert.equal(view.facts, 'формат sipp · 1\u00a0234 сообщения · 2 вызова · 0 других транзакций');
    assert.equal(view.columns[0].label, 'Время');
    assert.equal(view.columns[0].sortTitle, 'Сортировать: Время');
    const busy = view.outcomes.find((o) => o.outcome === 'busy');
    assert.equal(busy?.label, 'занято', 'the translated label beside the word');
    assert.equal(busy?.description, 'занято (486 / 600)');
    assert.equal(view.kpis.find((k) => k.id === 'setup')?.value, '12,3 с');
    assert.equal(view.kpis.find((k) => k.id === 'acd')?.value, '4 мин 05 с');
    const rows = queryRows(summary, DEFAULT_QUERY);
    assert.equal(rows.rows[0].outcome, 'answered', 'the outcome word stays as it is');
    assert.equal(rows.rows[0].outcomeLabel, 'отвечен');
    assert.equal(rows.rows[0].endedBy, 'удалённая сторона');
    assert.match(rows.status, /^Строк: 2 из 2\./);
    assert.match(rows.rows[0].timeDetail, /^1 мая 2024 г\. 10:00:00\.000 · строка 1$/, 'the date in Russian, the trace’s clock as it is');
    assert.equal(statusText(summary), 'SIP: 2 вызова · route-blocked: 0 · ASR 50%');
    assert.deepEqual([1, 3, 5, 21].map((n) => plural(n, l10n.t('{0} call'), l10n.t('{0} calls'))), ['1 вызов', '3 вызова', '5 вызовов', '21 вызов']);
  });

  it('words the ladder in the language: times, tooltips and what is left out', () => {
    speak('ru');
    const flow: CallFlow = {
      callId: 'c1',
      parties: [
        { id: 'a', label: '192.0.2.1:5060', local: true },
        { id: 'b', label: '192.0.2.2:5060', local: false },
      ],
      arrows: [
        { from: 'a', to: 'b', label: 'INVITE', kind: 'request', status: null, relativeMs: 0, line: 0, retransmission: false, hasSdp: true, findings: [] },
        { from: 'b', to: 'a', label: '486 Busy Here', kind: 'response', status: 486, relativeMs: 1234.5, line: 12, retransmission: true, hasSdp: false, findings: [] },
      ],
    };
    const ladder = buildLadder(flow);
    assert.equal(ladder.arrows[1].time, '+1,235 с');
    assert.equal(ladder.arrows[0].tooltip, 'INVITE с SDP · строка 1');
    assert.equal(ladder.arrows[1].ariaLabel, '486 Busy Here (повторная передача), в +1,235 с, строка 13');
    assert.equal(ladder.lanes[0].detail, '192.0.2.1:5060 (локальная сторона)');
    assert.equal(ladder.lanes[0].tag, 'локальная сторона', 'an address gets the local tag');
    assert.equal(ladder.lanes[1].tag, '');
    const named = buildLadder({ ...flow, parties: [{ ...flow.parties[0], label: 'локальная сторона' }, flow.parties[1]] });
    assert.equal(named.lanes[0].tag, '', 'a label that says it already is not tagged twice');
    assert.equal(ladder.omittedText, '');
  });

  it('writes the Markdown report in the language, protocol words as they are', () => {
    speak('ru');
    const report = summaryToMarkdown(summary, 'calls.sip');
    assert.match(report, /^## Сводка вызовов SIP: `calls\.sip`\n\nформат `sipp` · 1\u00a0234 сообщения · 2 вызова/);
    assert.match(report, /^### Исходы$/m);
    assert.match(report, /^\| `busy` \(занято\) \| 1 \| 50\s?% \|$/m);
    assert.match(report, /^\| Время \| Номер А \| Номер Б \| Исход \|/m);
    assert.match(report, /\| `486 Busy Here` \|/, 'the reason phrase as sent');
  });

  it('speaks Turkish, Spanish and Brazilian Portuguese too', () => {
    speak('tr');
    assert.equal(buildPanelView(summary, 't').text.callFlow, 'Çağrı akışı');
    assert.equal(statusText(summary), 'SIP: 2 çağrı · route-blocked: 0 · ASR %50');
    speak('es');
    assert.equal(buildPanelView(summary, 't').facts, 'formato sipp · 1234 mensajes · 2 llamadas · 0 transacciones más');
    speak('pt-br');
    assert.equal(buildPanelView(summary, 't').columns[5].label, 'Encerrada por');
    assert.equal(buildPanelView(summary, 't').text.locale, 'pt-BR');
  });
});
