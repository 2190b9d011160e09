// Writes server/l10n/bundle.l10n.json (every server-side message, English to English: what
// translators start from) and lists, per language, the keys its bundle misses or no longer needs.
// Run: node --import tsx scripts/l10n/sync.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCALES } from '../../server/src/analysis/l10n';
import { serverMessageKeys } from './serverKeys';

const dir = path.resolve(__dirname, '..', '..', 'server', 'l10n');
const keys = serverMessageKeys();
writeFileSync(path.join(dir, 'bundle.l10n.json'), JSON.stringify(Object.fromEntries(keys.map((k) => [k, k])), null, 2) + '\n');
for (const locale of LOCALES) {
  const bundle = JSON.parse(readFileSync(path.join(dir, `bundle.l10n.${locale}.json`), 'utf8')) as Record<string, string>;
  const missing = keys.filter((k) => !(k in bundle));
  const extra = Object.keys(bundle).filter((k) => !keys.includes(k));
  console.log(`${locale}: ${keys.length - missing.length}/${keys.length} translated, ${missing.length} missing, ${extra.length} extra`);
}
