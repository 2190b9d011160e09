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
// What can start markup inline: escapes and code spans (\\ `), emphasis (* _ ~), links and
// images ([ ] — `!` and `(` mean nothing without them), HTML and angle autolinks (< >), entities
// (&), tables (|), theme icons ($), and the bare autolinks of GFM (`https:`, `mailto:`,
// `user@host`; `www.` is handled apart). CommonMark lets a backslash escape any of them, and
// ordinary punctuation such as `.`, `-` or `/` stays as it is, so `Q.850` reads as sent.
const INLINE_MARKUP = /[\\`*_~[\]<>&|$:@]/g;
// `www.` starts an autolink even without a scheme.
const WWW = /\b(www)\./gi;
// Block markers at the start of the text (`# `, `- `, `1. `, `> `) would restructure the hover.
const LEADING_BLOCK = /^(\s*)([#>+\-=]|\d+[.)])/;

/** Trace text as literal Markdown text: one line, at most `max` characters, no live markup. */
export function mdText(value: string, max = MAX_HOVER_TEXT): string {
  let text = value.replace(/[\r\n\t]+/g, ' ');
  if (text.length > max) text = `${text.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '')}…`;
  text = text
    .replace(BIDI_CONTROLS, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(CONTROLS, '\uFFFD');
  return text
    .replace(INLINE_MARKUP, '\\$&')
    .replace(WWW, '$1\\.')
    .replace(LEADING_BLOCK, (_match, space: string, marker: string) =>
      `${space}${marker.replace(/[#>+\-=.)]$/, '\\$&')}`,
    );
}
