// Every English message the language server and the CLI can show: the literal `t('…')` calls
// of server/src (read with the TypeScript parser, so a message split over lines or quoted with
// either quote is found as written) plus the texts of the catalogues, read through their own
// accessors. The translated bundles in server/l10n must hold exactly these keys.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CODEC_WORDS } from '../../server/src/analysis/findings/sdp';
import { setLocale } from '../../server/src/analysis/l10n';
import { q850CauseMeaning } from '../../server/src/analysis/reasonCause';
import { describeStatus } from '../../server/src/analysis/responseCodes';
import { DOCUMENTED_HEADERS, DOCUMENTED_METHODS, describeHeader, describeMethod } from '../../server/src/analysis/sipDocs';

const repoRoot = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The first arguments of `t('…')` calls (and both forms of `tn`) that are string literals, in the given files. */
export function literalMessages(files: readonly string[], callee = 't'): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.length > 0) {
        const name = ts.isIdentifier(node.expression)
          ? node.expression.text
          : ts.isPropertyAccessExpression(node.expression)
            ? node.expression.getText(source)
            : '';
        // `tn(count, one, other, …)` holds two messages, after the count.
        const messages =
          callee === 'tn-only'
            ? name === 'tn' ? node.arguments.slice(1, 3) : []
            : name === callee ? [node.arguments[0]] : callee === 't' && name === 'tn' ? node.arguments.slice(1, 3) : [];
        for (const m of messages) if (m && (ts.isStringLiteral(m) || ts.isNoSubstitutionTemplateLiteral(m))) found.add(m.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** Catalogue texts (response codes, Q.850 causes, methods, headers, codecs), in English. */
export function catalogueMessages(): Set<string> {
  setLocale(undefined);
  const found = new Set<string>();
  for (let code = 0; code <= 1000; code++) {
    const info = describeStatus(code);
    found.add(info.meaning);
    found.add(info.advice);
  }
  for (let cause = 0; cause <= 127; cause++) {
    const meaning = q850CauseMeaning(cause);
    if (meaning) found.add(meaning);
  }
  for (const method of DOCUMENTED_METHODS) {
    const doc = describeMethod(method);
    if (doc) found.add(doc.purpose);
  }
  for (const name of DOCUMENTED_HEADERS) {
    const doc = describeHeader(name);
    if (!doc) continue;
    found.add(doc.purpose);
    if (doc.note) found.add(doc.note);
  }
  for (const words of Object.values(CODEC_WORDS)) found.add(words);
  return found;
}

/** The messages that are counts (`tn`): a translation may give one form per plural category. */
export function pluralMessageKeys(): string[] {
  const files = sourceFiles(path.join(repoRoot, 'server', 'src'));
  const all = literalMessages(files);
  const singular = literalMessages(files, 'tn-only');
  return [...all].filter((k) => singular.has(k)).sort();
}

/** All keys the server-side bundles must hold, sorted. */
export function serverMessageKeys(): string[] {
  const files = sourceFiles(path.join(repoRoot, 'server', 'src'));
  return [...new Set([...literalMessages(files), ...catalogueMessages()])].sort();
}
