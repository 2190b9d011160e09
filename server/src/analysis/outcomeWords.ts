// Outcome words (★ protocol tokens: `busy` stays `busy`) and the translated label that may
// follow them where people read them: hovers, tables, code lenses, the outline.
import { currentLocale, t } from './l10n';
import type { Outcome } from './types';

/** The outcome in the reader's words; the English word itself in English. */
export function outcomeLabel(outcome: Outcome): string {
  switch (outcome) {
    case 'answered':
      return t('answered');
    case 'busy':
      return t('busy');
    case 'redirected':
      return t('redirected');
    case 'route-blocked':
      return t('route-blocked');
    case 'no-answer':
      return t('no-answer');
    case 'cancelled':
      return t('cancelled');
    case 'failed':
      return t('failed');
    case 'no-final':
      return t('no-final');
  }
}

/**
 * The outcome word, quoted with `quote` (e.g. a Markdown backtick), then its translated label in
 * parentheses when SIP Lens speaks another language: `` `busy` (занято) ``. English: `` `busy` ``.
 */
export function outcomeWithLabel(outcome: Outcome, quote = ''): string {
  const word = `${quote}${outcome}${quote}`;
  if (currentLocale() === undefined) return word;
  const label = outcomeLabel(outcome);
  return label === outcome ? word : `${word} (${label})`;
}
