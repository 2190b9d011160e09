// The manifest in the reader's language: every string VS Code shows from package.json is a
// %key% of package.nls.json, and each language's package.nls.<lang>.json has exactly those keys.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const manifest = read('package.json') as {
  displayName: string;
  description: string;
  contributes: {
    commands: { title: string }[];
    customEditors?: { displayName: string }[];
    views?: Record<string, { name: string }[]>;
    viewsWelcome?: { contents: string }[];
    configuration: { title: string; properties: Record<string, { markdownDescription?: string; description?: string; enumDescriptions?: string[] }> };
  };
  capabilities?: { virtualWorkspaces?: { description?: string } };
};
const english = read('package.nls.json') as Record<string, string>;
const LANGUAGES = ['ru', 'tr', 'es', 'pt-br'];

/** Every string of the manifest that VS Code shows to people. */
function shownStrings(): string[] {
  const c = manifest.contributes;
  return [
    manifest.displayName,
    manifest.description,
    ...c.commands.map((command) => command.title),
    ...(c.customEditors ?? []).map((editor) => editor.displayName),
    ...Object.values(c.views ?? {}).flatMap((views) => views.map((view) => view.name)),
    ...(c.viewsWelcome ?? []).map((welcome) => welcome.contents),
    c.configuration.title,
    ...Object.values(c.configuration.properties).flatMap((p) => [p.markdownDescription, p.description, ...(p.enumDescriptions ?? [])]),
    manifest.capabilities?.virtualWorkspaces?.description,
  ].filter((s): s is string => s !== undefined);
}

const codeSpans = (text: string): string[] => (text.match(/`[^`]*`/g) ?? []).sort();

describe('manifest translations', () => {
  it('names every shown string by a key of package.nls.json', () => {
    for (const text of shownStrings()) {
      const match = /^%([^%]+)%$/.exec(text);
      assert.ok(match, `not a %key%: ${text}`);
      assert.ok(match[1] in english, `no English text for ${match[1]}`);
    }
  });

  it('uses every key of package.nls.json', () => {
    const used = new Set(shownStrings().map((s) => s.slice(1, -1)));
    assert.deepEqual(Object.keys(english).filter((k) => !used.has(k)), []);
  });

  for (const language of LANGUAGES) {
    it(`package.nls.${language}.json has exactly the keys, with code spans kept and the text translated`, () => {
      const bundle = read(`package.nls.${language}.json`) as Record<string, string>;
      assert.deepEqual(Object.keys(bundle).sort(), Object.keys(english).sort());
      for (const [key, text] of Object.entries(bundle)) {
        assert.deepEqual(codeSpans(text), codeSpans(english[key]), key);
        if (english[key].split(' ').length > 3) assert.notEqual(text, english[key], `${key} left in English`);
      }
    });
  }
});
