// The language server speaks the language the client announces in `initialize` (`locale`), and
// English without one — whatever LANG says. Run `npm run build` first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodeLensRequest, type Diagnostic, DocumentSymbolRequest, type DocumentSymbol, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import type { CallFlow } from '../../server/src/protocol';
import { TestClient } from './client';
import { asteriskTrace, rawTrace } from './traces';

const RAW = 'untitled:raw.sip';
const ASTERISK = 'untitled:asterisk.log';
const LEGS = 'untitled:legs.log';

// Two legs through a B2BUA linked by X-Call-ID (SIPp): the outbound leg gets 486 Busy Here from
// the callee (line 59), and the inbound leg passes it on to the caller (line 86).
const LEGS_TEXT = readFileSync(resolve(__dirname, '..', 'fixtures', 'b2bua', 'x-call-id.log'), 'utf8');
const FAR_486 = 58;
const NEAR_486 = 85;

interface Expected {
  /** From the 486 hover: the catalogue meaning, the advice heading, the outcome label. */
  busyMeaning: RegExp;
  nextStep: RegExp;
  busyLabel: string;
  /** The 909 diagnostic of the Asterisk trace (the gateway's route-blocked answer). */
  routeBlocked: RegExp;
  /** The first INVITE's code lens of the busy call. */
  lens: RegExp;
  /** The legs: the near 486's diagnostic and hover, the far 486's hover, the outline. */
  passedOnDiagnostic: RegExp;
  passedOnHover: RegExp;
  passedOnTo: RegExp;
  group: RegExp;
  legs: RegExp[];
  /** The lanes of the legs' ladder: the B2BUA host in the middle, each far end named by its leg. */
  lanes: string[];
}

const LANGUAGES: Record<string, Expected> = {
  ru: {
    busyMeaning: /Вызываемый абонент занят/, nextStep: /\*\*Что делать дальше:\*\*/, busyLabel: '`busy` (занято)', routeBlocked: /направление закрыто — префикс набранного номера/, lens: /^busy \(занято\) · 486 Busy Here/,
    passedOnDiagnostic: /Транслирует 486 от оператора, строка 59 \(Call-ID b2b-x-call-id-phone-1@192\.0\.2\.1\)\.$/,
    passedOnHover: /Транслирует 486 от оператора: .*строка 59.* \(другое плечо, Call-ID /,
    passedOnTo: /Передан на другое плечо как 486: .*строка 86/,
    group: /^вызов · 1001 → 004930123456 · 2 плеча$/,
    legs: [/^входящее плечо · busy \(занято\) · /, /^исходящее плечо · busy \(занято\) · /],
    lanes: ['сторона вызывающего (плечо 1)', 'этот хост (B2BUA)', 'сторона оператора (плечо 2)'],
  },
  tr: {
    busyMeaning: /Aranan taraf bu hedefte meşgul/, nextStep: /\*\*Sıradaki adım:\*\*/, busyLabel: '`busy` (meşgul)', routeBlocked: /yön engelli — çevrilen numaranın öneki/, lens: /^busy \(meşgul\) · 486 Busy Here/,
    passedOnDiagnostic: /operatörün 486 yanıtı aktarıldı, satır 59 \(Call-ID b2b-x-call-id-phone-1@192\.0\.2\.1\)\.$/,
    passedOnHover: /operatörün 486 yanıtı aktarıldı: .*satır 59.* \(diğer bacak, Call-ID /,
    passedOnTo: /Diğer bacağa 486 olarak aktarıldı: .*satır 86/,
    group: /^çağrı · 1001 → 004930123456 · 2 bacak$/,
    legs: [/^gelen bacak · busy \(meşgul\) · /, /^giden bacak · busy \(meşgul\) · /],
    lanes: ['arayan tarafı (1. bacak)', 'bu ana makine (B2BUA)', 'operatör tarafı (2. bacak)'],
  },
  es: {
    busyMeaning: /El llamado está ocupado en este destino/, nextStep: /\*\*Qué hacer a continuación:\*\*/, busyLabel: '`busy` (ocupado)', routeBlocked: /ruta bloqueada — el prefijo del número marcado/, lens: /^busy \(ocupado\) · 486 Busy Here/,
    passedOnDiagnostic: /Reenvía el 486 del operador de la línea 59 \(Call-ID b2b-x-call-id-phone-1@192\.0\.2\.1\)\.$/,
    passedOnHover: /Reenvía el 486 del operador: .*línea 59.* \(otro tramo, Call-ID /,
    passedOnTo: /Reenviada al otro tramo como 486: .*línea 86/,
    group: /^llamada · 1001 → 004930123456 · 2 tramos$/,
    legs: [/^tramo entrante · busy \(ocupado\) · /, /^tramo saliente · busy \(ocupado\) · /],
    lanes: ['lado del llamante (tramo 1)', 'este host (B2BUA)', 'lado del operador (tramo 2)'],
  },
  'pt-br': {
    busyMeaning: /O destino está ocupado neste endereço/, nextStep: /\*\*O que fazer a seguir:\*\*/, busyLabel: '`busy` (ocupado)', routeBlocked: /rota bloqueada — o prefixo do número discado/, lens: /^busy \(ocupado\) · 486 Busy Here/,
    passedOnDiagnostic: /Repassa o 486 da operadora da linha 59 \(Call-ID b2b-x-call-id-phone-1@192\.0\.2\.1\)\.$/,
    passedOnHover: /Repassa o 486 da operadora: .*linha 59.* \(outra perna, Call-ID /,
    passedOnTo: /Repassada à outra perna como 486: .*linha 86/,
    group: /^chamada · 1001 → 004930123456 · 2 pernas$/,
    legs: [/^perna de entrada · busy \(ocupado\) · /, /^perna de saída · busy \(ocupado\) · /],
    lanes: ['lado do chamador (perna 1)', 'este host (B2BUA)', 'lado da operadora (perna 2)'],
  },
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
    let legsDiagnostics: Diagnostic[] = [];

    before(async () => {
      // LANG says otherwise: the client's locale decides.
      client = await TestClient.start({ locale, env: { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' } });
      await client.open(RAW, raw.text);
      asteriskDiagnostics = (await client.open(ASTERISK, asterisk.text, 'log')).diagnostics;
      legsDiagnostics = (await client.open(LEGS, LEGS_TEXT, 'log')).diagnostics;
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

    it('words the legs through a B2BUA in the language: diagnostics, hovers and outline', async () => {
      const near = legsDiagnostics.find((d) => d.range.start.line === NEAR_486);
      assert.ok(near, 'a diagnostic on the inbound leg\'s 486');
      assert.match(String(near.message), expected.passedOnDiagnostic);
      assert.ok(near.relatedInformation?.some((r) => r.location.range.start.line === FAR_486 && !/Passed on/.test(r.message)), JSON.stringify(near.relatedInformation));
      assert.match(await hoverText(client, LEGS, NEAR_486), expected.passedOnHover);
      assert.match(await hoverText(client, LEGS, FAR_486), expected.passedOnTo);
      const symbols = ((await client.request(DocumentSymbolRequest.type, { textDocument: { uri: LEGS } })) ?? []) as DocumentSymbol[];
      const group = symbols.find((s) => expected.group.test(s.name));
      assert.ok(group, symbols.map((s) => s.name).join('\n'));
      expected.legs.forEach((leg, i) => assert.match(group.children?.[i]?.name ?? '', leg));
      const flow = await client.requestByName<CallFlow | null>('sipLens/callFlow', { uri: LEGS, callId: 'x-call-id-phone-1@192.0.2.1', legs: true });
      assert.deepEqual(flow?.parties.map((p) => p.label), expected.lanes);
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
