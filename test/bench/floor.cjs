// The least any Node program can do with a trace: start, read the file, decode it as Latin-1
// (one char per byte, the CLI's own decoding) and scan it once, counting line feeds. The bench
// sets the CLI's time against this floor; what lies between the two is the analysis.
'use strict';
const { readFileSync } = require('node:fs');

const text = readFileSync(process.argv[2]).toString('latin1');
let lines = 0;
for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
process.stdout.write(`${lines}\n`);
