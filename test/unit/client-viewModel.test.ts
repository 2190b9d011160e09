import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFlow, Summary, SummaryCall } from '../../server/src/protocol';
import { OUTCOMES, type Outcome } from '../../server/src/analysis/types';
import {
  buildLadder,
  buildPanelView,
  codeHistogram,
  computeKpis,
  countFindings,
  DEFAULT_QUERY,
  formatDuration,
  formatPercent,
  groupByPrefix,
  LADDER,
  ladderGaps,
  ladderTextWidth,
  queryRows,
  routeBlockedView,
  statusClass,
} from '../../client/src/panel/viewModel';
import { parseWebviewMessage } from '../../client/src/panel/messages';
import { csvCell, mdCode, summaryToCsv, summaryToMarkdown } from '../../client/src/panel/export';
import { statusText } from '../../client/src/statusText';

let nextLine = 0;
function call(overrides: Partial<SummaryCall> & { outcome: Outcome }): SummaryCall {
  const startLine = (nextLine += 10);
  return {
    callId: `call-${startLine}@host`,
    from: '1000',
    to: '2000',
    startTime: null,
    startClock: null,
    startLine,
    finalStatus: null,
    finalReason: null,
    finalLine: null,
    cause: null,
    endedBy: null,
    setupMs: null,
    pddMs: null,
    durationMs: null,
    outgoing: true,
    messageCount: 4,
    findings: [],
    verdict: 'A verdict.',
    group: null,
    ...overrides,
  };
}

function summaryOf(calls: SummaryCall[], transactions: Summary['transactions'] = []): Summary {
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Summary['totals'];
  for (const c of calls) totals[c.outcome]++;
  return { format: 'sipp', messages: calls.length * 4, calls, transactions, totals, malformed: 0, notices: [] };
}

const answered1 = call({
  outcome: 'answered',
  finalStatus: 200,
  finalReason: 'OK',
  setupMs: 1000,
  pddMs: 300,
  durationMs: 30_000,
  endedBy: 'local',
  startTime: '2026-11-21T10:00:05.000Z',
  startClock: '10:00:05.000',
});
const answered2 = call({
  outcome: 'answered',
  finalStatus: 200,
  finalReason: 'OK',
  setupMs: 3000,
  pddMs: 500,
  durationMs: 90_000,
  endedBy: 'remote',
  startTime: '2026-11-21T10:00:01.000Z',
  startClock: '10:00:01.000',
});
const busy = call({ outcome: 'busy', finalStatus: 486, finalReason: 'Busy Here', cause: 'Q.850 17 User busy', setupMs: 800, from: 'alice' });
const blockedA = call({ outcome: 'route-blocked', finalStatus: 903, finalReason: 'Route blocked', to: '+4930123456' });
const blockedB = call({ outcome: 'route-blocked', finalStatus: 903, finalReason: 'Route blocked', to: '+4930999000' });
const blockedC = call({ outcome: 'route-blocked', finalStatus: 903, finalReason: 'Prefix not allowed', to: '+4930123456' });
const blockedD = call({ outcome: 'route-blocked', finalStatus: 903, finalReason: 'Route blocked', to: '+447700900123' });
const noFinal = call({ outcome: 'no-final' });
const calls = [answered1, answered2, busy, blockedA, blockedB, blockedC, blockedD, noFinal];
const summary = summaryOf(calls, [{ method: 'OPTIONS', callId: 'opt-1', startLine: 1, finalStatus: 200, finalReason: 'OK', findings: [] }]);

describe('formatting', () => {
  it('formats durations at every scale and unknowns as a dash', () => {
    assert.equal(formatDuration(null), '—');
    assert.equal(formatDuration(350), '350 ms');
    assert.equal(formatDuration(12_345), '12.3 s');
    assert.equal(formatDuration(245_000), '4 m 05 s');
    assert.equal(formatDuration(3_840_000), '1 h 04 m');
  });

  it('formats ratios as whole percent', () => {
    assert.equal(formatPercent(4 / 7), '57%');
    assert.equal(formatPercent(null), '—');
  });

  it('classes status codes, 9xx apart', () => {
    assert.deepEqual([100, 200, 302, 486, 503, 603, 903, 777, null].map(statusClass), [
      'provisional',
      'success',
      'redirect',
      'client-error',
      'server-error',
      'global-failure',
      'route-blocked',
      'nonstandard',
      'none',
    ]);
  });
});

describe('KPIs', () => {
  it('computes ASR over all attempts and averages over the calls that have a value', () => {
    const k = computeKpis(calls);
    assert.equal(k.attempts, 8);
    assert.equal(k.answered, 2);
    assert.equal(k.asr, 0.25);
    assert.equal(k.avgSetupMs, 2000, 'setup averages answered calls only');
    assert.equal(k.avgPddMs, 400);
    assert.equal(k.acdMs, 60_000);
    assert.equal(k.endedByLocal, 1);
    assert.equal(k.endedByRemote, 1);
  });

  it('has no ASR and no averages without calls', () => {
    const k = computeKpis([]);
    assert.equal(k.asr, null);
    assert.equal(k.avgSetupMs, null);
    assert.equal(k.acdMs, null);
  });
});

describe('panel view', () => {
  it('lists every outcome with count and share, zeros included', () => {
    const view = buildPanelView(summary, 'trace.sip');
    assert.deepEqual(
      view.outcomes.map((o) => o.outcome),
      [...OUTCOMES],
    );
    const blocked = view.outcomes.find((o) => o.outcome === 'route-blocked');
    assert.equal(blocked?.count, 4);
    assert.equal(blocked?.shareText, '50%');
    assert.equal(view.outcomes.find((o) => o.outcome === 'cancelled')?.count, 0);
    assert.equal(view.kpis.find((k) => k.id === 'asr')?.value, '25%');
    assert.equal(view.callCount, 8);
    assert.equal(view.transactionCount, 1);
    assert.equal(view.capture, false, 'a text trace offers no text trace of itself');
  });

  it('marks the summaries of packet captures, whose lines are those of their text', () => {
    assert.equal(buildPanelView({ ...summary, format: 'pcap' }, 'trace.pcap').capture, true);
    assert.equal(buildPanelView({ ...summary, format: 'pcapng' }, 'trace.pcapng').capture, true);
    assert.equal(buildPanelView({ ...summary, format: 'ngrep' }, 'trace.pcap.txt').capture, false);
  });

  it('builds a code histogram with reasons and causes, most frequent first', () => {
    const codes = codeHistogram(calls);
    assert.equal(codes[0].code, '903');
    assert.equal(codes[0].count, 4);
    assert.deepEqual(codes[0].reasons, [
      { text: 'Route blocked', count: 3 },
      { text: 'Prefix not allowed', count: 1 },
    ]);
    const busyCode = codes.find((c) => c.code === '486');
    assert.deepEqual(busyCode?.causes, [{ text: 'Q.850 17 User busy', count: 1 }]);
    assert.equal(codes.find((c) => c.code === 'none')?.statusClass, 'none');
  });

  it('collects the dialled numbers of route-blocked calls and their shared prefixes', () => {
    const rb = routeBlockedView(calls);
    assert.ok(rb);
    assert.equal(rb.calls, 4);
    assert.deepEqual(rb.numbers[0], { text: '+4930123456', count: 2 });
    assert.equal(rb.groups[0].prefix, '+4930');
    assert.equal(rb.groups[0].calls, 3);
    assert.equal(rb.groups[0].callsText, '3 calls');
    assert.equal(rb.groups[1].callsText, '1 call');
    assert.equal(rb.groups[0].shared, true);
    assert.equal(rb.groups[1].prefix, '+447700900123');
    assert.equal(rb.groups[1].shared, false);
    assert.equal(routeBlockedView([answered1]), null);
  });
});

describe('groupByPrefix', () => {
  const n = (...texts: string[]) => texts.map((text) => ({ text, count: 1 }));

  it('groups by the longest prefix the numbers share', () => {
    const groups = groupByPrefix(n('0049301111', '0049302222', '0049303333'));
    assert.equal(groups.length, 1);
    assert.equal(groups[0].prefix, '004930');
  });

  it('keeps different country codes apart despite a shared international lead', () => {
    const groups = groupByPrefix(n('+4930111', '+4411122', '00491234', '00441234'));
    assert.deepEqual(groups.map((g) => g.prefix).sort(), ['+4411122', '+4930111', '00441234', '00491234']);
  });

  it('groups national numbers by area code', () => {
    const groups = groupByPrefix(n('0301234', '0305678', '0891234'));
    assert.equal(groups[0].prefix, '030');
    assert.equal(groups[0].numbers.length, 2);
    assert.equal(groups[1].shared, false);
  });

  it('returns nothing for no numbers and ignores empty ones', () => {
    assert.deepEqual(groupByPrefix([]), []);
    assert.deepEqual(groupByPrefix(n('')), []);
  });
});

describe('rows', () => {
  it('name the frame of a capture call beside its line, for finding it in Wireshark', () => {
    const fromCapture = { ...summary, format: 'pcapng' as const, calls: [{ ...answered1, startFrame: 7, finalFrame: 12 }] };
    const [row] = queryRows(fromCapture, DEFAULT_QUERY).rows;
    assert.match(row.timeDetail, / · frame 7 · line \d+$/);
    const [textRow] = queryRows({ ...summary, calls: [answered1] }, DEFAULT_QUERY).rows;
    assert.doesNotMatch(textRow.timeDetail, /frame/);
  });

  it('sorts by time with unknown times last and hides transactions by default', () => {
    const page = queryRows(summary, DEFAULT_QUERY);
    assert.equal(page.matched, 8);
    assert.equal(page.total, 8);
    assert.equal(page.rows[0].callId, answered2.callId, 'earliest start time first');
    assert.equal(page.rows[1].callId, answered1.callId);
    assert.ok(page.rows.every((r) => r.kind === 'call'));
  });

  it('sorts descending, still with unknown values last', () => {
    const rows = queryRows(summary, { ...DEFAULT_QUERY, sortKey: 'duration', sortDir: 'desc' }).rows;
    assert.equal(rows[0].callId, answered2.callId);
    assert.equal(rows[1].callId, answered1.callId);
    assert.equal(rows[2].duration, '—');
  });

  it('filters by outcome and by free text in numbers, codes, reasons and causes', () => {
    assert.equal(queryRows(summary, { ...DEFAULT_QUERY, outcomes: ['route-blocked'] }).matched, 4);
    assert.equal(queryRows(summary, { ...DEFAULT_QUERY, outcomes: ['busy', 'no-final'] }).matched, 2);
    assert.equal(queryRows(summary, { ...DEFAULT_QUERY, text: 'USER BUSY' }).rows[0].callId, busy.callId);
    assert.equal(queryRows(summary, { ...DEFAULT_QUERY, text: '+4930' }).matched, 3);
    assert.equal(queryRows(summary, { ...DEFAULT_QUERY, text: '903' }).matched, 4);
    assert.equal(queryRows(summary, { ...DEFAULT_QUERY, text: 'no such thing' }).matched, 0);
  });

  it('shows transactions on request, with the method as outcome', () => {
    const page = queryRows(summary, { ...DEFAULT_QUERY, showTransactions: true });
    assert.equal(page.total, 9);
    const t = page.rows.find((r) => r.kind === 'transaction');
    assert.equal(t?.outcome, 'OPTIONS');
    assert.equal(t?.final, '200 OK');
  });

  it('formats cells: final code with reason, who hung up, times', () => {
    const row = queryRows(summary, { ...DEFAULT_QUERY, text: answered1.callId }).rows[0];
    assert.equal(row.final, '200 OK');
    assert.equal(row.finalClass, 'success');
    assert.equal(row.endedBy, 'local');
    assert.equal(row.setup, '1.0 s');
    assert.equal(row.pdd, '300 ms');
    assert.equal(row.duration, '30.0 s');
    assert.equal(row.time, '10:00:05.000');
    assert.equal(row.line, answered1.startLine);
  });

  it('caps the rows drawn but reports how many matched', () => {
    const many = summaryOf(Array.from({ length: 30 }, () => call({ outcome: 'failed', finalStatus: 500 })));
    const page = queryRows(many, DEFAULT_QUERY, 10);
    assert.equal(page.rows.length, 10);
    assert.equal(page.matched, 30);
  });
});

describe('ladder', () => {
  const flow: CallFlow = {
    callId: 'c1',
    parties: [
      { id: 'a', label: '10.0.0.1:5060', local: true },
      { id: 'b', label: 'a-very-long-host-name.example.com:5060', local: false },
    ],
    arrows: [
      { from: 'a', to: 'b', label: 'INVITE', kind: 'request', status: null, relativeMs: 0, line: 3, retransmission: false, hasSdp: true, findings: [] },
      { from: 'a', to: 'b', label: 'INVITE', kind: 'request', status: null, relativeMs: 500, line: 20, retransmission: true, hasSdp: true, findings: [] },
      { from: 'b', to: 'a', label: '903 Route blocked', kind: 'response', status: 903, relativeMs: 1234, line: 40, retransmission: false, hasSdp: false, findings: [] },
      { from: 'a', to: 'zz', label: 'ACK', kind: 'request', status: null, relativeMs: null, line: 50, retransmission: false, hasSdp: false, findings: [] },
    ],
  };

  it('keeps the frame of each message of a capture, and none for text traces', () => {
    const fromCapture = buildLadder({ ...flow, arrows: flow.arrows.map((arrow, i) => ({ ...arrow, frame: 40 + i })) });
    assert.deepEqual(
      fromCapture.arrows.map((a) => a.frame),
      [40, 41, 42, 43],
    );
    assert.ok(buildLadder(flow).arrows.every((a) => a.frame === null));
  });

  it('places lanes and arrows, going left or right', () => {
    const view = buildLadder(flow);
    assert.equal(view.lanes.length, 2);
    const gap = view.lanes[1].x - view.lanes[0].x;
    assert.ok(gap >= LADDER.minLaneSpacing && gap <= LADDER.maxLaneSpacing, `gap ${gap}`);
    assert.ok(view.lanes[1].label.length <= LADDER.maxLabel && view.lanes[1].label.endsWith('…'));
    assert.equal(view.lanes[1].detail, 'a-very-long-host-name.example.com:5060');
    assert.equal(view.lanes[0].detail, '10.0.0.1:5060 (local)');
    const [invite, retrans, blocked, ack] = view.arrows;
    assert.ok(invite.x1 < invite.x2, 'request goes right');
    assert.ok(blocked.x1 > blocked.x2, 'answer comes back left');
    assert.ok(retrans.y > invite.y && blocked.y > retrans.y);
    assert.equal(retrans.retransmission, true);
    assert.equal(blocked.statusClass, 'route-blocked');
    assert.equal(invite.statusClass, 'request');
    assert.equal(blocked.time, '+1.234 s');
    assert.equal(ack.time, '');
    assert.equal(ack.self, true, 'an unknown party draws on the sender lane');
    assert.equal(blocked.line, 40);
    assert.ok(view.height > ack.y && view.width > view.lanes[1].x);
    assert.equal(view.omitted, 0);
    assert.equal(invite.text, 'INVITE (SDP)');
    assert.equal(retrans.text, '↻ INVITE (SDP)');
    assert.equal(blocked.text, '903 Route blocked');
  });
});

describe('ladder spacing', () => {
  const party = (id: string, label = id): CallFlow['parties'][number] => ({ id, label, local: false });
  const arrow = (from: string, to: string, label: string, extra: Partial<CallFlow['arrows'][number]> = {}): CallFlow['arrows'][number] => ({
    from,
    to,
    label,
    kind: /^\d/.test(label) ? 'response' : 'request',
    status: /^\d/.test(label) ? Number(label.slice(0, 3)) : null,
    relativeMs: null,
    line: 0,
    retransmission: false,
    hasSdp: false,
    findings: [],
    ...extra,
  });
  /** The arrow label's drawn extent must stay between its two lane lines. */
  function assertLabelBetweenLanes(view: ReturnType<typeof buildLadder>): void {
    for (const a of view.arrows.filter((x) => !x.self)) {
      const half = ladderTextWidth(a.text) / 2;
      const middle = (a.x1 + a.x2) / 2;
      assert.ok(middle - half >= Math.min(a.x1, a.x2) + LADDER.labelPad - 0.01, `"${a.text}" starts right of its left lane`);
      assert.ok(middle + half <= Math.max(a.x1, a.x2) - LADDER.labelPad + 0.01, `"${a.text}" ends left of its right lane`);
    }
  }

  it('short labels keep the narrowest spacing', () => {
    const view = buildLadder({
      callId: 'c',
      parties: [party('a', '10.0.0.1:5060'), party('b', '10.0.0.2:5060')],
      arrows: [arrow('a', 'b', 'INVITE'), arrow('b', 'a', '200 OK'), arrow('a', 'b', 'ACK')],
    });
    assert.equal(view.lanes[1].x - view.lanes[0].x, LADDER.minLaneSpacing);
    assertLabelBetweenLanes(view);
  });

  it('a long response label widens only the gap it is drawn in', () => {
    const view = buildLadder({
      callId: 'c',
      parties: [party('a'), party('b'), party('c')],
      arrows: [
        arrow('a', 'b', 'INVITE', { hasSdp: true }),
        arrow('b', 'c', 'INVITE'),
        arrow('c', 'b', '407 Proxy Authentication Required', { retransmission: true }),
      ],
    });
    const [ab, bc] = [view.lanes[1].x - view.lanes[0].x, view.lanes[2].x - view.lanes[1].x];
    assert.equal(ab, LADDER.minLaneSpacing, 'the a–b gap holds only short labels');
    assert.ok(bc > LADDER.minLaneSpacing, `the b–c gap grew (${bc})`);
    const challenge = view.arrows[2];
    assert.equal(challenge.text, '↻ 407 Proxy Authentication Required', 'nothing shortened');
    assert.equal(challenge.label, '407 Proxy Authentication Required');
    assert.equal(bc, Math.ceil(ladderTextWidth(challenge.text) + 2 * LADDER.labelPad), 'just wide enough');
    assertLabelBetweenLanes(view);
    assert.ok(view.width >= view.lanes[2].x + LADDER.marginX);
  });

  it('a label too long for the widest spacing is shortened with an ellipsis, the full text kept for the tooltip', () => {
    const reason = `480 ${'Temporarily Unavailable because the far end said so '.repeat(40)}`;
    const view = buildLadder({
      callId: 'c',
      parties: [party('a'), party('b')],
      arrows: [arrow('a', 'b', 'INVITE'), arrow('b', 'a', reason, { hasSdp: true })],
    });
    assert.equal(view.lanes[1].x - view.lanes[0].x, LADDER.maxLaneSpacing);
    const [, answer] = view.arrows;
    assert.equal(answer.label, reason);
    assert.ok(answer.text.startsWith('480 Temporarily'), answer.text);
    assert.ok(answer.text.endsWith('… (SDP)'), `the SDP mark survives: ${answer.text}`);
    assert.ok(answer.text.length < reason.length);
    assertLabelBetweenLanes(view);
    assert.ok(view.width < 2 * LADDER.marginX + LADDER.maxLaneSpacing + 1, 'the drawing stays narrow');
  });

  it('wide characters count double and are never split', () => {
    const reason = `404 ${'番号が見つかりません😀'.repeat(10)}`;
    const view = buildLadder({ callId: 'c', parties: [party('a'), party('b')], arrows: [arrow('b', 'a', reason)] });
    const [answer] = view.arrows;
    assert.ok(answer.text.endsWith('…'));
    assert.ok(!/[\uD800-\uDBFF]…$/.test(answer.text), 'no lone high surrogate before the ellipsis');
    assertLabelBetweenLanes(view);
  });

  it('an arrow across several lanes widens those gaps evenly when their sum is too small', () => {
    const label = '503 Service Unavailable — all trunks busy right now, try again';
    const gaps = ladderGaps(['a', 'b', 'c'], [{ from: 0, to: 2, width: ladderTextWidth(label) }]);
    assert.equal(gaps[0], gaps[1]);
    assert.ok(gaps[0] + gaps[1] >= ladderTextWidth(label) + 2 * LADDER.labelPad);
    const short = ladderGaps(['a', 'b', 'c'], [{ from: 0, to: 2, width: ladderTextWidth('BYE') }]);
    assert.deepEqual(short, [LADDER.minLaneSpacing, LADDER.minLaneSpacing]);
  });

  it('long lane names push their lanes apart so the names do not overlap', () => {
    const name = 'x'.repeat(LADDER.maxLabel);
    const gaps = ladderGaps([name, name], []);
    assert.ok(gaps[0] >= ladderTextWidth(name) + LADDER.laneLabelGap, `gap ${gaps[0]}`);
    const view = buildLadder({ callId: 'c', parties: [party('a', name), party('b', name)], arrows: [] });
    assert.ok(view.lanes[0].x - ladderTextWidth(view.lanes[0].label) / 2 >= 0, 'the first name is not cut at the left edge');
    assert.ok(view.lanes[1].x + ladderTextWidth(view.lanes[1].label) / 2 <= view.width, 'nor the last at the right edge');
  });

  it('a self arrow label fits before the next lane, or widens the drawing on the last lane', () => {
    const label = '500 Server Internal Error (loop)';
    const middle = buildLadder({
      callId: 'c',
      parties: [party('a'), party('b')],
      arrows: [arrow('a', 'a', label)],
    });
    assert.ok(middle.lanes[1].x - middle.lanes[0].x >= LADDER.selfLabelOffset + ladderTextWidth(label) + LADDER.labelPad);
    const last = buildLadder({ callId: 'c', parties: [party('a'), party('b')], arrows: [arrow('b', 'b', label)] });
    assert.ok(last.width >= last.lanes[1].x + LADDER.selfLabelOffset + ladderTextWidth(label));
  });

  it('one-lane and empty flows still get a drawable size', () => {
    const one = buildLadder({ callId: 'c', parties: [party('a')], arrows: [arrow('a', 'zz', 'OPTIONS')] });
    assert.equal(one.arrows[0].self, true);
    assert.ok(one.width > one.lanes[0].x);
    const none = buildLadder({ callId: 'c', parties: [], arrows: [] });
    assert.ok(none.width > 0 && none.height > 0);
  });
});

describe('webview messages', () => {
  it('accepts the messages the page sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'selectCall', index: 3 }), { type: 'selectCall', index: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'revealLine', line: 0 }), { type: 'revealLine', line: 0 });
    assert.deepEqual(parseWebviewMessage({ type: 'query', query: { ...DEFAULT_QUERY, outcomes: ['busy'] } }), {
      type: 'query',
      query: { ...DEFAULT_QUERY, outcomes: ['busy'] },
    });
  });

  it('rejects anything malformed or unknown', () => {
    for (const bad of [
      null,
      'ready',
      { type: 'run', command: 'x' },
      { type: 'revealLine', line: -1 },
      { type: 'revealLine', line: 1.5 },
      { type: 'selectCall', index: '3' },
      { type: 'query', query: { ...DEFAULT_QUERY, outcomes: ['pwned'] } },
      { type: 'query', query: { ...DEFAULT_QUERY, sortKey: '__proto__' } },
      { type: 'query', query: { ...DEFAULT_QUERY, sortDir: 'up' } },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('drops extra fields and caps the filter text', () => {
    const parsed = parseWebviewMessage({ type: 'query', query: { ...DEFAULT_QUERY, text: 'x'.repeat(5000), extra: 1 } });
    assert.ok(parsed && parsed.type === 'query');
    assert.equal(parsed.query.text.length, 200);
    assert.equal('extra' in parsed.query, false);
  });
});

describe('exports', () => {
  it('writes CSV with quoting and a formula guard that spares phone numbers', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('+4930123'), '+4930123');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(42), '42');
    const csv = summaryToCsv(summary);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + calls.length);
    assert.match(lines[0], /^callId,startTime,startClock,line,from,to,outcome,finalStatus/);
    assert.ok(lines.some((l) => l.includes('Q.850 17 User busy')));
  });

  it('exports only the calls the query selects', () => {
    const callIdsOf = (csv: string) => csv.trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[0]);
    assert.deepEqual(callIdsOf(summaryToCsv(summary, { ...DEFAULT_QUERY, outcomes: ['busy'] })), [busy.callId]);
    assert.deepEqual(
      callIdsOf(summaryToCsv(summary, { ...DEFAULT_QUERY, outcomes: ['route-blocked'] })),
      [blockedA.callId, blockedB.callId, blockedC.callId, blockedD.callId],
    );
    // Free text: the two route-blocked calls to +4930123456, and no transaction even when shown.
    assert.deepEqual(
      callIdsOf(summaryToCsv(summary, { ...DEFAULT_QUERY, text: '4930123456', showTransactions: true })),
      [blockedA.callId, blockedC.callId],
    );
  });

  it('puts trace strings in code spans safe for tables', () => {
    assert.equal(mdCode('a|b'), '`a\\|b`');
    assert.equal(mdCode('x`y'), '`` x`y ``');
    assert.equal(mdCode('[click](http://evil)'), '`[click](http://evil)`');
    assert.equal(mdCode(null), '');
  });

  it('writes a Markdown report with totals, KPIs, codes, blocked prefixes and calls', () => {
    const md = summaryToMarkdown(summary, 'trace.sip');
    assert.match(md, /## SIP call summary: `trace.sip`/);
    assert.match(md, /\| `route-blocked` \| 4 \| 50% \|/);
    assert.match(md, /\| ASR \| 25% \|/);
    assert.match(md, /`\+4930`/);
    assert.match(md, /local configuration, not the carrier/);
    assert.equal(md.split('\n').filter((l) => l.includes('`call-')).length, 0, 'Call-IDs are not in the calls table');
    assert.match(summaryToMarkdown(summaryOf([]), 'empty.sip'), /No calls/);
  });
});

describe('status bar text', () => {
  it('reads "SIP: N calls · M route-blocked · ASR P%"', () => {
    assert.equal(statusText(summary), 'SIP: 8 calls · 4 route-blocked · ASR 25%');
    assert.equal(statusText(summaryOf([answered1])), 'SIP: 1 call · 0 route-blocked · ASR 100%');
    assert.equal(statusText(summaryOf([])), 'SIP: 0 calls · 0 route-blocked · ASR —');
  });
});

describe('findings in the panel', () => {
  const finding = (code: string, severity: 'warning' | 'information', line = 1) => ({ code: code as never, severity, line, message: `${code} here`, relatedLines: [], fault: 'remote' as const });
  const withAck = call({ outcome: 'answered', findings: [finding('ack-missing', 'warning'), finding('hold', 'information', 5)] });
  const withHold = call({ outcome: 'answered', findings: [finding('hold', 'information')] });
  const plain = call({ outcome: 'busy' });
  const s = summaryOf([withAck, withHold, plain], [{ method: 'REGISTER', callId: 'r', startLine: 1, finalStatus: 403, finalReason: 'Forbidden', findings: [finding('auth-rejected', 'warning')] }]);

  it('counts calls and transactions per finding code, problems first', () => {
    assert.deepEqual(countFindings(s).map((f) => [f.code, f.count]), [['ack-missing', 1], ['auth-rejected', 1], ['hold', 2]]);
    assert.deepEqual(buildPanelView(s, 't').findings.map((f) => f.code), ['ack-missing', 'auth-rejected', 'hold']);
  });

  it('filters the table by finding code, transactions included when shown', () => {
    const rows = queryRows(s, { ...DEFAULT_QUERY, findings: ['hold'] }).rows;
    assert.deepEqual(rows.map((r) => r.callId), [withAck.callId, withHold.callId]);
    assert.deepEqual(rows[0].findings, ['ack-missing', 'hold']);
    assert.match(rows[0].findingsDetail, /ack-missing: ack-missing here/);
    const withTransactions = queryRows(s, { ...DEFAULT_QUERY, findings: ['auth-rejected'], showTransactions: true }).rows;
    assert.deepEqual(withTransactions.map((r) => r.kind), ['transaction']);
    assert.equal(queryRows(s, DEFAULT_QUERY).rows.length, 3);
  });

  it('the Markdown report lists findings and each call\'s findings and verdict', () => {
    const markdown = summaryToMarkdown(s, 'trace.sip');
    assert.match(markdown, /### Findings\n\n\| Finding \| Severity \| Calls and transactions \|/);
    assert.match(markdown, /\| `ack-missing` \| warning \| 1 \|/);
    assert.match(markdown, /\| `ack-missing`, `hold` \| `A verdict\.` \|/);
  });

  it('marks ladder arrows with the findings that point at them', () => {
    const view = buildLadder({
      callId: 'c',
      parties: [{ id: 'a', label: 'a', local: true }, { id: 'b', label: 'b', local: false }],
      arrows: [
        { from: 'a', to: 'b', label: 'INVITE', kind: 'request', status: null, relativeMs: 0, line: 1, retransmission: false, hasSdp: false, findings: [] },
        { from: 'b', to: 'a', label: '200 OK', kind: 'response', status: 200, relativeMs: 5, line: 9, retransmission: false, hasSdp: false, findings: [{ code: 'ack-missing', severity: 'warning', message: 'no ACK' }] },
      ],
    });
    assert.deepEqual(view.arrows.map((a) => a.findings.map((f) => f.code)), [[], ['ack-missing']]);
  });
});
