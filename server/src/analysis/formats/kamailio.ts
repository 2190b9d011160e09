// Kamailio sipdump text files: `====================`, `tag:` `pid:` `process:` `time:` `date:`
// `proto:` `srcip:` `srcport:` `dstip:` `dstport:` lines, `~~~~~~~~~~~~~~~~~~~~`, the message
// as received or sent, then `||||||||||||||||||||`.
import { NO_STRIP, readMessage } from './collect';
import { emit, type Emitter } from './emit';
import { execAt, KAMAILIO_CLOSE_MARK, KAMAILIO_FIELD, KAMAILIO_OPEN, testAt } from './markers';
import { asctimeTime, endpoint, epochTime } from './values';

const MAX_FIELDS = 16;

export function readKamailio(ctx: Emitter): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const firstLine = c.line;
  c.advance();
  const fields = new Map<string, string>();
  let opened = false;
  for (let i = 0; i < MAX_FIELDS && !c.eof; i++) {
    if (text.charCodeAt(c.start) === 126 && testAt(KAMAILIO_OPEN, text, c.start)) {
      opened = true;
      break;
    }
    const f = execAt(KAMAILIO_FIELD, text, c.start);
    if (!f) return false;
    fields.set(f[1]!, f[2]!.trim());
    c.advance();
  }
  if (!opened) return false;
  c.advance();
  const res = readMessage(ctx, {
    strip: NO_STRIP,
    bounded: true,
    closer: (t, s, e) => e - s >= KAMAILIO_CLOSE_MARK.length && t.startsWith(KAMAILIO_CLOSE_MARK, s),
    closerSuffix: KAMAILIO_CLOSE_MARK,
    maxGap: 0,
  });
  if (!res) return false;
  const tag = fields.get('tag');
  const transport = fields.get('proto')?.split(' ')[0];
  const srcIp = fields.get('srcip');
  const dstIp = fields.get('dstip');
  const timeField = fields.get('time');
  const dateField = fields.get('date');
  emit(ctx, {
    format: 'kamailio-sipdump',
    firstLine,
    direction: tag === 'rcv' ? 'received' : tag === 'snd' ? 'sent' : 'unknown',
    src: srcIp ? endpoint(srcIp, fields.get('srcport'), transport) : undefined,
    dst: dstIp ? endpoint(dstIp, fields.get('dstport'), transport) : undefined,
    time: (timeField ? epochTime(timeField) : undefined) ?? (dateField ? asctimeTime(dateField) : undefined),
    keepsBytes: true,
  }, res);
  return true;
}
