// Reading SIPp's -trace_msg logs, shared by reframe.mjs and text-sources.mjs.

/**
 * The messages of a SIPp -trace_msg log, in order.
 * @returns {{date:string,time:string,dir:'sent'|'received',text:string,ms:number}[]}
 * time is hh:mm:ss.uuuuuu as SIPp writes it; ms is the same instant as epoch milliseconds (µs precision).
 */
export function parseSipp(text) {
  const marker =
    /^-{20,} (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{6})\n(?:UDP message sent \((\d+) bytes\):|UDP message received \[(\d+)\] bytes :)\n\n/gm;
  const messages = [];
  let m;
  while ((m = marker.exec(text)) !== null) {
    const size = Number(m[3] ?? m[4]);
    const start = m.index + m[0].length;
    messages.push({
      date: m[1],
      time: m[2],
      dir: m[3] !== undefined ? 'sent' : 'received',
      text: text.slice(start, start + size),
      ms: Date.parse(`${m[1]}T${m[2].slice(0, 12)}Z`) + Number(m[2].slice(12)) / 1000,
    });
  }
  return messages;
}

export const startLine = (msg) => msg.text.slice(0, msg.text.indexOf('\r\n'));
export const isRequest = (msg) => !startLine(msg).startsWith('SIP/2.0 ');
export const method = (msg) => startLine(msg).split(' ')[0];
export const status = (msg) => Number(startLine(msg).split(' ')[1]);
export const header = (msg, name) => {
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(msg.text);
  return m ? m[1].replace(/\r$/, '') : '';
};
export const cseqMethod = (msg) => header(msg, 'CSeq').split(/\s+/)[1];
