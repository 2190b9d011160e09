// Where each line of a text starts, for looking lines up by number without splitting the text.

/**
 * Start offsets of every line of `text` (line 0 starts at 0), in a typed array of the exact
 * length: a big trace has millions of lines, and a plain array takes twice the room.
 */
export function lineStarts(text: string): Uint32Array {
  // About one line per 32 characters in a trace; the array doubles when there are more.
  let starts = new Uint32Array(Math.max(16, text.length >> 5));
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (count === starts.length) {
      const bigger = new Uint32Array(count * 2);
      bigger.set(starts);
      starts = bigger;
    }
    starts[count++] = at + 1;
  }
  return starts.slice(0, count);
}
