// Counts in words for the client's own messages. `l10n.t` looks both English forms up (so the
// l10n export finds them); a translation may give one form per plural category of its language,
// separated by `|` in the order zero, one, two, few, many, other, as the server's bundles do
// (Russian: `{0} вызов|{0} вызова|{0} вызовов`). Pure: the language is the one the extension set.
import { formatNumber, intlLocale } from '../../server/src/analysis/l10n';

const PLURAL_ORDER: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * `one` (for 1) or `other`, both already translated by `l10n.t` with their `{0}` left in, the
 * form chosen by `Intl.PluralRules`; `{0}` becomes the count formatted for the language and
 * `{1}`… the further arguments.
 */
export function plural(count: number, one: string, other: string, ...args: Array<string | number>): string {
  let text = count === 1 ? one : other;
  if (text.includes('|')) {
    const rules = new Intl.PluralRules(intlLocale());
    const categories = PLURAL_ORDER.filter((c) => rules.resolvedOptions().pluralCategories.includes(c));
    const forms = text.split('|');
    text = (forms.length === categories.length ? forms[categories.indexOf(rules.select(count))] : undefined) ?? forms[forms.length - 1];
  }
  const values = [formatNumber(count), ...args.map(String)];
  return text.replace(/\{(\d+)\}/g, (whole, n: string) => values[Number(n)] ?? whole);
}
