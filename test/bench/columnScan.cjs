// A reference, not the product: the least work any analysis must do on a SIPp trace, written as
// plainly as Node allows. One pass over the Latin-1 text with char codes and indexOf: each
// message's start line (method or status), Call-ID (interned to a number), CSeq number and
// method, From and To tags and the top Via's branch go into typed arrays; then every call's
// INVITE final status is counted. No validation, no diagnostics, no findings, no legs, no
// output beyond the counts. The bench sets the CLI's time against this: what lies between the
// two is everything SIP Lens does beyond correlating messages into calls.
'use strict';
const { readFileSync } = require('node:fs');

const text = readFileSync(process.argv[2]).toString('latin1');
const capacity = 1 << 16;
let cols = {
  callId: new Int32Array(capacity),
  cseq: new Int32Array(capacity),
  method: new Int32Array(capacity),
  status: new Int32Array(capacity),
  fromTag: new Int32Array(capacity),
  toTag: new Int32Array(capacity),
  branch: new Int32Array(capacity),
};
const interned = new Map();
const names = [];
function intern(value) {
  let n = interned.get(value);
  if (n === undefined) {
    n = names.length;
    names.push(value);
    interned.set(value, n);
  }
  return n;
}
function grow() {
  const next = {};
  for (const [key, column] of Object.entries(cols)) {
    next[key] = new Int32Array(column.length * 2);
    next[key].set(column);
  }
  cols = next;
}

/** The value of parameter `name` (like ';tag=') in text[from, to), interned; -1 when absent. */
function param(name, from, to) {
  const at = text.indexOf(name, from);
  if (at < 0 || at >= to) return -1;
  let end = at + name.length;
  while (end < to) {
    const c = text.charCodeAt(end);
    if (c === 59 || c === 44 || c === 32 || c === 13 || c === 62) break;
    end++;
  }
  return intern(text.slice(at + name.length, end));
}

/** Header name in text[from, colon) is `long` or the compact `short` (case-insensitive). */
function isHeader(from, colon, long, short) {
  let end = colon;
  while (end > from && text.charCodeAt(end - 1) === 32) end--;
  const length = end - from;
  if (length === 1) return (text.charCodeAt(from) | 32) === short;
  if (length !== long.length) return false;
  for (let i = 0; i < length; i++) if ((text.charCodeAt(from + i) | 32) !== long.charCodeAt(i)) return false;
  return true;
}

let count = 0;
let at = 0;
let previousBlank = true;
while (at < text.length) {
  let eol = text.indexOf('\n', at);
  if (eol < 0) eol = text.length;
  const lineEnd = eol > at && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
  const isStart =
    previousBlank &&
    lineEnd > at &&
    (text.startsWith('SIP/2.0 ', at) || (lineEnd - at > 8 && text.charCodeAt(at) !== 45 && text.startsWith(' SIP/2.0', lineEnd - 8)));
  if (!isStart) {
    previousBlank = lineEnd === at;
    at = eol + 1;
    continue;
  }
  if (count === cols.callId.length) grow();
  const i = count++;
  const response = text.charCodeAt(at) === 83 && text.startsWith('SIP/2.0 ', at);
  cols.status[i] = response ? Number(text.slice(at + 8, at + 11)) : 0;
  cols.method[i] = response ? -1 : intern(text.slice(at, text.indexOf(' ', at)));
  cols.callId[i] = cols.cseq[i] = cols.fromTag[i] = cols.toTag[i] = cols.branch[i] = -1;
  let sawVia = false;
  at = eol + 1;
  // Headers, to the blank line.
  while (at < text.length) {
    eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const end = eol > at && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    if (end === at) break;
    const colon = text.indexOf(':', at);
    if (colon > at && colon < end) {
      let value = colon + 1;
      while (value < end && text.charCodeAt(value) === 32) value++;
      const first = text.charCodeAt(at) | 32;
      if ((first === 99 /* c */ || first === 105) /* i */ && isHeader(at, colon, 'call-id', 105)) cols.callId[i] = intern(text.slice(value, end));
      else if (first === 99 && isHeader(at, colon, 'cseq', 0)) {
        const space = text.indexOf(' ', value);
        cols.cseq[i] = Number(text.slice(value, space));
        if (response) cols.method[i] = intern(text.slice(space + 1, end));
      } else if (first === 102 /* f */ && isHeader(at, colon, 'from', 102)) cols.fromTag[i] = param(';tag=', value, end);
      else if (first === 116 /* t */ && isHeader(at, colon, 'to', 116)) cols.toTag[i] = param(';tag=', value, end);
      else if (!sawVia && first === 118 /* v */ && isHeader(at, colon, 'via', 118)) {
        sawVia = true;
        cols.branch[i] = param(';branch=', value, end);
      }
    }
    at = eol + 1;
  }
  previousBlank = true;
  at = eol + 1;
}

// Calls: the last final status of each Call-ID's INVITE transactions.
const invite = intern('INVITE');
const finalOf = new Int32Array(names.length);
for (let i = 0; i < count; i++) {
  const status = cols.status[i];
  if (status >= 200 && cols.method[i] === invite && cols.callId[i] >= 0) finalOf[cols.callId[i]] = status;
}
const calls = new Set();
let answered = 0;
for (let i = 0; i < count; i++) {
  if (cols.status[i] === 0 && cols.method[i] === invite && !calls.has(cols.callId[i])) {
    calls.add(cols.callId[i]);
    if (finalOf[cols.callId[i]] >= 200 && finalOf[cols.callId[i]] < 300) answered++;
  }
}
process.stdout.write(`${count} messages, ${calls.size} calls, ${answered} answered\n`);
