// The language SIP Lens speaks: English by default, or one of the bundled translations.
// Messages are looked up by their English text (the @vscode/l10n convention), so English needs
// no bundle and an untranslated string falls back to itself. The process (language server, CLI
// or analysis worker) chooses the language once, before it produces any text.
import * as l10n from '@vscode/l10n';
import esBundle from '../../l10n/bundle.l10n.es.json';
import ptBrBundle from '../../l10n/bundle.l10n.pt-br.json';
import ruBundle from '../../l10n/bundle.l10n.ru.json';
import trBundle from '../../l10n/bundle.l10n.tr.json';

/** The languages with a bundle, as VS Code names them. */
export const LOCALES = ['ru', 'tr', 'es', 'pt-br'] as const;
export type Locale = (typeof LOCALES)[number];

const BUNDLES: Readonly<Record<Locale, Record<string, string>>> = { ru: ruBundle, tr: trBundle, es: esBundle, 'pt-br': ptBrBundle };

let current: Locale | undefined;

/**
 * The bundled language for a locale tag: VS Code's (`ru`, `pt-br`), BCP 47 (`pt-BR`, `tr-TR`)
 * or POSIX (`ru_RU.UTF-8`, `pt_BR`). Undefined means English: `C`, `POSIX`, English itself and
 * any language without a bundle. Portuguese other than Brazil's falls back to English.
 */
export function bundledLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const normal = tag.trim().replace(/[.@].*$/, '').replace(/_/g, '-').toLowerCase();
  if (normal === 'pt-br' || normal === 'pt') return normal === 'pt' ? undefined : 'pt-br';
  const language = normal.split('-')[0];
  return (LOCALES as readonly string[]).includes(language) && language !== 'pt-br' ? (language as Locale) : undefined;
}

/**
 * Switches the process to the language of `tag` (English when it has no bundle). `more` adds
 * messages of another bundle for the same language: the extension host, which runs this library
 * for the panel, adds the client's own translations (VS Code's `l10n/` bundle) to the server's.
 */
export function setLocale(tag: string | undefined | null, more: Readonly<Record<string, string>> = {}): Locale | undefined {
  current = bundledLocale(tag);
  l10n.config({ contents: { ...(current ? BUNDLES[current] : {}), ...(current ? more : {}) } });
  return current;
}

/** BCP 47 tag of the language in use for `Intl` (`pt-BR`), or `en` for English. */
export function intlLocale(): string {
  return intlTag() ?? 'en';
}

/** The language in use; undefined is English. */
export function currentLocale(): Locale | undefined {
  return current;
}

/** The bundle of a language, for tests that check every bundle against the English keys. */
export function bundleOf(locale: Locale): Readonly<Record<string, string>> {
  return BUNDLES[locale];
}

/** A message in the current language; `{0}`, `{1}`… are replaced by `args`. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  // English is the message itself: filled in here, as l10n.t would, without its lookup — the
  // findings and verdicts of a big trace ask for a few hundred thousand messages.
  if (current === undefined) return fill(message, args);
  return l10n.t(message, ...args);
}

const PLACEHOLDER = /{([^}]+)}/g;

/** A template cut at its placeholders: text, key, text, key, …, text (keys as PLACEHOLDER reads them). */
type Pieces = readonly string[];

/**
 * Templates already cut: the findings and verdicts fill the same few hundred templates again and
 * again. Bounded, though every template is a literal in the code: a caller may pass any text.
 */
const cut = new Map<string, Pieces>();
const CUT_LIMIT = 2048;

function piecesOf(template: string): Pieces {
  let pieces = cut.get(template);
  if (pieces === undefined) {
    const list: string[] = [];
    let last = 0;
    PLACEHOLDER.lastIndex = 0;
    for (let match = PLACEHOLDER.exec(template); match; match = PLACEHOLDER.exec(template)) {
      list.push(template.slice(last, match.index), match[1]);
      last = match.index + match[0].length;
    }
    list.push(template.slice(last));
    if (cut.size >= CUT_LIMIT) cut.clear();
    cut.set(template, (pieces = list));
  }
  return pieces;
}

/** `{0}`, `{1}`… of `template` replaced by `args`, exactly as @vscode/l10n formats a message. */
function fill(template: string, args: ReadonlyArray<string | number | boolean>): string {
  if (args.length === 0 || template.indexOf('{') === -1) return template;
  const values = args as unknown as Readonly<Record<string, string | number | boolean | undefined>>;
  const pieces = piecesOf(template);
  let out = pieces[0];
  for (let i = 1; i < pieces.length; i += 2) {
    const key = pieces[i];
    const value = values[key];
    out += (value === undefined ? `{${key}}` : String(value)) + pieces[i + 1];
  }
  return out;
}

/**
 * A message looked up by text that lives in a catalogue rather than in a `t('…')` call
 * (the extraction of keys reads catalogues through their own accessors).
 */
export function tr(message: string): string {
  // English is the message itself (as in `t`).
  if (current === undefined) return message;
  return l10n.t(message);
}

/** BCP 47 tag for Intl; English keeps the formats SIP Lens has always printed. */
function intlTag(): string | undefined {
  return current === 'pt-br' ? 'pt-BR' : current;
}

/** A number for the reader: `1 234,5` in Russian, `1234.5` (as always) in English. */
export function formatNumber(value: number, fractionDigits?: number): string {
  const tag = intlTag();
  if (!tag) return fractionDigits === undefined ? String(value) : value.toFixed(fractionDigits);
  return new Intl.NumberFormat(tag, fractionDigits === undefined ? { maximumFractionDigits: 20 } : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** A size in whole megabytes (10^6 bytes, at least 1), for the reader: `537` for the longest string. */
export function formatMegabytes(bytes: number): string {
  return formatNumber(Math.max(1, Math.round(bytes / 1e6)));
}

/** The plural categories a translation lists its forms in, when it gives several (`a|b|c`). */
const PLURAL_ORDER: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * A count in words: English picks `one` for 1 and `other` otherwise (both are keys, as with `t`);
 * a translation may give one form per plural category of its language, separated by `|` in the
 * order zero, one, two, few, many, other (Russian: `{0} раз|{0} раза|{0} раз|{0} раза`), and the
 * form is chosen by `Intl.PluralRules`. `{0}` is the count, formatted for the language.
 */
export function tn(count: number, one: string, other: string, ...args: Array<string | number | boolean>): string {
  const text = t(count === 1 ? one : other, formatNumber(count), ...args);
  const tag = intlTag();
  if (!tag || !text.includes('|')) return text;
  const rules = new Intl.PluralRules(tag);
  const categories = PLURAL_ORDER.filter((c) => rules.resolvedOptions().pluralCategories.includes(c));
  const forms = text.split('|');
  if (forms.length !== categories.length) return forms[forms.length - 1];
  return forms[categories.indexOf(rules.select(count))] ?? forms[forms.length - 1];
}

/** The forms of a plural translation, for checking bundles: `a|b|c` → 3 forms. */
export function pluralForms(locale: Locale): number {
  return new Intl.PluralRules(locale === 'pt-br' ? 'pt-BR' : locale).resolvedOptions().pluralCategories.length;
}
