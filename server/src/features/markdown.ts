// Trace text inside hover Markdown. A reason phrase, display name or header value can hold any
// characters, and Markdown would turn some of them into links, images, HTML or emphasis
// (`[click](command:…)`, `![x](https://…)`, `<img …>`, bare `https://…` autolinks). Every trace
// string therefore goes through `mdText`, which makes it literal text.

/** Longest piece of trace text a hover shows; the rest is cut with `…`. */
export const MAX_HOVER_TEXT = 200;

// Bidi controls would reorder the hover's own words around the trace text; show them by name.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// CommonMark lets a backslash escape any ASCII punctuation; escaping all of it leaves nothing
// that could open markup, and also breaks up autolinks (`https\://`, `www\.`) and HTML entities.
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Trace text as literal Markdown text: one line, at most `max` characters, no live markup. */
export function mdText(value: string, max = MAX_HOVER_TEXT): string {
  let text = value.replace(/[\r\n\t]+/g, ' ');
  if (text.length > max) text = `${text.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '')}…`;
  text = text
    .replace(BIDI_CONTROLS, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(CONTROLS, '\uFFFD');
  return text.replace(ASCII_PUNCTUATION, '\\$&');
}
