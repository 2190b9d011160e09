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
var import_dom = require("../support/dom");
var import_editor = require("../support/editor");
suite("Call summary panel", () => {
  test("Show Call Summary lists the busy and the route-blocked call", async function() {
    if (!(0, import_dom.domBridgeAvailable)()) this.skip();
    await (0, import_editor.openFixture)("calls.sip");
    await (0, import_editor.waitForActivation)();
    await vscode.commands.executeCommand("sipLens.showSummary");
    const blocked = await (0, import_dom.askDom)({ op: "webviewText", contains: "route-blocked", timeoutMs: 2e4 });
    assert.ok(blocked.ok, blocked.error);
    const text = blocked.text ?? "";
    assert.match(text, /\bbusy\b/);
    assert.match(text, /8810099/, "shows the dialled number of the blocked call");
    const shot = await (0, import_dom.askDom)({ op: "screenshot", name: "summary-panel" });
    assert.ok(shot.ok, shot.error);
  });
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvc3VpdGUvMy1zdW1tYXJ5LXBhbmVsLnRlc3QudHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbIi8vLyA8cmVmZXJlbmNlIHR5cGVzPVwibW9jaGFcIiAvPlxuLy8gVGhlIGNhbGwgc3VtbWFyeSBpcyBhIHdlYnZpZXcsIHNvIHRoZSBoYXJuZXNzIHJlYWRzIGl0cyBET00gZnJvbSB0aGUgYnJvd3NlciBmb3IgdXMuXG5pbXBvcnQgKiBhcyBhc3NlcnQgZnJvbSAnbm9kZTphc3NlcnQvc3RyaWN0JztcbmltcG9ydCAqIGFzIHZzY29kZSBmcm9tICd2c2NvZGUnO1xuaW1wb3J0IHsgYXNrRG9tLCBkb21CcmlkZ2VBdmFpbGFibGUgfSBmcm9tICcuLi9zdXBwb3J0L2RvbSc7XG5pbXBvcnQgeyBvcGVuRml4dHVyZSwgd2FpdEZvckFjdGl2YXRpb24gfSBmcm9tICcuLi9zdXBwb3J0L2VkaXRvcic7XG5cbnN1aXRlKCdDYWxsIHN1bW1hcnkgcGFuZWwnLCAoKSA9PiB7XG4gIHRlc3QoJ1Nob3cgQ2FsbCBTdW1tYXJ5IGxpc3RzIHRoZSBidXN5IGFuZCB0aGUgcm91dGUtYmxvY2tlZCBjYWxsJywgYXN5bmMgZnVuY3Rpb24gKCkge1xuICAgIGlmICghZG9tQnJpZGdlQXZhaWxhYmxlKCkpIHRoaXMuc2tpcCgpO1xuICAgIGF3YWl0IG9wZW5GaXh0dXJlKCdjYWxscy5zaXAnKTtcbiAgICBhd2FpdCB3YWl0Rm9yQWN0aXZhdGlvbigpO1xuICAgIGF3YWl0IHZzY29kZS5jb21tYW5kcy5leGVjdXRlQ29tbWFuZCgnc2lwTGVucy5zaG93U3VtbWFyeScpO1xuXG4gICAgY29uc3QgYmxvY2tlZCA9IGF3YWl0IGFza0RvbSh7IG9wOiAnd2Vidmlld1RleHQnLCBjb250YWluczogJ3JvdXRlLWJsb2NrZWQnLCB0aW1lb3V0TXM6IDIwXzAwMCB9KTtcbiAgICBhc3NlcnQub2soYmxvY2tlZC5vaywgYmxvY2tlZC5lcnJvcik7XG4gICAgY29uc3QgdGV4dCA9IGJsb2NrZWQudGV4dCA/PyAnJztcbiAgICBhc3NlcnQubWF0Y2godGV4dCwgL1xcYmJ1c3lcXGIvKTtcbiAgICBhc3NlcnQubWF0Y2godGV4dCwgLzg4MTAwOTkvLCAnc2hvd3MgdGhlIGRpYWxsZWQgbnVtYmVyIG9mIHRoZSBibG9ja2VkIGNhbGwnKTtcbiAgICBjb25zdCBzaG90ID0gYXdhaXQgYXNrRG9tKHsgb3A6ICdzY3JlZW5zaG90JywgbmFtZTogJ3N1bW1hcnktcGFuZWwnIH0pO1xuICAgIGFzc2VydC5vayhzaG90Lm9rLCBzaG90LmVycm9yKTtcbiAgfSk7XG59KTtcbiJdLAogICJtYXBwaW5ncyI6ICI7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7O0FBRUEsYUFBd0I7QUFDeEIsYUFBd0I7QUFDeEIsaUJBQTJDO0FBQzNDLG9CQUErQztBQUUvQyxNQUFNLHNCQUFzQixNQUFNO0FBQ2hDLE9BQUssK0RBQStELGlCQUFrQjtBQUNwRixRQUFJLEtBQUMsK0JBQW1CLEVBQUcsTUFBSyxLQUFLO0FBQ3JDLGNBQU0sMkJBQVksV0FBVztBQUM3QixjQUFNLGlDQUFrQjtBQUN4QixVQUFNLE9BQU8sU0FBUyxlQUFlLHFCQUFxQjtBQUUxRCxVQUFNLFVBQVUsVUFBTSxtQkFBTyxFQUFFLElBQUksZUFBZSxVQUFVLGlCQUFpQixXQUFXLElBQU8sQ0FBQztBQUNoRyxXQUFPLEdBQUcsUUFBUSxJQUFJLFFBQVEsS0FBSztBQUNuQyxVQUFNLE9BQU8sUUFBUSxRQUFRO0FBQzdCLFdBQU8sTUFBTSxNQUFNLFVBQVU7QUFDN0IsV0FBTyxNQUFNLE1BQU0sV0FBVyw4Q0FBOEM7QUFDNUUsVUFBTSxPQUFPLFVBQU0sbUJBQU8sRUFBRSxJQUFJLGNBQWMsTUFBTSxnQkFBZ0IsQ0FBQztBQUNyRSxXQUFPLEdBQUcsS0FBSyxJQUFJLEtBQUssS0FBSztBQUFBLEVBQy9CLENBQUM7QUFDSCxDQUFDOyIsCiAgIm5hbWVzIjogW10KfQo=
