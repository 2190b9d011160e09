// Builds small SIPp-framed traces (direction and time on every marker) for the legs tests.
export interface Leg {
  callId: string;
  from: string;
  to: string;
  /** Extra headers on every message of the leg. */
  extra?: string[];
}

export interface Step {
  leg: Leg;
  /** sent or received by the logging host. */
  dir: 'sent' | 'received';
  /** Seconds after 12:00:00 on 2026-11-21. */
  at: number;
  /** `INVITE`, `ACK`, or a status such as `486 Busy Here`. */
  what: string;
  seq?: number;
  /** Extra headers on this message only. */
  headers?: string[];
}

function stamp(at: number): string {
  const ms = Math.round(at * 1000);
  const s = Math.floor(ms / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `2026-11-21 12:${pad(Math.floor(s / 60))}:${pad(s % 60)}.${pad(ms % 1000, 3)}000`;
}

export function sipMessage(step: Step): string {
  const { leg } = step;
  const isRequest = !/^\d/.test(step.what);
  const method = isRequest ? step.what : 'INVITE';
  const seq = step.seq ?? 1;
  const toTag = isRequest && step.what === 'INVITE' ? '' : ';tag=callee';
  const lines = [
    isRequest ? `${step.what} sip:${leg.to}@192.0.2.10 SIP/2.0` : `SIP/2.0 ${step.what}`,
    `Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-${leg.callId}-${seq}`,
    `From: <sip:${leg.from}@192.0.2.1>;tag=caller`,
    `To: <sip:${leg.to}@192.0.2.10>${toTag}`,
    `Call-ID: ${leg.callId}`,
    `CSeq: ${seq} ${step.what === 'ACK' ? 'ACK' : method}`,
    ...(leg.extra ?? []),
    ...(step.headers ?? []),
    'Content-Length: 0',
    '',
    '',
  ];
  return lines.join('\r\n');
}

/** A SIPp `-trace_msg` log of the steps, in the order given. */
export function sippTrace(steps: Step[]): string {
  return steps
    .map((step) => {
      const text = sipMessage(step);
      const marker = step.dir === 'sent' ? `UDP message sent (${text.length} bytes):` : `UDP message received [${text.length}] bytes :`;
      return `----------------------------------------------- ${stamp(step.at)}\n${marker}\n\n${text}\n`;
    })
    .join('');
}

/** The same messages as raw SIP: no direction, no time. */
export function rawTrace(steps: Step[]): string {
  return steps.map(sipMessage).join('');
}

/** A failed B2BUA call: phone → host (inbound), host → carrier (outbound) gets 486, passed back. */
export function busyThrough(inbound: Leg, outbound: Leg, start = 0, outboundDelay = 0.3): Step[] {
  const t = start;
  const o = t + outboundDelay;
  return [
    { leg: inbound, dir: 'received', at: t, what: 'INVITE' },
    { leg: inbound, dir: 'sent', at: t + 0.01, what: '100 Trying' },
    { leg: outbound, dir: 'sent', at: o, what: 'INVITE' },
    { leg: outbound, dir: 'received', at: o + 0.05, what: '100 Trying' },
    { leg: outbound, dir: 'received', at: o + 0.8, what: '486 Busy Here' },
    { leg: outbound, dir: 'sent', at: o + 0.81, what: 'ACK' },
    { leg: inbound, dir: 'sent', at: o + 0.82, what: '486 Busy Here' },
    { leg: inbound, dir: 'received', at: o + 0.9, what: 'ACK' },
  ];
}
