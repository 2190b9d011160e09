// The status bar wording, kept pure so it can be tested without VS Code.
import * as l10n from '@vscode/l10n';
import type { Summary } from '../../server/src/protocol';
import { computeKpis, formatPercent } from './panel/viewModel';
import { formatNumber } from '../../server/src/analysis/l10n';
import { plural } from './plural';

/** "SIP: 42 calls · 3 route-blocked · ASR 57%" (`route-blocked` is the outcome word, kept as is). */
export function statusText(summary: Summary): string {
  const calls = summary.calls.length;
  const kpis = computeKpis(summary.calls);
  return l10n.t(
    'SIP: {0} · {1} route-blocked · ASR {2}',
    plural(calls, l10n.t('{0} call'), l10n.t('{0} calls')),
    formatNumber(summary.totals['route-blocked'] ?? 0),
    formatPercent(kpis.asr),
  );
}
