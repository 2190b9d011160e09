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
suite("Activation", () => {
  test("the sip-trace language is registered", async () => {
    assert.ok((await vscode.languages.getLanguages()).includes(import_editor.languageId));
    assert.ok((0, import_editor.sipLens)(), "the extension is known to the editor");
  });
  test("a .log holding raw SIP activates the extension and becomes sip-trace", async () => {
    await (0, import_editor.openFixture)("capture.log");
    await (0, import_editor.waitForActivation)();
    const document = await (0, import_editor.waitForSipTrace)((0, import_editor.fixtureUri)("capture.log"));
    assert.equal(document.languageId, import_editor.languageId);
  });
  test("a .sip file opens as sip-trace with the extension active", async () => {
    const document = await (0, import_editor.openFixture)("calls.sip");
    assert.equal(document.languageId, import_editor.languageId);
    await (0, import_editor.waitForActivation)();
    assert.ok((0, import_editor.sipLens)().isActive);
  });
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvc3VpdGUvMS1hY3RpdmF0aW9uLnRlc3QudHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbIi8vLyA8cmVmZXJlbmNlIHR5cGVzPVwibW9jaGFcIiAvPlxuLy8gVGhlIGV4dGVuc2lvbiB3YWtlcyB1cCBmb3IgU0lQIHRyYWNlczogYnkgZmlsZSBleHRlbnNpb24sIGFuZCBieSBzbmlmZmluZyAubG9nIGZpbGVzLlxuaW1wb3J0ICogYXMgYXNzZXJ0IGZyb20gJ25vZGU6YXNzZXJ0L3N0cmljdCc7XG5pbXBvcnQgKiBhcyB2c2NvZGUgZnJvbSAndnNjb2RlJztcbmltcG9ydCB7IGZpeHR1cmVVcmksIGxhbmd1YWdlSWQsIG9wZW5GaXh0dXJlLCBzaXBMZW5zLCB3YWl0Rm9yQWN0aXZhdGlvbiwgd2FpdEZvclNpcFRyYWNlIH0gZnJvbSAnLi4vc3VwcG9ydC9lZGl0b3InO1xuXG5zdWl0ZSgnQWN0aXZhdGlvbicsICgpID0+IHtcbiAgdGVzdCgndGhlIHNpcC10cmFjZSBsYW5ndWFnZSBpcyByZWdpc3RlcmVkJywgYXN5bmMgKCkgPT4ge1xuICAgIGFzc2VydC5vaygoYXdhaXQgdnNjb2RlLmxhbmd1YWdlcy5nZXRMYW5ndWFnZXMoKSkuaW5jbHVkZXMobGFuZ3VhZ2VJZCkpO1xuICAgIGFzc2VydC5vayhzaXBMZW5zKCksICd0aGUgZXh0ZW5zaW9uIGlzIGtub3duIHRvIHRoZSBlZGl0b3InKTtcbiAgfSk7XG5cbiAgLy8gRmlyc3QsIHdoaWxlIG5vdGhpbmcgZWxzZSBoYXMgd29rZW4gdGhlIGV4dGVuc2lvbjogdGhlIC5sb2cgb3BlbnMgYXMgdGhlIGJ1aWx0LWluIGBsb2dgXG4gIC8vIGxhbmd1YWdlLCB3aGljaCBhY3RpdmF0ZXMgdGhlIGV4dGVuc2lvbiwgd2hpY2ggdGhlbiByZWNvZ25pc2VzIFNJUCBpbiBpdC5cbiAgdGVzdCgnYSAubG9nIGhvbGRpbmcgcmF3IFNJUCBhY3RpdmF0ZXMgdGhlIGV4dGVuc2lvbiBhbmQgYmVjb21lcyBzaXAtdHJhY2UnLCBhc3luYyAoKSA9PiB7XG4gICAgYXdhaXQgb3BlbkZpeHR1cmUoJ2NhcHR1cmUubG9nJyk7XG4gICAgYXdhaXQgd2FpdEZvckFjdGl2YXRpb24oKTtcbiAgICBjb25zdCBkb2N1bWVudCA9IGF3YWl0IHdhaXRGb3JTaXBUcmFjZShmaXh0dXJlVXJpKCdjYXB0dXJlLmxvZycpKTtcbiAgICBhc3NlcnQuZXF1YWwoZG9jdW1lbnQubGFuZ3VhZ2VJZCwgbGFuZ3VhZ2VJZCk7XG4gIH0pO1xuXG4gIHRlc3QoJ2EgLnNpcCBmaWxlIG9wZW5zIGFzIHNpcC10cmFjZSB3aXRoIHRoZSBleHRlbnNpb24gYWN0aXZlJywgYXN5bmMgKCkgPT4ge1xuICAgIGNvbnN0IGRvY3VtZW50ID0gYXdhaXQgb3BlbkZpeHR1cmUoJ2NhbGxzLnNpcCcpO1xuICAgIGFzc2VydC5lcXVhbChkb2N1bWVudC5sYW5ndWFnZUlkLCBsYW5ndWFnZUlkKTtcbiAgICBhd2FpdCB3YWl0Rm9yQWN0aXZhdGlvbigpO1xuICAgIGFzc2VydC5vayhzaXBMZW5zKCkuaXNBY3RpdmUpO1xuICB9KTtcbn0pO1xuIl0sCiAgIm1hcHBpbmdzIjogIjs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7QUFFQSxhQUF3QjtBQUN4QixhQUF3QjtBQUN4QixvQkFBaUc7QUFFakcsTUFBTSxjQUFjLE1BQU07QUFDeEIsT0FBSyx3Q0FBd0MsWUFBWTtBQUN2RCxXQUFPLElBQUksTUFBTSxPQUFPLFVBQVUsYUFBYSxHQUFHLFNBQVMsd0JBQVUsQ0FBQztBQUN0RSxXQUFPLE9BQUcsdUJBQVEsR0FBRyxzQ0FBc0M7QUFBQSxFQUM3RCxDQUFDO0FBSUQsT0FBSyx3RUFBd0UsWUFBWTtBQUN2RixjQUFNLDJCQUFZLGFBQWE7QUFDL0IsY0FBTSxpQ0FBa0I7QUFDeEIsVUFBTSxXQUFXLFVBQU0sbUNBQWdCLDBCQUFXLGFBQWEsQ0FBQztBQUNoRSxXQUFPLE1BQU0sU0FBUyxZQUFZLHdCQUFVO0FBQUEsRUFDOUMsQ0FBQztBQUVELE9BQUssNERBQTRELFlBQVk7QUFDM0UsVUFBTSxXQUFXLFVBQU0sMkJBQVksV0FBVztBQUM5QyxXQUFPLE1BQU0sU0FBUyxZQUFZLHdCQUFVO0FBQzVDLGNBQU0saUNBQWtCO0FBQ3hCLFdBQU8sT0FBRyx1QkFBUSxFQUFFLFFBQVE7QUFBQSxFQUM5QixDQUFDO0FBQ0gsQ0FBQzsiLAogICJuYW1lcyI6IFtdCn0K
