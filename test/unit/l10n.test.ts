// The server-side translations: every bundle holds exactly the messages the code can show, keeps
// every placeholder, and the process language is chosen from VS Code or POSIX locale names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import * as l10n from '@vscode/l10n';
import { bundledLocale, bundleOf, formatNumber, LOCALES, pluralForms, setLocale, t, tn } from '../../server/src/analysis/l10n';
import { formatDuration, formatPercent } from '../../server/src/analysis/report';
import { parseSipMessage } from '../../server/src/analysis/message';
import { describeStatus } from '../../server/src/analysis/responseCodes';
import { pluralMessageKeys, serverMessageKeys } from '../../scripts/l10n/serverKeys';

const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();

describe('server bundles', () => {
  const keys = serverMessageKeys();
  const plurals = new Set(pluralMessageKeys());

  it('finds the messages of the code and the catalogues', () => {
    assert.ok(keys.includes('{0} legs') && plurals.has('{0} legs'), 'both forms of a tn() count');
    assert.ok(!plurals.has('Leg'));
    assert.ok(keys.includes('Where to look first: {0}'), 'a t() call in hover.ts');
    assert.ok(keys.includes(describeStatus(486).meaning), 'a response-code meaning');
    assert.ok(keys.length > 400);
  });

  it('the English key list in server/l10n is up to date (node --import tsx scripts/l10n/sync.ts)', () => {
    const english = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'server', 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(english).sort(), keys);
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const bundle = bundleOf(locale);
      it('misses no key and has no extra one', () => {
        assert.deepEqual(keys.filter((k) => !(k in bundle)), [], 'missing');
        assert.deepEqual(Object.keys(bundle).filter((k) => !keys.includes(k)), [], 'extra');
      });
      it('keeps every {n} placeholder (in each plural form of a count)', () => {
        const forms = (key: string, value: string) => (plurals.has(key) ? value.split('|') : [value]);
        const lost = Object.entries(bundle).filter(([key, value]) => forms(key, value).some((form) => placeholders(key).join() !== placeholders(form).join()));
        assert.deepEqual(lost.map(([key]) => key), []);
      });
      it('gives a count either one form or one per plural category of the language', () => {
        const wrong = [...plurals].filter((key) => bundle[key].includes('|') && bundle[key].split('|').length !== pluralForms(locale));
        assert.deepEqual(wrong, []);
      });
      it('has no empty message and keeps leading spaces of fragments', () => {
        for (const [key, value] of Object.entries(bundle)) {
          assert.ok(value.trim().length > 0, key);
          assert.equal(value.startsWith(' '), key.startsWith(' '), key);
        }
      });
      it('translates the sentences (no long message left in English)', () => {
        const untranslated = Object.entries(bundle).filter(([key, value]) => key === value && key.split(' ').length > 3);
        assert.deepEqual(untranslated.map(([key]) => key), []);
      });
    });
  }
});

describe('locale choice', () => {
  afterEach(() => setLocale(undefined));

  it('fills English placeholders exactly as @vscode/l10n does', () => {
    setLocale(undefined);
    const cases: [string, ...(string | number | boolean)[]][] = [
      ['a {0} b {1}', 'x', 2],
      ['{0}{0}', ''],
      ['{{0}', 'q'],
      ['{} {0}', true],
      ['{length} {0}', 'z'],
      ['no placeholder', 'unused'],
      ['{0} and no argument'],
      ['{2} {1}', 'a', 'b'],
      ['{0}', '{1}', 'w'],
      ['{ 0 } {0}', 7],
    ];
    for (const [message, ...args] of cases) assert.equal(t(message, ...args), l10n.t(message, ...args), message);
  });

  it('maps VS Code, BCP 47 and POSIX names to a bundle', () => {
    assert.equal(bundledLocale('ru'), 'ru');
    assert.equal(bundledLocale('ru_RU.UTF-8'), 'ru');
    assert.equal(bundledLocale('tr-TR'), 'tr');
    assert.equal(bundledLocale('es_ES@euro'), 'es');
    assert.equal(bundledLocale('es-419'), 'es');
    assert.equal(bundledLocale('pt-br'), 'pt-br');
    assert.equal(bundledLocale('PT_BR'), 'pt-br');
    assert.equal(bundledLocale('pt-BR'), 'pt-br');
  });

  it('speaks English for C, POSIX, English, unset and languages without a bundle', () => {
    for (const tag of ['C', 'POSIX', 'C.UTF-8', 'en', 'en_US.UTF-8', '', undefined, null, 'de-DE', 'pt', 'pt_PT']) {
      assert.equal(bundledLocale(tag), undefined, String(tag));
    }
  });

  it('formats numbers and durations for the language, and English as always', () => {
    assert.equal(formatDuration(12_345), '12.3 s');
    assert.equal(formatDuration(3_723_000), '1 h 02 m');
    assert.equal(formatPercent(0.6), '60%');
    assert.equal(formatNumber(12345), '12345');
    setLocale('ru');
    assert.equal(formatDuration(12_345), '12,3 с');
    assert.equal(formatDuration(245_000), '4 мин 05 с');
    assert.equal(formatNumber(12345), '12\u00a0345');
    setLocale('tr');
    assert.equal(formatPercent(0.6), '%60');
    setLocale('pt-BR');
    assert.equal(formatDuration(12_345), '12,3 s');
    assert.equal(formatNumber(12345), '12.345');
  });

  it('words counts with the plural forms of the language', () => {
    assert.deepEqual([1, 2, 5].map((n) => tn(n, '{0} time', '{0} times')), ['1 time', '2 times', '5 times']);
    setLocale('ru');
    assert.deepEqual(
      [1, 2, 4, 5, 11, 21, 22, 25, 111].map((n) => tn(n, '{0} time', '{0} times')),
      ['1 раз', '2 раза', '4 раза', '5 раз', '11 раз', '21 раз', '22 раза', '25 раз', '111 раз'],
    );
    assert.deepEqual([1, 3, 5, 21].map((n) => tn(n, '{0} leg', '{0} legs')), ['1 плечо', '3 плеча', '5 плеч', '21 плечо']);
    assert.deepEqual([1, 2, 7].map((n) => tn(n, '{0} file', '{0} files')), ['1 файл', '2 файла', '7 файлов']);
    assert.equal(tn(12345, '{0} call', '{0} calls'), '12\u00a0345 вызовов');
    setLocale('tr');
    assert.deepEqual([1, 2].map((n) => tn(n, '{0} leg', '{0} legs')), ['1 bacak', '2 bacak']);
    setLocale('es');
    assert.deepEqual([1, 2].map((n) => tn(n, '{0} leg', '{0} legs')), ['1 tramo', '2 tramos']);
    setLocale('pt-br');
    assert.deepEqual([1, 2].map((n) => tn(n, '{0} file', '{0} files')), ['1 arquivo', '2 arquivos']);
  });

  it('translates a catalogue entry and falls back to English after', () => {
    setLocale('es');
    assert.match(describeStatus(486).meaning, /ocupado/);
    setLocale('C');
    assert.match(describeStatus(486).meaning, /busy/);
  });

  it('words parser problems in the language, and still tells a bad CSeq from a missing one', () => {
    const text = 'INVITE sip:2002@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nFrom: <sip:1001@192.0.2.1>;tag=a\r\nTo: <sip:2002@192.0.2.2>\r\nCSeq: x INVITE\r\n\r\n';
    setLocale('ru');
    assert.deepEqual(parseSipMessage(text).problems, ['некорректный CSeq "x INVITE"', 'нет заголовка Call-ID']);
    setLocale(undefined);
    assert.deepEqual(parseSipMessage(text).problems, ['bad CSeq "x INVITE"', 'missing Call-ID header']);
  });
});
