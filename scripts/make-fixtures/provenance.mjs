// The note put beside fixtures that no tool wrote as they are (reframe.mjs, text-sources.mjs).
import fs from 'node:fs';
import path from 'node:path';

/** Writes OUT/DIR/README.md saying that DIR's files are real SIP messages in a hand-written framing. */
export function writeReframedNote(out, dir, framing) {
  fs.mkdirSync(path.join(out, dir), { recursive: true });
  fs.writeFileSync(
    path.join(out, dir, 'README.md'),
    '# Re-framed, not tool output\n\n' +
      `No tool on the machine that made these fixtures writes ${framing}. The files here hold\n` +
      'real SIP messages captured from SIPp runs on loopback (every byte of SIP content is from the wire),\n' +
      'wrapped in that framing as the tool documents it by `scripts/make-fixtures/reframe.mjs` or\n' +
      '`text-sources.mjs`; the log lines between the messages are written by those scripts too.\n' +
      'Expected outcomes: `../expected.json`, from the scenario table. See `../README.md`.\n',
  );
}
