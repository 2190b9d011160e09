"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
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
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
var editor_exports = {};
__export(editor_exports, {
  diagnosticCode: () => diagnosticCode,
  extensionId: () => extensionId,
  fixtureUri: () => fixtureUri,
  hoverText: () => hoverText,
  languageId: () => languageId,
  lineOf: () => lineOf,
  openFixture: () => openFixture,
  sipLens: () => sipLens,
  untilAnswered: () => untilAnswered,
  waitForActivation: () => waitForActivation,
  waitForDiagnostic: () => waitForDiagnostic,
  waitForSipTrace: () => waitForSipTrace
});
module.exports = __toCommonJS(editor_exports);
var assert = __toESM(require("node:assert/strict"));
var vscode = __toESM(require("vscode"));
var import_waiting = require("./waiting");
const extensionId = "sip-lens.sip-lens";
const languageId = "sip-trace";
function fixtureUri(name) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the fixture workspace is open");
  return vscode.Uri.joinPath(folder.uri, name);
}
function sipLens() {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  return extension;
}
async function openFixture(name) {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
function waitForSipTrace(uri, timeoutMs = 2e4) {
  return (0, import_waiting.waitFor)(
    `${uri.path} to become ${languageId}`,
    () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === languageId),
    { events: [vscode.workspace.onDidOpenTextDocument], timeoutMs }
  );
}
function waitForActivation(timeoutMs = 2e4) {
  const extension = sipLens();
  return (0, import_waiting.waitFor)(`${extensionId} to activate`, () => extension.isActive ? true : void 0, { pollMs: 100, timeoutMs });
}
function lineOf(document, pattern) {
  for (let line = 0; line < document.lineCount; line++) {
    if (pattern.test(document.lineAt(line).text)) return line;
  }
  assert.fail(`no line of ${document.uri.path} matches ${pattern}`);
}
function waitForDiagnostic(uri, what, predicate, timeoutMs = 2e4) {
  return (0, import_waiting.waitFor)(what, () => vscode.languages.getDiagnostics(uri).find(predicate), {
    events: [vscode.languages.onDidChangeDiagnostics],
    timeoutMs
  });
}
function diagnosticCode(diagnostic) {
  const code = diagnostic.code;
  return typeof code === "object" && code !== null ? code.value : code;
}
function hoverText(hovers) {
  return hovers.flatMap((hover) => hover.contents).map((content) => typeof content === "string" ? content : content.value).join("\n");
}
function untilAnswered(what, ask, timeoutMs = 2e4) {
  return (0, import_waiting.waitFor)(
    what,
    async () => {
      const answer = await ask();
      return answer && answer.length > 0 ? answer : void 0;
    },
    { pollMs: 250, timeoutMs }
  );
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  diagnosticCode,
  extensionId,
  fixtureUri,
  hoverText,
  languageId,
  lineOf,
  openFixture,
  sipLens,
  untilAnswered,
  waitForActivation,
  waitForDiagnostic,
  waitForSipTrace
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvc3VwcG9ydC9lZGl0b3IudHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbIi8vIFNtYWxsIGhlbHBlcnMgZm9yIHRlc3RzIHRoYXQgcnVuIGluc2lkZSB0aGUgZWRpdG9yIGFnYWluc3QgdGhlIGZpeHR1cmUgd29ya3NwYWNlLlxuaW1wb3J0ICogYXMgYXNzZXJ0IGZyb20gJ25vZGU6YXNzZXJ0L3N0cmljdCc7XG5pbXBvcnQgKiBhcyB2c2NvZGUgZnJvbSAndnNjb2RlJztcbmltcG9ydCB7IHdhaXRGb3IgfSBmcm9tICcuL3dhaXRpbmcnO1xuXG5leHBvcnQgY29uc3QgZXh0ZW5zaW9uSWQgPSAnc2lwLWxlbnMuc2lwLWxlbnMnO1xuZXhwb3J0IGNvbnN0IGxhbmd1YWdlSWQgPSAnc2lwLXRyYWNlJztcblxuZXhwb3J0IGZ1bmN0aW9uIGZpeHR1cmVVcmkobmFtZTogc3RyaW5nKTogdnNjb2RlLlVyaSB7XG4gIGNvbnN0IGZvbGRlciA9IHZzY29kZS53b3Jrc3BhY2Uud29ya3NwYWNlRm9sZGVycz8uWzBdO1xuICBhc3NlcnQub2soZm9sZGVyLCAndGhlIGZpeHR1cmUgd29ya3NwYWNlIGlzIG9wZW4nKTtcbiAgcmV0dXJuIHZzY29kZS5Vcmkuam9pblBhdGgoZm9sZGVyLnVyaSwgbmFtZSk7XG59XG5cbmV4cG9ydCBmdW5jdGlvbiBzaXBMZW5zKCk6IHZzY29kZS5FeHRlbnNpb248dW5rbm93bj4ge1xuICBjb25zdCBleHRlbnNpb24gPSB2c2NvZGUuZXh0ZW5zaW9ucy5nZXRFeHRlbnNpb24oZXh0ZW5zaW9uSWQpO1xuICBhc3NlcnQub2soZXh0ZW5zaW9uLCBgJHtleHRlbnNpb25JZH0gaXMgaW5zdGFsbGVkYCk7XG4gIHJldHVybiBleHRlbnNpb247XG59XG5cbi8qKiBPcGVucyBhIGZpeHR1cmUgaW4gYW4gZWRpdG9yLCBhcyBhIHVzZXIgd291bGQuICovXG5leHBvcnQgYXN5bmMgZnVuY3Rpb24gb3BlbkZpeHR1cmUobmFtZTogc3RyaW5nKTogUHJvbWlzZTx2c2NvZGUuVGV4dERvY3VtZW50PiB7XG4gIGNvbnN0IGRvY3VtZW50ID0gYXdhaXQgdnNjb2RlLndvcmtzcGFjZS5vcGVuVGV4dERvY3VtZW50KGZpeHR1cmVVcmkobmFtZSkpO1xuICBhd2FpdCB2c2NvZGUud2luZG93LnNob3dUZXh0RG9jdW1lbnQoZG9jdW1lbnQsIHsgcHJldmlldzogZmFsc2UgfSk7XG4gIHJldHVybiBkb2N1bWVudDtcbn1cblxuLyoqXG4gKiBUaGUgb3BlbiBkb2N1bWVudCBmb3IgYHVyaWAgb25jZSBpdHMgbGFuZ3VhZ2UgaXMgYHNpcC10cmFjZWAuIFN3aXRjaGluZyB0aGUgbGFuZ3VhZ2UgY2xvc2VzXG4gKiBhbmQgcmVvcGVucyB0aGUgZG9jdW1lbnQsIHNvIGxvb2sgaXQgdXAgYWZyZXNoIGVhY2ggdGltZS5cbiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHdhaXRGb3JTaXBUcmFjZSh1cmk6IHZzY29kZS5VcmksIHRpbWVvdXRNcyA9IDIwXzAwMCk6IFByb21pc2U8dnNjb2RlLlRleHREb2N1bWVudD4ge1xuICByZXR1cm4gd2FpdEZvcihcbiAgICBgJHt1cmkucGF0aH0gdG8gYmVjb21lICR7bGFuZ3VhZ2VJZH1gLFxuICAgICgpID0+IHZzY29kZS53b3Jrc3BhY2UudGV4dERvY3VtZW50cy5maW5kKChkKSA9PiBkLnVyaS50b1N0cmluZygpID09PSB1cmkudG9TdHJpbmcoKSAmJiBkLmxhbmd1YWdlSWQgPT09IGxhbmd1YWdlSWQpLFxuICAgIHsgZXZlbnRzOiBbdnNjb2RlLndvcmtzcGFjZS5vbkRpZE9wZW5UZXh0RG9jdW1lbnRdLCB0aW1lb3V0TXMgfSxcbiAgKTtcbn1cblxuZXhwb3J0IGZ1bmN0aW9uIHdhaXRGb3JBY3RpdmF0aW9uKHRpbWVvdXRNcyA9IDIwXzAwMCk6IFByb21pc2U8dHJ1ZT4ge1xuICBjb25zdCBleHRlbnNpb24gPSBzaXBMZW5zKCk7XG4gIHJldHVybiB3YWl0Rm9yKGAke2V4dGVuc2lvbklkfSB0byBhY3RpdmF0ZWAsICgpID0+IChleHRlbnNpb24uaXNBY3RpdmUgPyB0cnVlIDogdW5kZWZpbmVkKSwgeyBwb2xsTXM6IDEwMCwgdGltZW91dE1zIH0pO1xufVxuXG4vKiogMC1iYXNlZCBudW1iZXIgb2YgdGhlIGZpcnN0IGxpbmUgbWF0Y2hpbmcgYHBhdHRlcm5gLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGxpbmVPZihkb2N1bWVudDogdnNjb2RlLlRleHREb2N1bWVudCwgcGF0dGVybjogUmVnRXhwKTogbnVtYmVyIHtcbiAgZm9yIChsZXQgbGluZSA9IDA7IGxpbmUgPCBkb2N1bWVudC5saW5lQ291bnQ7IGxpbmUrKykge1xuICAgIGlmIChwYXR0ZXJuLnRlc3QoZG9jdW1lbnQubGluZUF0KGxpbmUpLnRleHQpKSByZXR1cm4gbGluZTtcbiAgfVxuICBhc3NlcnQuZmFpbChgbm8gbGluZSBvZiAke2RvY3VtZW50LnVyaS5wYXRofSBtYXRjaGVzICR7cGF0dGVybn1gKTtcbn1cblxuLyoqIERpYWdub3N0aWNzIGZvciBgdXJpYCBvbmNlIG9uZSBzYXRpc2ZpZXMgYHByZWRpY2F0ZWAgKHdhaXRzIG9uIHRoZSBkaWFnbm9zdGljcy1jaGFuZ2UgZXZlbnQpLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHdhaXRGb3JEaWFnbm9zdGljKFxuICB1cmk6IHZzY29kZS5VcmksXG4gIHdoYXQ6IHN0cmluZyxcbiAgcHJlZGljYXRlOiAoZDogdnNjb2RlLkRpYWdub3N0aWMpID0+IGJvb2xlYW4sXG4gIHRpbWVvdXRNcyA9IDIwXzAwMCxcbik6IFByb21pc2U8dnNjb2RlLkRpYWdub3N0aWM+IHtcbiAgcmV0dXJuIHdhaXRGb3Iod2hhdCwgKCkgPT4gdnNjb2RlLmxhbmd1YWdlcy5nZXREaWFnbm9zdGljcyh1cmkpLmZpbmQocHJlZGljYXRlKSwge1xuICAgIGV2ZW50czogW3ZzY29kZS5sYW5ndWFnZXMub25EaWRDaGFuZ2VEaWFnbm9zdGljc10sXG4gICAgdGltZW91dE1zLFxuICB9KTtcbn1cblxuZXhwb3J0IGZ1bmN0aW9uIGRpYWdub3N0aWNDb2RlKGRpYWdub3N0aWM6IHZzY29kZS5EaWFnbm9zdGljKTogc3RyaW5nIHwgbnVtYmVyIHwgdW5kZWZpbmVkIHtcbiAgY29uc3QgY29kZSA9IGRpYWdub3N0aWMuY29kZTtcbiAgcmV0dXJuIHR5cGVvZiBjb2RlID09PSAnb2JqZWN0JyAmJiBjb2RlICE9PSBudWxsID8gY29kZS52YWx1ZSA6IGNvZGU7XG59XG5cbmV4cG9ydCBmdW5jdGlvbiBob3ZlclRleHQoaG92ZXJzOiB2c2NvZGUuSG92ZXJbXSk6IHN0cmluZyB7XG4gIHJldHVybiBob3ZlcnNcbiAgICAuZmxhdE1hcCgoaG92ZXIpID0+IGhvdmVyLmNvbnRlbnRzKVxuICAgIC5tYXAoKGNvbnRlbnQpID0+ICh0eXBlb2YgY29udGVudCA9PT0gJ3N0cmluZycgPyBjb250ZW50IDogY29udGVudC52YWx1ZSkpXG4gICAgLmpvaW4oJ1xcbicpO1xufVxuXG4vKipcbiAqIEFza3MgYSBsYW5ndWFnZSBmZWF0dXJlIHVudGlsIGl0IGFuc3dlcnM6IHRoZSBsYW5ndWFnZSBjbGllbnQgcmVnaXN0ZXJzIGl0cyBwcm92aWRlcnMgb25seVxuICogb25jZSB0aGUgc2VydmVyIGhhcyBzdGFydGVkLCBzbyBhIHJlcXVlc3QgcmlnaHQgYWZ0ZXIgb3BlbmluZyBtYXkgZmluZCBub25lIHlldC5cbiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHVudGlsQW5zd2VyZWQ8VD4od2hhdDogc3RyaW5nLCBhc2s6ICgpID0+IFRoZW5hYmxlPFRbXSB8IHVuZGVmaW5lZD4sIHRpbWVvdXRNcyA9IDIwXzAwMCk6IFByb21pc2U8VFtdPiB7XG4gIHJldHVybiB3YWl0Rm9yKFxuICAgIHdoYXQsXG4gICAgYXN5bmMgKCkgPT4ge1xuICAgICAgY29uc3QgYW5zd2VyID0gYXdhaXQgYXNrKCk7XG4gICAgICByZXR1cm4gYW5zd2VyICYmIGFuc3dlci5sZW5ndGggPiAwID8gYW5zd2VyIDogdW5kZWZpbmVkO1xuICAgIH0sXG4gICAgeyBwb2xsTXM6IDI1MCwgdGltZW91dE1zIH0sXG4gICk7XG59XG4iXSwKICAibWFwcGluZ3MiOiAiOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7O0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFDQSxhQUF3QjtBQUN4QixhQUF3QjtBQUN4QixxQkFBd0I7QUFFakIsTUFBTSxjQUFjO0FBQ3BCLE1BQU0sYUFBYTtBQUVuQixTQUFTLFdBQVcsTUFBMEI7QUFDbkQsUUFBTSxTQUFTLE9BQU8sVUFBVSxtQkFBbUIsQ0FBQztBQUNwRCxTQUFPLEdBQUcsUUFBUSwrQkFBK0I7QUFDakQsU0FBTyxPQUFPLElBQUksU0FBUyxPQUFPLEtBQUssSUFBSTtBQUM3QztBQUVPLFNBQVMsVUFBcUM7QUFDbkQsUUFBTSxZQUFZLE9BQU8sV0FBVyxhQUFhLFdBQVc7QUFDNUQsU0FBTyxHQUFHLFdBQVcsR0FBRyxXQUFXLGVBQWU7QUFDbEQsU0FBTztBQUNUO0FBR0EsZUFBc0IsWUFBWSxNQUE0QztBQUM1RSxRQUFNLFdBQVcsTUFBTSxPQUFPLFVBQVUsaUJBQWlCLFdBQVcsSUFBSSxDQUFDO0FBQ3pFLFFBQU0sT0FBTyxPQUFPLGlCQUFpQixVQUFVLEVBQUUsU0FBUyxNQUFNLENBQUM7QUFDakUsU0FBTztBQUNUO0FBTU8sU0FBUyxnQkFBZ0IsS0FBaUIsWUFBWSxLQUFzQztBQUNqRyxhQUFPO0FBQUEsSUFDTCxHQUFHLElBQUksSUFBSSxjQUFjLFVBQVU7QUFBQSxJQUNuQyxNQUFNLE9BQU8sVUFBVSxjQUFjLEtBQUssQ0FBQyxNQUFNLEVBQUUsSUFBSSxTQUFTLE1BQU0sSUFBSSxTQUFTLEtBQUssRUFBRSxlQUFlLFVBQVU7QUFBQSxJQUNuSCxFQUFFLFFBQVEsQ0FBQyxPQUFPLFVBQVUscUJBQXFCLEdBQUcsVUFBVTtBQUFBLEVBQ2hFO0FBQ0Y7QUFFTyxTQUFTLGtCQUFrQixZQUFZLEtBQXVCO0FBQ25FLFFBQU0sWUFBWSxRQUFRO0FBQzFCLGFBQU8sd0JBQVEsR0FBRyxXQUFXLGdCQUFnQixNQUFPLFVBQVUsV0FBVyxPQUFPLFFBQVksRUFBRSxRQUFRLEtBQUssVUFBVSxDQUFDO0FBQ3hIO0FBR08sU0FBUyxPQUFPLFVBQStCLFNBQXlCO0FBQzdFLFdBQVMsT0FBTyxHQUFHLE9BQU8sU0FBUyxXQUFXLFFBQVE7QUFDcEQsUUFBSSxRQUFRLEtBQUssU0FBUyxPQUFPLElBQUksRUFBRSxJQUFJLEVBQUcsUUFBTztBQUFBLEVBQ3ZEO0FBQ0EsU0FBTyxLQUFLLGNBQWMsU0FBUyxJQUFJLElBQUksWUFBWSxPQUFPLEVBQUU7QUFDbEU7QUFHTyxTQUFTLGtCQUNkLEtBQ0EsTUFDQSxXQUNBLFlBQVksS0FDZ0I7QUFDNUIsYUFBTyx3QkFBUSxNQUFNLE1BQU0sT0FBTyxVQUFVLGVBQWUsR0FBRyxFQUFFLEtBQUssU0FBUyxHQUFHO0FBQUEsSUFDL0UsUUFBUSxDQUFDLE9BQU8sVUFBVSxzQkFBc0I7QUFBQSxJQUNoRDtBQUFBLEVBQ0YsQ0FBQztBQUNIO0FBRU8sU0FBUyxlQUFlLFlBQTREO0FBQ3pGLFFBQU0sT0FBTyxXQUFXO0FBQ3hCLFNBQU8sT0FBTyxTQUFTLFlBQVksU0FBUyxPQUFPLEtBQUssUUFBUTtBQUNsRTtBQUVPLFNBQVMsVUFBVSxRQUFnQztBQUN4RCxTQUFPLE9BQ0osUUFBUSxDQUFDLFVBQVUsTUFBTSxRQUFRLEVBQ2pDLElBQUksQ0FBQyxZQUFhLE9BQU8sWUFBWSxXQUFXLFVBQVUsUUFBUSxLQUFNLEVBQ3hFLEtBQUssSUFBSTtBQUNkO0FBTU8sU0FBUyxjQUFpQixNQUFjLEtBQXNDLFlBQVksS0FBc0I7QUFDckgsYUFBTztBQUFBLElBQ0w7QUFBQSxJQUNBLFlBQVk7QUFDVixZQUFNLFNBQVMsTUFBTSxJQUFJO0FBQ3pCLGFBQU8sVUFBVSxPQUFPLFNBQVMsSUFBSSxTQUFTO0FBQUEsSUFDaEQ7QUFBQSxJQUNBLEVBQUUsUUFBUSxLQUFLLFVBQVU7QUFBQSxFQUMzQjtBQUNGOyIsCiAgIm5hbWVzIjogW10KfQo=
