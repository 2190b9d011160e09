// What the language server can ask about an analysed document, and the one function that answers
// it. The same `answer` runs in the server's thread (small documents) and inside the worker that
// keeps a big document's analysis (only the query and its answer cross threads), so every feature
// has one code path wherever the analysis lives. Queries and answers are plain data: they survive
// structured cloning unchanged.
import type {
  CodeLens,
  Definition,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
} from 'vscode-languageserver';
import type { TraceAnalysis } from './analysis/types';
import { answerQuery, type QueryAnswer, type TraceQuery } from './analysisWorker';
import { computeCodeLenses } from './features/codeLens';
import { computeDefinition } from './features/definition';
import { computeDiagnostics } from './features/diagnostics';
import { computeFoldingRanges } from './features/folding';
import { computeHover } from './features/hover';
import type { LineSource } from './features/lookup';
import { computeDocumentHighlights, computeReferences } from './features/references';
import { computeDocumentSymbols } from './features/symbols';
import { extractFromText } from './features/extract';
import type { ExtractedCalls } from './protocol';
import type { SipLensSettings } from './settings';

/** An open document's analysis with what the features need beside it. */
export interface AnalysedDocument {
  uri: string;
  analysis: TraceAnalysis;
  /** The document's lines at the analysed version (for ranges that run to the end of a line). */
  lines: LineSource;
  /** The analysed text itself (which `lines` reads), to cut calls out of it verbatim. */
  text: string;
}

/** A question about one open document: an LSP feature, or a custom request served from it. */
export type DocumentQuery =
  | { kind: 'diagnostics'; settings: SipLensSettings }
  | { kind: 'hover'; position: Position }
  | { kind: 'documentSymbols' }
  | { kind: 'foldingRanges' }
  | { kind: 'definition'; position: Position }
  | { kind: 'references'; position: Position; includeDeclaration: boolean }
  | { kind: 'documentHighlights'; position: Position }
  | { kind: 'codeLenses' }
  /** Save Selected Calls As…: these calls' messages as they are in the text. */
  | { kind: 'extractCalls'; callIds: string[]; withLegs: boolean }
  | Exclude<TraceQuery, { kind: 'captureText' }>;

interface FeatureAnswers {
  diagnostics: Diagnostic[];
  hover: Hover | null;
  documentSymbols: DocumentSymbol[];
  foldingRanges: FoldingRange[];
  definition: Definition | null;
  references: Location[];
  documentHighlights: DocumentHighlight[];
  codeLenses: CodeLens[];
  extractCalls: ExtractedCalls;
}

export type DocumentAnswer<Q extends DocumentQuery> = Q extends TraceQuery
  ? QueryAnswer<Q>
  : Q['kind'] extends keyof FeatureAnswers
    ? FeatureAnswers[Q['kind']]
    : never;

/** Answers `query` from `doc`; `localAddresses` are the analysis options in force (ladder lanes). */
export function answer<Q extends DocumentQuery>(doc: AnalysedDocument, query: Q, localAddresses: readonly string[]): DocumentAnswer<Q> {
  const { uri, analysis, lines } = doc;
  let result: unknown;
  switch (query.kind) {
    case 'diagnostics':
      result = computeDiagnostics(uri, analysis, lines, query.settings);
      break;
    case 'hover':
      result = computeHover(analysis, query.position, lines);
      break;
    case 'documentSymbols':
      result = computeDocumentSymbols(analysis, lines);
      break;
    case 'foldingRanges':
      result = computeFoldingRanges(analysis);
      break;
    case 'definition':
      result = computeDefinition(uri, analysis, query.position, lines);
      break;
    case 'references':
      result = computeReferences(uri, analysis, query.position, query.includeDeclaration, lines);
      break;
    case 'documentHighlights':
      result = computeDocumentHighlights(analysis, query.position, lines);
      break;
    case 'codeLenses':
      result = computeCodeLenses(uri, analysis, lines);
      break;
    case 'extractCalls':
      result = extractFromText(doc.text, analysis, query, false);
      break;
    case 'summary':
    case 'callFlow':
      result = answerQuery({ analysis }, query, localAddresses);
      break;
  }
  return result as DocumentAnswer<Q>;
}
