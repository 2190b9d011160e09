// The language server speaks the language the client announces in `initialize` (`locale`), and
// English without one — whatever LANG says. Run `npm run build` first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeLensRequest, type Diagnostic, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';
import { asteriskTrace, rawTrace } from './traces';

const RAW = 'untitled:raw.sip';
const ASTERISK = 'untitled:asterisk.log';

interface Expected {
  /** From the 486 hover: the catalogue meaning, the advice heading, the outcome label. */
  busyMeaning: RegExp;
  nextStep: RegExp;
  busyLabel: string;
  /** The 909 diagnostic of the Asterisk trace (the gateway's route-blocked answer). */
  routeBlocked: RegExp;
  /** The first INVITE's code lens of the busy call. */
  lens: RegExp;
}

const LANGUAGES: Record<string, Expected> = {
  ru: { busyMeaning: /Вызываемый абонент занят/, nextStep: /\*\*Что делать дальше:\*\*/, busyLabel: '`busy` (занято)', routeBlocked: /направление закрыто — префикс набранного номера/, lens: /^busy \(занято\) · 486 Busy Here/ },
  tr: { busyMeaning: /Aranan taraf bu hedefte meşgul/, nextStep: /\*\*Sıradaki adım:\*\*/, busyLabel: '`busy` (meşgul)', routeBlocked: /yön engelli — çevrilen numaranın öneki/, lens: /^busy \(meşgul\) · 486 Busy Here/ },
  es: { busyMeaning: /El llamado está ocupado en este destino/, nextStep: /\*\*Qué hacer a continuación:\*\*/, busyLabel: '`busy` (ocupado)', routeBlocked: /ruta bloqueada — el prefijo del número marcado/, lens: /^busy \(ocupado\) · 486 Busy Here/ },
  'pt-br': { busyMeaning: /O destino está ocupado neste endereço/, nextStep: /\*\*O que fazer a seguir:\*\*/, busyLabel: '`busy` (ocupado)', routeBlocked: /rota bloqueada — o prefixo do número discado/, lens: /^busy \(ocupado\) · 486 Busy Here/ },
};

async function hoverText(client: TestClient, uri: string, line: number): Promise<string> {
  const result = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line, character: 2 } });
  return result ? (result.contents as MarkupContent).value : '';
}

for (const [locale, expected] of Object.entries(LANGUAGES)) {
  describe(`language server in ${locale}`, () => {
    let client: TestClient;
    const raw = rawTrace();
    const asterisk = asteriskTrace();
    let asteriskDiagnostics: Diagnostic[] = [];

    before(async () => {
      // LANG says otherwise: the client's locale decides.
      client = await TestClient.start({ locale, env: { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' } });
      await client.open(RAW, raw.text);
      asteriskDiagnostics = (await client.open(ASTERISK, asterisk.text, 'log')).diagnostics;
    });

    after(async () => {
      assert.deepEqual(client.errors(), []);
      await client.stop();
    });

    it('explains a 486 in the language, keeping the outcome word and the reason phrase', async () => {
      const text = await hoverText(client, RAW, raw.lines.busy486);
      assert.match(text, /\*\*486 Busy Here\*\*/);
      assert.match(text, expected.busyMeaning);
      assert.match(text, expected.nextStep);
      assert.ok(text.includes(expected.busyLabel), text);
      assert.doesNotMatch(text, /What to do next|Where to look first/);
    });

    it('words the route-blocked diagnostic in the language', () => {
      const blocked = asteriskDiagnostics.find((d) => d.code === 'route-blocked');
      assert.ok(blocked, 'a route-blocked diagnostic');
      assert.match(String(blocked.message), /^909 Route Blocked: /);
      assert.match(String(blocked.message), expected.routeBlocked);
    });

    it('titles code lenses in the language', async () => {
      const lenses = await client.request(CodeLensRequest.type, { textDocument: { uri: RAW } });
      const busy = lenses?.find((lens) => lens.range.start.line === raw.lines.busyInvite);
      assert.match(busy?.command?.title ?? '', expected.lens);
    });
  });
}

describe('language server without a locale', () => {
  it('speaks English even when LANG names a translated language', async () => {
    const client = await TestClient.start({ env: { LANG: 'ru_RU.UTF-8', LC_ALL: 'ru_RU.UTF-8' } });
    try {
      const raw = rawTrace();
      await client.open(RAW, raw.text);
      const text = await hoverText(client, RAW, raw.lines.busy486);
      assert.match(text, /\*\*What to do next:\*\*/);
      assert.match(text, /Call outcome: `busy`(?! \()/);
    } finally {
      await client.stop();
    }
  });
});
