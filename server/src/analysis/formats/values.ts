// Small parsers for the values marker lines carry: times and network endpoints.
import type { Endpoint, TraceTime } from '../types';

const DAY_MS = 86_400_000;
const HALF_DAY_MS = DAY_MS / 2;

/** Fraction-of-second digits (`916812`) as milliseconds (916.812). */
export function fractionMs(digits: string | undefined): number {
  if (!digits) return 0;
  return Number('0.' + digits) * 1000;
}

/** A naive date and time of day, read as UTC. */
export function datedTime(y: string, mo: string, d: string, h: string, mi: string, s: string, frac?: string): TraceTime {
  return utcTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), fractionMs(frac));
}

/** The day utcTime computed last: a trace's messages mostly share their date. */
let lastDay = { year: NaN, month: NaN, day: NaN, ms: NaN };

/**
 * datedTime from numbers (month 1–12). The day's start is computed once per date and the time
 * of day added to it: exactly what Date.UTC gives for the whole, since both are whole numbers
 * of milliseconds added in the same order.
 */
export function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number, fractionMs: number): TraceTime {
  if (year !== lastDay.year || month !== lastDay.month || day !== lastDay.day) {
    lastDay = { year, month, day, ms: Date.UTC(year, month - 1, day) };
  }
  const ms = lastDay.ms + (hour * 3_600_000 + minute * 60_000 + second * 1000) + fractionMs;
  return { ms, dated: true };
}

/** A time of day without a date: milliseconds since midnight. */
export function timeOfDay(h: string, mi: string, s: string, frac?: string): TraceTime {
  const ms = ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + fractionMs(frac);
  return { ms, dated: false };
}

/** `1680183340.123456` seconds since the epoch. */
export function epochTime(value: string): TraceTime | undefined {
  const m = /^(\d{9,11})(?:\.(\d{1,9}))?$/.exec(value.trim());
  if (!m) return undefined;
  return { ms: Number(m[1]) * 1000 + fractionMs(m[2]), dated: true };
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** asctime form `Thu Mar 30 13:35:40 2023`, read as UTC. */
export function asctimeTime(value: string): TraceTime | undefined {
  const m = /^[A-Za-z]{3} ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/.exec(value.trim());
  if (!m) return undefined;
  const month = MONTHS[m[1]!.toLowerCase()];
  if (!month) return undefined;
  return datedTime(m[6]!, String(month), m[2]!, m[3]!, m[4]!, m[5]!);
}

/**
 * Undated times are times of day; a log that runs past midnight starts again near zero. A time
 * that goes backwards by more than 12 hours has crossed midnight, so a day is added from there on.
 * Times are given one by one, in file order, as the split hands out its messages.
 */
export class MidnightUnroller {
  private offset = 0;
  private last: number | undefined;

  /** Moves `t` (when undated) onto the day it belongs to. */
  next(t: TraceTime | undefined): void {
    if (!t || t.dated) return;
    let ms = t.ms + this.offset;
    if (this.last !== undefined && ms < this.last - HALF_DAY_MS) {
      this.offset += DAY_MS;
      ms += DAY_MS;
    }
    t.ms = ms;
    this.last = ms;
  }
}

/** `1.2.3.4`, `[2001:db8::1]`, `2001:db8::1` or a host name, with a port, into an Endpoint. */
export function endpoint(host: string, port: string | number | undefined, transport?: string): Endpoint {
  let h = host;
  if (h.length > 1 && h.charCodeAt(0) === 91 && h.charCodeAt(h.length - 1) === 93) h = h.slice(1, -1);
  const ep: Endpoint = { host: h };
  const p = typeof port === 'number' ? port : port ? Number(port) : NaN;
  if (Number.isInteger(p) && p >= 0 && p <= 65535) ep.port = p;
  if (transport) ep.transport = transport.toLowerCase();
  return ep;
}
