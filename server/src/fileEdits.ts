// The editor's changes to a document opened by URI, applied to the file's text in the worker that
// reads it (`sipLens/didChangeFile`). A new version's worker applies every change since the file
// was announced, so applying them must cost little more than reading the file: the text is kept
// as pieces — slices of the file's text and the inserted strings — and joined once at the end,
// where applying each change to a whole 50 MB string (as a text document does) copies it each time.
//
// Positions are resolved as a text document resolves them: a line past the end is the end of the
// text, a character past the end of its line stops before the line break. The editor's text has
// one kind of line break (VS Code makes them uniform), so lines end at LF (a CR before it belongs
// to the break); the result is checked against the editor's length and line count.
import { lineStarts } from './analysis/lineStarts';
import type { FileChange } from './protocol';

/** The editor's changes since the file was announced, in order, and its text's length and line count after them. */
export interface FileEdits {
  changes: readonly FileChange[];
  length: number;
  lineCount: number;
}

/** A run of the text: `source[start, end)`, holding `breaks` line feeds. */
interface Piece {
  source: string;
  start: number;
  end: number;
  breaks: number;
}

const LF = 10;
const CR = 13;

/** The line feeds in the file's text, found once: counting them in a slice is two binary searches. */
class FileLines {
  private readonly starts: Uint32Array;
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }
  /** How many line feeds end at or before `offset` (a line feed at p ends at p + 1). */
  private before(offset: number): number {
    let lo = 1;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
  breaksIn(start: number, end: number): number {
    return this.before(end) - this.before(start);
  }
  /** The offset just after the `n`th (0-based) line feed at or after `start`. */
  afterBreak(start: number, n: number): number {
    return this.starts[this.before(start) + 1 + n]!;
  }
}

function countBreaks(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Offset just after the `n`th (0-based) line feed of `text[start, end)`. */
function afterBreakIn(text: string, start: number, n: number): number {
  let at = start - 1;
  for (let i = 0; i <= n; i++) at = text.indexOf('\n', at + 1);
  return at + 1;
}

class PieceText {
  private pieces: Piece[];
  private readonly file: FileLines;

  constructor(text: string) {
    this.file = new FileLines(text);
    this.pieces = text.length > 0 ? [{ source: text, start: 0, end: text.length, breaks: this.file.breaksIn(0, text.length) }] : [];
  }

  private breaksIn(source: string, start: number, end: number): number {
    return source === this.file.text ? this.file.breaksIn(start, end) : countBreaks(source.slice(start, end));
  }

  get length(): number {
    let n = 0;
    for (const p of this.pieces) n += p.end - p.start;
    return n;
  }

  get lineCount(): number {
    let n = 1;
    for (const p of this.pieces) n += p.breaks;
    return n;
  }

  charCodeAt(offset: number): number {
    let at = 0;
    for (const p of this.pieces) {
      const length = p.end - p.start;
      if (offset < at + length) return p.source.charCodeAt(p.start + offset - at);
      at += length;
    }
    return NaN;
  }

  /** Where line `line` starts, and where the next one starts (or the text ends). */
  private lineBounds(line: number): { start: number; next: number } | undefined {
    let at = 0;
    let breaks = 0;
    let start = line === 0 ? 0 : -1;
    for (const p of this.pieces) {
      const length = p.end - p.start;
      // The line feed ending line `line - 1` (for the start) or line `line` (for the next) is in this piece.
      if (start < 0 && breaks + p.breaks >= line) {
        start = at + this.afterBreak(p, line - 1 - breaks) - p.start;
      }
      if (start >= 0 && breaks + p.breaks > line) {
        return { start, next: at + this.afterBreak(p, line - breaks) - p.start };
      }
      breaks += p.breaks;
      at += length;
    }
    return start >= 0 ? { start, next: at } : undefined;
  }

  private afterBreak(p: Piece, n: number): number {
    return p.source === this.file.text ? this.file.afterBreak(p.start, n) : afterBreakIn(p.source, p.start, n);
  }

  /** A position's offset, as a text document resolves it. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    const bounds = this.lineBounds(line);
    if (!bounds) return this.length;
    if (character <= 0) return bounds.start;
    let offset = Math.min(bounds.start + character, bounds.next);
    while (offset > bounds.start) {
      const c = this.charCodeAt(offset - 1);
      if (c !== LF && c !== CR) break;
      offset--;
    }
    return offset;
  }

  /** Replaces `[from, to)` with `text`. */
  replace(from: number, to: number, text: string): void {
    const out: Piece[] = [];
    let at = 0;
    let inserted = text.length === 0;
    const insert = (): void => {
      if (!inserted) out.push({ source: text, start: 0, end: text.length, breaks: countBreaks(text) });
      inserted = true;
    };
    for (const p of this.pieces) {
      const length = p.end - p.start;
      const pieceFrom = at;
      const pieceTo = at + length;
      at = pieceTo;
      if (pieceTo <= from) {
        out.push(p);
        continue;
      }
      if (pieceFrom >= to) {
        insert();
        out.push(p);
        continue;
      }
      // The piece overlaps [from, to): its parts before and after stay.
      if (pieceFrom < from) out.push(this.part(p, p.start, p.start + (from - pieceFrom)));
      if (pieceTo > to) {
        insert();
        out.push(this.part(p, p.start + (to - pieceFrom), p.end));
      }
    }
    insert();
    this.pieces = out;
  }

  private part(p: Piece, start: number, end: number): Piece {
    return { source: p.source, start, end, breaks: this.breaksIn(p.source, start, end) };
  }

  toString(): string {
    return this.pieces.map((p) => p.source.slice(p.start, p.end)).join('');
  }
}

/** The outcome of applying edits: the text, or why it is not the editor's. */
export type EditedText = { text: string } | { mismatch: string };

/**
 * The file's text (as the editor held it when announced) with the editor's changes since applied
 * in order; a mismatch when the result is not as long, or has not as many lines, as the editor's.
 */
export function applyFileEdits(text: string, edits: FileEdits): EditedText {
  const doc = new PieceText(text);
  for (const change of edits.changes) {
    let { start, end } = change.range;
    // A range given end first is read the right way round, as a text document reads it.
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    doc.replace(doc.offsetAt(start.line, start.character), doc.offsetAt(end.line, end.character), change.text);
  }
  if (doc.length !== edits.length) return { mismatch: `the edited text is ${doc.length} characters, the editor's ${edits.length}` };
  if (doc.lineCount !== edits.lineCount) return { mismatch: `the edited text has ${doc.lineCount} lines, the editor's ${edits.lineCount}` };
  return { text: doc.toString() };
}
