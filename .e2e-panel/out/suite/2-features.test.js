"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var assert = __toESM(require("node:assert/strict"));
var vscode = __toESM(require("vscode"));
var import_editor = require("../support/editor");
suite("Language features on calls.sip", () => {
  let document;
  suiteSetup(async () => {
    document = await (0, import_editor.openFixture)("calls.sip");
    await (0, import_editor.waitForActivation)();
  });
  test("hover on the 486 line explains busy", async () => {
    const line = (0, import_editor.lineOf)(document, /^SIP\/2\.0 486 /);
    const position = new vscode.Position(line, 10);
    const hovers = await (0, import_editor.untilAnswered)(
      "a hover on the 486 line",
      () => vscode.commands.executeCommand("vscode.executeHoverProvider", document.uri, position)
    );
    const text = (0, import_editor.hoverText)(hovers);
    assert.match(text, /486/);
    assert.match(text, /Busy Here/);
    assert.match(text, /\bbusy\b/, "names the call outcome with its vocabulary word");
  });
  test("the 903 line carries a route-blocked Error", async () => {
    const line = (0, import_editor.lineOf)(document, /^SIP\/2\.0 903 /);
    const diagnostic = await (0, import_editor.waitForDiagnostic)(
      document.uri,
      "a route-blocked diagnostic",
      (d) => d.source === "sip-lens" && (0, import_editor.diagnosticCode)(d) === "route-blocked"
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(diagnostic.range.start.character, 0);
    assert.equal(diagnostic.range.end.line, line);
    const onOtherLines = vscode.languages.getDiagnostics(document.uri).filter((d) => (0, import_editor.diagnosticCode)(d) === "route-blocked" && d.range.start.line !== line);
    assert.deepEqual(onOtherLines, [], "only the 903 is route-blocked");
  });
  test("the busy call gets an error-final warning, not route-blocked", async () => {
    const line = (0, import_editor.lineOf)(document, /^SIP\/2\.0 486 /);
    const diagnostic = await (0, import_editor.waitForDiagnostic)(document.uri, "a diagnostic on the 486", (d) => d.range.start.line === line);
    assert.equal((0, import_editor.diagnosticCode)(diagnostic), "error-final");
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
  });
  test("document symbols list both calls", async () => {
    const symbols = await (0, import_editor.untilAnswered)(
      "document symbols",
      () => vscode.commands.executeCommand(
        "vscode.executeDocumentSymbolProvider",
        document.uri
      )
    );
    const rangeOf = (s) => "location" in s ? s.location.range : s.range;
    for (const dialled of ["2001", "8810099"]) {
      const invite = (0, import_editor.lineOf)(document, new RegExp(`^INVITE sip:${dialled}@`));
      const call = symbols.find((s) => rangeOf(s).contains(new vscode.Position(invite, 0)));
      assert.ok(call, `a symbol covers the INVITE to ${dialled} (line ${invite}); got ${symbols.map((s) => s.name).join(", ")}`);
    }
  });
  test("code lenses sit on the calls and open the call flow", async () => {
    const lenses = await (0, import_editor.untilAnswered)(
      "code lenses",
      () => vscode.commands.executeCommand("vscode.executeCodeLensProvider", document.uri, 100)
    );
    for (const callId of ["busy-1@127.0.0.1", "blocked-2@127.0.0.1"]) {
      const lens = lenses.find((l) => l.command?.command === "sipLens.showCallFlow" && l.command.arguments?.[1] === callId);
      assert.ok(lens, `a lens opens the call flow of ${callId}; got ${JSON.stringify(lenses.map((l) => l.command))}`);
    }
  });
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvc3VpdGUvMi1mZWF0dXJlcy50ZXN0LnRzIl0sCiAgInNvdXJjZXNDb250ZW50IjogWyIvLy8gPHJlZmVyZW5jZSB0eXBlcz1cIm1vY2hhXCIgLz5cbi8vIExhbmd1YWdlIGZlYXR1cmVzIG9uIGEgU0lQcCB0cmFjZSB3aXRoIGEgYnVzeSBjYWxsICg0ODYpIGFuZCBhIHJvdXRlLWJsb2NrZWQgY2FsbCAoOTAzKS5cbmltcG9ydCAqIGFzIGFzc2VydCBmcm9tICdub2RlOmFzc2VydC9zdHJpY3QnO1xuaW1wb3J0ICogYXMgdnNjb2RlIGZyb20gJ3ZzY29kZSc7XG5pbXBvcnQge1xuICBkaWFnbm9zdGljQ29kZSxcbiAgaG92ZXJUZXh0LFxuICBsaW5lT2YsXG4gIG9wZW5GaXh0dXJlLFxuICB1bnRpbEFuc3dlcmVkLFxuICB3YWl0Rm9yQWN0aXZhdGlvbixcbiAgd2FpdEZvckRpYWdub3N0aWMsXG59IGZyb20gJy4uL3N1cHBvcnQvZWRpdG9yJztcblxuc3VpdGUoJ0xhbmd1YWdlIGZlYXR1cmVzIG9uIGNhbGxzLnNpcCcsICgpID0+IHtcbiAgbGV0IGRvY3VtZW50OiB2c2NvZGUuVGV4dERvY3VtZW50O1xuXG4gIHN1aXRlU2V0dXAoYXN5bmMgKCkgPT4ge1xuICAgIGRvY3VtZW50ID0gYXdhaXQgb3BlbkZpeHR1cmUoJ2NhbGxzLnNpcCcpO1xuICAgIGF3YWl0IHdhaXRGb3JBY3RpdmF0aW9uKCk7XG4gIH0pO1xuXG4gIHRlc3QoJ2hvdmVyIG9uIHRoZSA0ODYgbGluZSBleHBsYWlucyBidXN5JywgYXN5bmMgKCkgPT4ge1xuICAgIGNvbnN0IGxpbmUgPSBsaW5lT2YoZG9jdW1lbnQsIC9eU0lQXFwvMlxcLjAgNDg2IC8pO1xuICAgIGNvbnN0IHBvc2l0aW9uID0gbmV3IHZzY29kZS5Qb3NpdGlvbihsaW5lLCAxMCk7XG4gICAgY29uc3QgaG92ZXJzID0gYXdhaXQgdW50aWxBbnN3ZXJlZCgnYSBob3ZlciBvbiB0aGUgNDg2IGxpbmUnLCAoKSA9PlxuICAgICAgdnNjb2RlLmNvbW1hbmRzLmV4ZWN1dGVDb21tYW5kPHZzY29kZS5Ib3ZlcltdPigndnNjb2RlLmV4ZWN1dGVIb3ZlclByb3ZpZGVyJywgZG9jdW1lbnQudXJpLCBwb3NpdGlvbiksXG4gICAgKTtcbiAgICBjb25zdCB0ZXh0ID0gaG92ZXJUZXh0KGhvdmVycyk7XG4gICAgYXNzZXJ0Lm1hdGNoKHRleHQsIC80ODYvKTtcbiAgICBhc3NlcnQubWF0Y2godGV4dCwgL0J1c3kgSGVyZS8pO1xuICAgIGFzc2VydC5tYXRjaCh0ZXh0LCAvXFxiYnVzeVxcYi8sICduYW1lcyB0aGUgY2FsbCBvdXRjb21lIHdpdGggaXRzIHZvY2FidWxhcnkgd29yZCcpO1xuICB9KTtcblxuICB0ZXN0KCd0aGUgOTAzIGxpbmUgY2FycmllcyBhIHJvdXRlLWJsb2NrZWQgRXJyb3InLCBhc3luYyAoKSA9PiB7XG4gICAgY29uc3QgbGluZSA9IGxpbmVPZihkb2N1bWVudCwgL15TSVBcXC8yXFwuMCA5MDMgLyk7XG4gICAgY29uc3QgZGlhZ25vc3RpYyA9IGF3YWl0IHdhaXRGb3JEaWFnbm9zdGljKFxuICAgICAgZG9jdW1lbnQudXJpLFxuICAgICAgJ2Egcm91dGUtYmxvY2tlZCBkaWFnbm9zdGljJyxcbiAgICAgIChkKSA9PiBkLnNvdXJjZSA9PT0gJ3NpcC1sZW5zJyAmJiBkaWFnbm9zdGljQ29kZShkKSA9PT0gJ3JvdXRlLWJsb2NrZWQnLFxuICAgICk7XG4gICAgYXNzZXJ0LmVxdWFsKGRpYWdub3N0aWMuc2V2ZXJpdHksIHZzY29kZS5EaWFnbm9zdGljU2V2ZXJpdHkuRXJyb3IpO1xuICAgIGFzc2VydC5lcXVhbChkaWFnbm9zdGljLnJhbmdlLnN0YXJ0LmxpbmUsIGxpbmUpO1xuICAgIGFzc2VydC5lcXVhbChkaWFnbm9zdGljLnJhbmdlLnN0YXJ0LmNoYXJhY3RlciwgMCk7XG4gICAgYXNzZXJ0LmVxdWFsKGRpYWdub3N0aWMucmFuZ2UuZW5kLmxpbmUsIGxpbmUpO1xuICAgIGNvbnN0IG9uT3RoZXJMaW5lcyA9IHZzY29kZS5sYW5ndWFnZXNcbiAgICAgIC5nZXREaWFnbm9zdGljcyhkb2N1bWVudC51cmkpXG4gICAgICAuZmlsdGVyKChkKSA9PiBkaWFnbm9zdGljQ29kZShkKSA9PT0gJ3JvdXRlLWJsb2NrZWQnICYmIGQucmFuZ2Uuc3RhcnQubGluZSAhPT0gbGluZSk7XG4gICAgYXNzZXJ0LmRlZXBFcXVhbChvbk90aGVyTGluZXMsIFtdLCAnb25seSB0aGUgOTAzIGlzIHJvdXRlLWJsb2NrZWQnKTtcbiAgfSk7XG5cbiAgdGVzdCgndGhlIGJ1c3kgY2FsbCBnZXRzIGFuIGVycm9yLWZpbmFsIHdhcm5pbmcsIG5vdCByb3V0ZS1ibG9ja2VkJywgYXN5bmMgKCkgPT4ge1xuICAgIGNvbnN0IGxpbmUgPSBsaW5lT2YoZG9jdW1lbnQsIC9eU0lQXFwvMlxcLjAgNDg2IC8pO1xuICAgIGNvbnN0IGRpYWdub3N0aWMgPSBhd2FpdCB3YWl0Rm9yRGlhZ25vc3RpYyhkb2N1bWVudC51cmksICdhIGRpYWdub3N0aWMgb24gdGhlIDQ4NicsIChkKSA9PiBkLnJhbmdlLnN0YXJ0LmxpbmUgPT09IGxpbmUpO1xuICAgIGFzc2VydC5lcXVhbChkaWFnbm9zdGljQ29kZShkaWFnbm9zdGljKSwgJ2Vycm9yLWZpbmFsJyk7XG4gICAgYXNzZXJ0LmVxdWFsKGRpYWdub3N0aWMuc2V2ZXJpdHksIHZzY29kZS5EaWFnbm9zdGljU2V2ZXJpdHkuV2FybmluZyk7XG4gIH0pO1xuXG4gIHRlc3QoJ2RvY3VtZW50IHN5bWJvbHMgbGlzdCBib3RoIGNhbGxzJywgYXN5bmMgKCkgPT4ge1xuICAgIGNvbnN0IHN5bWJvbHMgPSBhd2FpdCB1bnRpbEFuc3dlcmVkKCdkb2N1bWVudCBzeW1ib2xzJywgKCkgPT5cbiAgICAgIHZzY29kZS5jb21tYW5kcy5leGVjdXRlQ29tbWFuZDwodnNjb2RlLkRvY3VtZW50U3ltYm9sIHwgdnNjb2RlLlN5bWJvbEluZm9ybWF0aW9uKVtdPihcbiAgICAgICAgJ3ZzY29kZS5leGVjdXRlRG9jdW1lbnRTeW1ib2xQcm92aWRlcicsXG4gICAgICAgIGRvY3VtZW50LnVyaSxcbiAgICAgICksXG4gICAgKTtcbiAgICBjb25zdCByYW5nZU9mID0gKHM6IHZzY29kZS5Eb2N1bWVudFN5bWJvbCB8IHZzY29kZS5TeW1ib2xJbmZvcm1hdGlvbikgPT4gKCdsb2NhdGlvbicgaW4gcyA/IHMubG9jYXRpb24ucmFuZ2UgOiBzLnJhbmdlKTtcbiAgICBmb3IgKGNvbnN0IGRpYWxsZWQgb2YgWycyMDAxJywgJzg4MTAwOTknXSkge1xuICAgICAgY29uc3QgaW52aXRlID0gbGluZU9mKGRvY3VtZW50LCBuZXcgUmVnRXhwKGBeSU5WSVRFIHNpcDoke2RpYWxsZWR9QGApKTtcbiAgICAgIGNvbnN0IGNhbGwgPSBzeW1ib2xzLmZpbmQoKHMpID0+IHJhbmdlT2YocykuY29udGFpbnMobmV3IHZzY29kZS5Qb3NpdGlvbihpbnZpdGUsIDApKSk7XG4gICAgICBhc3NlcnQub2soY2FsbCwgYGEgc3ltYm9sIGNvdmVycyB0aGUgSU5WSVRFIHRvICR7ZGlhbGxlZH0gKGxpbmUgJHtpbnZpdGV9KTsgZ290ICR7c3ltYm9scy5tYXAoKHMpID0+IHMubmFtZSkuam9pbignLCAnKX1gKTtcbiAgICB9XG4gIH0pO1xuXG4gIHRlc3QoJ2NvZGUgbGVuc2VzIHNpdCBvbiB0aGUgY2FsbHMgYW5kIG9wZW4gdGhlIGNhbGwgZmxvdycsIGFzeW5jICgpID0+IHtcbiAgICBjb25zdCBsZW5zZXMgPSBhd2FpdCB1bnRpbEFuc3dlcmVkKCdjb2RlIGxlbnNlcycsICgpID0+XG4gICAgICB2c2NvZGUuY29tbWFuZHMuZXhlY3V0ZUNvbW1hbmQ8dnNjb2RlLkNvZGVMZW5zW10+KCd2c2NvZGUuZXhlY3V0ZUNvZGVMZW5zUHJvdmlkZXInLCBkb2N1bWVudC51cmksIDEwMCksXG4gICAgKTtcbiAgICBmb3IgKGNvbnN0IGNhbGxJZCBvZiBbJ2J1c3ktMUAxMjcuMC4wLjEnLCAnYmxvY2tlZC0yQDEyNy4wLjAuMSddKSB7XG4gICAgICBjb25zdCBsZW5zID0gbGVuc2VzLmZpbmQoKGwpID0+IGwuY29tbWFuZD8uY29tbWFuZCA9PT0gJ3NpcExlbnMuc2hvd0NhbGxGbG93JyAmJiBsLmNvbW1hbmQuYXJndW1lbnRzPy5bMV0gPT09IGNhbGxJZCk7XG4gICAgICBhc3NlcnQub2sobGVucywgYGEgbGVucyBvcGVucyB0aGUgY2FsbCBmbG93IG9mICR7Y2FsbElkfTsgZ290ICR7SlNPTi5zdHJpbmdpZnkobGVuc2VzLm1hcCgobCkgPT4gbC5jb21tYW5kKSl9YCk7XG4gICAgfVxuICB9KTtcbn0pO1xuIl0sCiAgIm1hcHBpbmdzIjogIjs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7QUFFQSxhQUF3QjtBQUN4QixhQUF3QjtBQUN4QixvQkFRTztBQUVQLE1BQU0sa0NBQWtDLE1BQU07QUFDNUMsTUFBSTtBQUVKLGFBQVcsWUFBWTtBQUNyQixlQUFXLFVBQU0sMkJBQVksV0FBVztBQUN4QyxjQUFNLGlDQUFrQjtBQUFBLEVBQzFCLENBQUM7QUFFRCxPQUFLLHVDQUF1QyxZQUFZO0FBQ3RELFVBQU0sV0FBTyxzQkFBTyxVQUFVLGlCQUFpQjtBQUMvQyxVQUFNLFdBQVcsSUFBSSxPQUFPLFNBQVMsTUFBTSxFQUFFO0FBQzdDLFVBQU0sU0FBUyxVQUFNO0FBQUEsTUFBYztBQUFBLE1BQTJCLE1BQzVELE9BQU8sU0FBUyxlQUErQiwrQkFBK0IsU0FBUyxLQUFLLFFBQVE7QUFBQSxJQUN0RztBQUNBLFVBQU0sV0FBTyx5QkFBVSxNQUFNO0FBQzdCLFdBQU8sTUFBTSxNQUFNLEtBQUs7QUFDeEIsV0FBTyxNQUFNLE1BQU0sV0FBVztBQUM5QixXQUFPLE1BQU0sTUFBTSxZQUFZLGlEQUFpRDtBQUFBLEVBQ2xGLENBQUM7QUFFRCxPQUFLLDhDQUE4QyxZQUFZO0FBQzdELFVBQU0sV0FBTyxzQkFBTyxVQUFVLGlCQUFpQjtBQUMvQyxVQUFNLGFBQWEsVUFBTTtBQUFBLE1BQ3ZCLFNBQVM7QUFBQSxNQUNUO0FBQUEsTUFDQSxDQUFDLE1BQU0sRUFBRSxXQUFXLGtCQUFjLDhCQUFlLENBQUMsTUFBTTtBQUFBLElBQzFEO0FBQ0EsV0FBTyxNQUFNLFdBQVcsVUFBVSxPQUFPLG1CQUFtQixLQUFLO0FBQ2pFLFdBQU8sTUFBTSxXQUFXLE1BQU0sTUFBTSxNQUFNLElBQUk7QUFDOUMsV0FBTyxNQUFNLFdBQVcsTUFBTSxNQUFNLFdBQVcsQ0FBQztBQUNoRCxXQUFPLE1BQU0sV0FBVyxNQUFNLElBQUksTUFBTSxJQUFJO0FBQzVDLFVBQU0sZUFBZSxPQUFPLFVBQ3pCLGVBQWUsU0FBUyxHQUFHLEVBQzNCLE9BQU8sQ0FBQyxVQUFNLDhCQUFlLENBQUMsTUFBTSxtQkFBbUIsRUFBRSxNQUFNLE1BQU0sU0FBUyxJQUFJO0FBQ3JGLFdBQU8sVUFBVSxjQUFjLENBQUMsR0FBRywrQkFBK0I7QUFBQSxFQUNwRSxDQUFDO0FBRUQsT0FBSyxnRUFBZ0UsWUFBWTtBQUMvRSxVQUFNLFdBQU8sc0JBQU8sVUFBVSxpQkFBaUI7QUFDL0MsVUFBTSxhQUFhLFVBQU0saUNBQWtCLFNBQVMsS0FBSywyQkFBMkIsQ0FBQyxNQUFNLEVBQUUsTUFBTSxNQUFNLFNBQVMsSUFBSTtBQUN0SCxXQUFPLFVBQU0sOEJBQWUsVUFBVSxHQUFHLGFBQWE7QUFDdEQsV0FBTyxNQUFNLFdBQVcsVUFBVSxPQUFPLG1CQUFtQixPQUFPO0FBQUEsRUFDckUsQ0FBQztBQUVELE9BQUssb0NBQW9DLFlBQVk7QUFDbkQsVUFBTSxVQUFVLFVBQU07QUFBQSxNQUFjO0FBQUEsTUFBb0IsTUFDdEQsT0FBTyxTQUFTO0FBQUEsUUFDZDtBQUFBLFFBQ0EsU0FBUztBQUFBLE1BQ1g7QUFBQSxJQUNGO0FBQ0EsVUFBTSxVQUFVLENBQUMsTUFBeUQsY0FBYyxJQUFJLEVBQUUsU0FBUyxRQUFRLEVBQUU7QUFDakgsZUFBVyxXQUFXLENBQUMsUUFBUSxTQUFTLEdBQUc7QUFDekMsWUFBTSxhQUFTLHNCQUFPLFVBQVUsSUFBSSxPQUFPLGVBQWUsT0FBTyxHQUFHLENBQUM7QUFDckUsWUFBTSxPQUFPLFFBQVEsS0FBSyxDQUFDLE1BQU0sUUFBUSxDQUFDLEVBQUUsU0FBUyxJQUFJLE9BQU8sU0FBUyxRQUFRLENBQUMsQ0FBQyxDQUFDO0FBQ3BGLGFBQU8sR0FBRyxNQUFNLGlDQUFpQyxPQUFPLFVBQVUsTUFBTSxVQUFVLFFBQVEsSUFBSSxDQUFDLE1BQU0sRUFBRSxJQUFJLEVBQUUsS0FBSyxJQUFJLENBQUMsRUFBRTtBQUFBLElBQzNIO0FBQUEsRUFDRixDQUFDO0FBRUQsT0FBSyx1REFBdUQsWUFBWTtBQUN0RSxVQUFNLFNBQVMsVUFBTTtBQUFBLE1BQWM7QUFBQSxNQUFlLE1BQ2hELE9BQU8sU0FBUyxlQUFrQyxrQ0FBa0MsU0FBUyxLQUFLLEdBQUc7QUFBQSxJQUN2RztBQUNBLGVBQVcsVUFBVSxDQUFDLG9CQUFvQixxQkFBcUIsR0FBRztBQUNoRSxZQUFNLE9BQU8sT0FBTyxLQUFLLENBQUMsTUFBTSxFQUFFLFNBQVMsWUFBWSwwQkFBMEIsRUFBRSxRQUFRLFlBQVksQ0FBQyxNQUFNLE1BQU07QUFDcEgsYUFBTyxHQUFHLE1BQU0saUNBQWlDLE1BQU0sU0FBUyxLQUFLLFVBQVUsT0FBTyxJQUFJLENBQUMsTUFBTSxFQUFFLE9BQU8sQ0FBQyxDQUFDLEVBQUU7QUFBQSxJQUNoSDtBQUFBLEVBQ0YsQ0FBQztBQUNILENBQUM7IiwKICAibmFtZXMiOiBbXQp9Cg==
