// A forward-only line cursor over the whole trace text. It never splits the text: each line
// is a (start, end) pair of offsets, found with indexOf('\n'), so skipped lines cost nothing.

/** Thrown when the caller's `isCancelled` says stop. */
export class CancellationError extends Error {
  constructor() {
    super('Trace splitting was cancelled');
    this.name = 'CancellationError';
  }
}

/** How often (in lines) the cancellation callback is consulted; a power of two minus one. */
const CANCEL_CHECK_MASK = 4095;

/**
 * Where the content of a line starts behind a per-line log prefix (time stamp, syslog header,
 * comment marker …), or -1 when the line does not carry that prefix.
 */
export type LinePrefix = (text: string, start: number, end: number) => number;

export class LineCursor {
  /** 0-based index of the current line. */
  line = 0;
  /**
   * Offset of the first character of the current line's content: the line's first character,
   * or the first one after its prefix while a per-line prefix is set.
   */
  start = 0;
  /** Offset of the first character of the current line itself (before any prefix). */
  lineStart = 0;
  /** Offset just past the line's content (before any `\r\n` / `\n`). */
  end = 0;
  /** Offset of the next line's first character. */
  next = 0;
  readonly length: number;
  /**
   * The last marker markerAt (markers.ts) found and the offset it was at: the line that ends one
   * message is the marker of the next, and both the reader and the splitter ask about it.
   */
  markerMemoAt = -1;
  markerMemo: string | undefined;
  /** The pattern that matched that marker, and its match, for the reader to take. */
  markerPattern: RegExp | undefined;
  markerMatch: RegExpExecArray | null = null;
  /** The Asterisk log prefix last looked for (markers.ts, asteriskPrefixEnd): where, its end, its match. */
  prefixMemoAt = -1;
  prefixMemoEnd = -1;
  prefixMemoMatch: RegExpExecArray | null = null;
  private prefix: LinePrefix | undefined;

  constructor(
    readonly text: string,
    private readonly isCancelled?: () => boolean,
  ) {
    this.length = text.length;
    this.load();
  }

  get eof(): boolean {
    return this.start >= this.length;
  }

  /** The line break that ends the current line, as found (`\r\n`, `\n`, or '' at end of file). */
  get terminator(): string {
    const n = this.next - this.end;
    if (n === 0) return '';
    if (n === 2) return '\r\n';
    return this.text.charCodeAt(this.end) === 10 ? '\n' : '\r';
  }

  /** True when the current line ends with CR LF. */
  get hasCrlf(): boolean {
    return this.next - this.end === 2;
  }

  /**
   * While set, every line that carries this prefix is seen without it (`start` is moved past it),
   * so the readers of a framing work unchanged on logs that prefix each line. Lines without the
   * prefix are seen whole. Setting or clearing it reloads the current line.
   */
  setPrefix(prefix: LinePrefix | undefined): void {
    this.prefix = prefix;
    this.start = this.lineStart;
    this.load();
  }

  get hasPrefix(): boolean {
    return this.prefix !== undefined;
  }

  /**
   * Start and end of the next line's content (its prefix dropped, as `start` would be), without
   * moving; undefined at the end of the text.
   */
  peekNext(): { start: number; end: number } | undefined {
    const text = this.text;
    let start = this.next;
    if (start >= this.length) return undefined;
    const nl = text.indexOf('\n', start);
    let end = nl < 0 ? this.length : nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (this.prefix !== undefined) {
      const content = this.prefix(text, start, end);
      if (content >= 0) start = content;
    }
    return { start, end };
  }

  advance(): void {
    this.start = this.next;
    this.line++;
    if ((this.line & CANCEL_CHECK_MASK) === 0 && this.isCancelled?.()) throw new CancellationError();
    this.load();
  }

  /** Remember the position; `restore` goes back to it (for look-ahead). */
  mark(): CursorMark {
    return { line: this.line, start: this.lineStart };
  }

  restore(m: CursorMark): void {
    this.line = m.line;
    this.start = m.start;
    this.load();
  }

  /** Offset of the line after the current one's end, i.e. the start of the next line (or length). */
  private load(): void {
    const text = this.text;
    const nl = this.start < this.length ? text.indexOf('\n', this.start) : -1;
    if (nl < 0) {
      this.next = this.length;
      this.end = this.length;
    } else {
      this.next = nl + 1;
      this.end = nl;
    }
    if (this.end > this.start && text.charCodeAt(this.end - 1) === 13) this.end--;
    this.lineStart = this.start;
    if (this.prefix !== undefined) {
      const content = this.prefix(text, this.start, this.end);
      if (content >= 0) this.start = content;
    }
  }
}

export interface CursorMark {
  line: number;
  start: number;
}
