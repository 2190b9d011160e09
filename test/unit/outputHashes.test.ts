// Identical output: what SIP Lens shows for every fixture and for small bench traces must match
// the hashes stored in outputHashes.json. A change that alters output on purpose regenerates
// them (`npm run test:update-hashes`) in the same commit and says why.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { HASHES_FILE, hashInputs, type OutputHashes, outputHashesOf } from './outputHashes.helpers';

const stored = JSON.parse(readFileSync(HASHES_FILE, 'utf8')) as OutputHashes;

describe('output stays identical', () => {
  const inputs = hashInputs();
  it('covers every stored input and no other', () => {
    assert.deepEqual(inputs.map((i) => i.name).sort(), Object.keys(stored).sort());
  });
  for (const input of inputs) {
    it(input.name, () => {
      assert.deepEqual(outputHashesOf(input), stored[input.name], `output of ${input.name} changed (see outputHashes.helpers.ts)`);
    });
  }
});
