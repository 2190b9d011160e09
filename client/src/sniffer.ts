// Decides whether a `.log` / `.txt` file is really a SIP trace. Pure: no vscode import, so it
// can be unit-tested and reused on text read straight from disk (files VS Code will not open
// as documents for extensions).

/** How much of the file is looked at: enough for several messages, cheap on huge logs. */
export const SNIFF_BYTES = 64 * 1024;

/** Start lines needed before a file counts as a trace; one stray quoted line is not enough. */
export const MIN_START_LINES = 2;

// A request line is `METHOD SP Request-URI SP SIP/2.0`. Any upper-case token is accepted as
// the method (extension methods exist), but the URI must carry a scheme so prose such as
// "SEE ALSO SIP/2.0" does not count. The line may carry a log prefix or indent before the
// method, and ngrep's one-line form continues with `..` where the CRLF was; syslog writes line
// breaks as `#012` (`#015#012` for CR LF), so a whole message can sit on one line.
const REQUEST_LINE = /(?:^|[\s\]>:|]|#012)[A-Z][A-Z-]{1,19} (?:sips?|tel|urn):[^\s]+ SIP\/2\.0(?:\s*$|\.\.| ?#01[25])/;

// A status line is `SIP/2.0 SP 3DIGIT SP reason`. The code is any three digits: 9xx answers
// (route blocked) are exactly what the user wants to see.
const STATUS_LINE = /(?:^|[\s\]>:|]|#012)SIP\/2\.0 \d{3}(?: |\.\.|\s*$|#01[25])/;

/** Counts SIP start lines in the first {@link SNIFF_BYTES} of `text`, stopping once `limit` are found. */
export function countSipStartLines(text: string, limit = Number.POSITIVE_INFINITY): number {
  const head = text.length > SNIFF_BYTES ? text.slice(0, SNIFF_BYTES) : text;
  let count = 0;
  let lineStart = 0;
  while (lineStart <= head.length && count < limit) {
    let lineEnd = head.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = head.length;
    const line = head.slice(lineStart, lineEnd);
    // Cheap pre-check: every start line contains the version token.
    if (line.includes('SIP/2.0') && (REQUEST_LINE.test(line) || STATUS_LINE.test(line))) count++;
    lineStart = lineEnd + 1;
  }
  return count;
}

/** True when the first 64 KB of `text` hold several SIP start lines (requests or responses). */
export function looksLikeSipTrace(text: string): boolean {
  return countSipStartLines(text, MIN_START_LINES) >= MIN_START_LINES;
}

/** True for file names the sniffer looks at: `.log`, `.txt`, and rotated logs like `x.log.1`. */
export function isSniffableFileName(fileName: string): boolean {
  return /\.(?:log|txt)(?:\.\d+)?$/i.test(fileName);
}
