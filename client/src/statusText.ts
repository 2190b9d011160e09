// The status bar wording, kept pure so it can be tested without VS Code.

import type { Summary } from '../../server/src/protocol';
import { computeKpis, formatPercent } from './panel/viewModel';

/** "SIP: 42 calls · 3 route-blocked · ASR 57%" */
export function statusText(summary: Summary): string {
  const calls = summary.calls.length;
  const kpis = computeKpis(summary.calls);
  return `SIP: ${calls} ${calls === 1 ? 'call' : 'calls'} · ${summary.totals['route-blocked'] ?? 0} route-blocked · ASR ${formatPercent(kpis.asr)}`;
}
