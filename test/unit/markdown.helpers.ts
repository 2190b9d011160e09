// Test helpers that read Markdown the way a renderer would, enough to find what is still live
// markup: backslash escapes and inline code spans (CommonMark rules) are taken out first.

const ESCAPABLE = /[!-/:-@[-`{-~]/;

/**
 * Where the code span opened by a run of `run` backticks at `open` closes: the next backtick run
 * of exactly the same length (CommonMark), or -1 when there is none.
 */
function codeSpanClose(markdown: string, open: number, run: number): number {
  let close = markdown.indexOf('`'.repeat(run), open + run);
  while (close >= 0 && (markdown[close + run] === '`' || markdown[close - 1] === '`')) {
    let end = close;
    while (markdown[end] === '`') end++;
    close = markdown.indexOf('`'.repeat(run), end);
  }
  return close;
}

/** The Markdown with escaped characters and code spans blanked out: what could still be markup. */
export function liveMarkup(markdown: string): string {
  let out = '';
  for (let i = 0; i < markdown.length; i++) {
    const ch = markdown[i];
    if (ch === '\\' && i + 1 < markdown.length && ESCAPABLE.test(markdown[i + 1])) {
      out += ' ';
      i++;
      continue;
    }
    if (ch === '`') {
      let run = 1;
      while (markdown[i + run] === '`') run++;
      const close = codeSpanClose(markdown, i, run);
      if (close >= 0) {
        out += ' ';
        i = close + run - 1;
        continue;
      }
      out += '`'.repeat(run);
      i += run - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Inline code spans of the Markdown, their content as rendered (one space of padding removed). */
export function codeSpans(markdown: string): string[] {
  const spans: string[] = [];
  for (let i = 0; i < markdown.length; i++) {
    if (markdown[i] === '\\') {
      i++;
      continue;
    }
    if (markdown[i] !== '`') continue;
    let run = 1;
    while (markdown[i + run] === '`') run++;
    const close = codeSpanClose(markdown, i, run);
    if (close < 0) {
      i += run - 1;
      continue;
    }
    let content = markdown.slice(i + run, close);
    if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
    spans.push(content);
    i = close + run - 1;
  }
  return spans;
}

/**
 * Link and image targets, raw HTML tags and bare autolinks (GFM: scheme URLs, `www.`, e-mail
 * addresses) left live in the Markdown.
 */
export function liveLinks(markdown: string): string[] {
  let live = liveMarkup(markdown);
  const found: string[] = [];
  const link = /!?\[[^\]]*\]\(([^)]*)\)/g;
  for (const match of live.matchAll(link)) found.push(match[1]);
  live = live.replace(link, ' ');
  for (const match of live.matchAll(/<[a-z/!?][^>]*>|<[a-z][a-z0-9+.-]*:[^>]*>/gi)) found.push(match[0]);
  for (const match of live.matchAll(/\b(?:https?|ftp|mailto|command|javascript|file|vscode|data):\S*|\bwww\.\S+|\S+@\S+\.\S+/gi)) {
    found.push(match[0]);
  }
  return found;
}

/** Undoes backslash escapes: the text a reader sees. */
export function unescapeMarkdown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
