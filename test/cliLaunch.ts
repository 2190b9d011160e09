// The built CLI started the way its first line starts it (`#!/usr/bin/env -S node OPTIONS`), so
// the tests and the bench run it with the V8 options users get from `sip-lens` or `./dist/cli.js`,
// while still naming this Node (process.execPath) and working where `env -S` does not.
import { closeSync, openSync, readSync } from 'node:fs';

const SHEBANG = /^#!\/usr\/bin\/env -S node((?: --[a-z-]+=\S+)*)\n/;

/** The Node options on `cli`'s first line; throws when the line is not `#!/usr/bin/env -S node …`. */
export function cliNodeOptions(cli: string): string[] {
  const head = Buffer.alloc(256);
  const fd = openSync(cli, 'r');
  let length: number;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const match = SHEBANG.exec(head.toString('latin1', 0, length));
  if (!match) throw new Error(`${cli} does not start with "#!/usr/bin/env -S node [--option=value …]"`);
  return match[1].split(' ').filter((option) => option.length > 0);
}

/** Node's arguments to run `cli` with `args` as its first line would. */
export function cliArgv(cli: string, args: readonly string[]): string[] {
  return [...cliNodeOptions(cli), cli, ...args];
}
