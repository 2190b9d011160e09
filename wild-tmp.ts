import { readFileSync } from 'node:fs';
import { analyzeCapture } from './server/src/analysis/capture';
const dir = '/work/shared/wild-captures/';
const truth = JSON.parse(readFileSync(dir + 'truth.json', 'utf8'));
const only = process.argv[2];
for (const t of truth) {
  if (only && !t.file.includes(only)) continue;
  const t0 = performance.now();
  const r = analyzeCapture(readFileSync(dir + t.file));
  const ms = performance.now() - t0;
  const calls = new Map(r.analysis.calls.map((c) => [c.callId, c]));
  const bad: string[] = [];
  for (const want of t.calls) {
    const c = calls.get(want.callId);
    if (!c) { bad.push(`missing call ${want.callId}`); continue; }
    if (c.outcome !== want.outcome || c.finalStatus !== want.finalStatus || c.endedBy !== want.endedBy) bad.push(`${want.callId}: got ${c.outcome}/${c.finalStatus}/${c.endedBy} want ${want.outcome}/${want.finalStatus}/${want.endedBy}`);
  }
  for (const id of t.transactions_only) if (calls.has(id)) bad.push(`non-call ${id} is a call`);
  if (calls.size !== t.calls.length) bad.push(`calls ${calls.size} vs ${t.calls.length}`);
  console.log(`${bad.length ? 'FAIL' : 'ok  '} ${t.file} msgs=${r.analysis.messages.length} calls=${calls.size} ${ms.toFixed(0)}ms enc=${r.encapsulations.join(',')} notices=${r.analysis.notices.map(n=>n.message).join(' | ')}`);
  for (const b of bad.slice(0, 8)) console.log('     ' + b);
}
