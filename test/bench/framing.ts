// How each tool writes a SIP message into its log (see FORMATS.md). One function per framing
// turns a message of the synthetic traffic into the exact text that tool would log.
import type { SipEvent } from './traffic';

export type BenchFormat = 'sipp' | 'asterisk-pjsip' | 'freeswitch' | 'raw';

export const BENCH_FORMATS: readonly BenchFormat[] = ['sipp', 'asterisk-pjsip', 'freeswitch', 'raw'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2026-11-21 08:00:00.123456` (UTC, microseconds). */
function dateTime(timeMs: number, fractionDigits: 3 | 6): string {
  const d = new Date(Math.floor(timeMs));
  const micros = Math.floor((timeMs - Math.floor(timeMs / 1000) * 1000) * 1000);
  const fraction = fractionDigits === 6 ? pad(micros, 6) : pad(Math.floor(micros / 1000), 3);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${timeOfDay(timeMs)}.${fraction}`;
}

function timeOfDay(timeMs: number): string {
  const d = new Date(Math.floor(timeMs));
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function micros(timeMs: number): string {
  return pad(Math.floor((timeMs - Math.floor(timeMs / 1000) * 1000) * 1000), 6);
}

function isRequest(text: string): boolean {
  return !text.startsWith('SIP/2.0 ');
}

/** SIPp `-trace_msg`: a dashed timestamp line, the direction line, a blank line, the message. */
function sipp(e: SipEvent): string {
  const head = `----------------------------------------------- ${dateTime(e.timeMs, 6)}\n`;
  if (e.fromLocal) return `${head}UDP message sent (${e.text.length} bytes):\n\n${e.text}\n\n`;
  return `${head}UDP message received [${e.text.length}] bytes :\n\n${e.text}\n`;
}

/**
 * Asterisk `pjsip set logger on` into the full log: a prefixed marker line, the message, a blank
 * line; the PBX's own chatter sits between messages.
 */
function pjsip(e: SipEvent, n: number): string {
  const prefix = `[${dateTime(e.timeMs, 3)}] VERBOSE[${4100 + (n % 37)}] `;
  const what = isRequest(e.text) ? 'request' : 'response';
  const marker = e.fromLocal
    ? `<--- Transmitting SIP ${what} (${e.text.length} bytes) to UDP:${e.remote.host}:${e.remote.port} --->`
    : `<--- Received SIP ${what} (${e.text.length} bytes) from UDP:${e.remote.host}:${e.remote.port} --->`;
  let out = `${prefix}${marker}\n${e.text}\n`;
  if (n % 7 === 3) {
    out += `[${dateTime(e.timeMs, 3)}] VERBOSE[${4100 + (n % 37)}][C-${pad(n % 4096, 8)}] pbx.c:   == Spawn extension (from-trunk, s, 1) exited non-zero on 'PJSIP/trunk-${pad(n % 9999, 8)}'\n`;
  } else if (n % 11 === 5) {
    out += `    -- Executing [s@from-trunk:1] Dial("PJSIP/trunk-${pad(n % 9999, 8)}", "PJSIP/${1000 + (n % 999)},30") in new stack\n`;
  }
  return out;
}

/** FreeSWITCH `sofia global siptrace on` (current builds): marker, dashes, message, blank line. */
function freeswitch(e: SipEvent, n: number): string {
  const dir = e.fromLocal ? `send ${e.text.length} bytes to` : `recv ${e.text.length} bytes from`;
  let out = `${dir} udp/[${e.remote.host}]:${e.remote.port} at ${timeOfDay(e.timeMs)}.${micros(e.timeMs)}:\n`;
  out += '------------------------------------------------------------------------\n';
  out += e.text;
  out += '\n';
  if (n % 9 === 4) {
    out += `${dateTime(e.timeMs, 6)} [NOTICE] switch_channel.c:1118 New Channel sofia/external/${1000 + (n % 999)}@pbx.example.net [${pad(n, 8)}-7c1e-4a3b-9d2f-0242ac120002]\n`;
  } else if (n % 13 === 6) {
    out += `${dateTime(e.timeMs, 6)} [DEBUG] sofia.c:7493 Channel sofia/external/${1000 + (n % 999)} entering state [calling][0]\n`;
  }
  return out;
}

/** A saved stream of messages: no framing at all. */
function raw(e: SipEvent): string {
  return e.text;
}

/** The text `format` logs for message number `n` of the stream. */
export function frame(format: BenchFormat, e: SipEvent, n: number): string {
  switch (format) {
    case 'sipp':
      return sipp(e);
    case 'asterisk-pjsip':
      return pjsip(e, n);
    case 'freeswitch':
      return freeswitch(e, n);
    case 'raw':
      return raw(e);
  }
}
