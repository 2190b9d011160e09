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
var path = __toESM(require("node:path"));
var vscode = __toESM(require("vscode"));
var import_editor = require("../support/editor");
suite("Installed from the .vsix", () => {
  test("the extension comes from the extensions folder", () => {
    const extensionsDir = process.env.SIP_LENS_E2E_EXTENSIONS_DIR;
    assert.ok(extensionsDir, "the harness names the extensions folder");
    const relative = path.relative(extensionsDir, (0, import_editor.sipLens)().extensionPath);
    assert.ok(!relative.startsWith("..") && !path.isAbsolute(relative), `${(0, import_editor.sipLens)().extensionPath} is inside ${extensionsDir}`);
  });
  test("every file the manifest names was packaged", async () => {
    const extension = (0, import_editor.sipLens)();
    const manifest = extension.packageJSON;
    const files = [
      manifest.main,
      "dist/server.js",
      ...(manifest.contributes?.languages ?? []).map((l) => l.configuration),
      ...(manifest.contributes?.grammars ?? []).map((g) => g.path)
    ].filter((file) => !!file);
    for (const file of files) {
      const uri = vscode.Uri.joinPath(extension.extensionUri, file);
      await assert.doesNotReject(Promise.resolve(vscode.workspace.fs.stat(uri)), `${file} is in the package`);
    }
  });
  test("a .sip file activates it, and its bundled language server reports the 903", async () => {
    const document = await (0, import_editor.openFixture)("calls.sip");
    assert.equal(document.languageId, import_editor.languageId);
    await (0, import_editor.waitForActivation)();
    const diagnostic = await (0, import_editor.waitForDiagnostic)(
      document.uri,
      "a route-blocked diagnostic",
      (d) => (0, import_editor.diagnosticCode)(d) === "route-blocked"
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvaW5zdGFsbGVkL2luc3RhbGxlZC50ZXN0LnRzIl0sCiAgInNvdXJjZXNDb250ZW50IjogWyIvLy8gPHJlZmVyZW5jZSB0eXBlcz1cIm1vY2hhXCIgLz5cbi8vIFRoZSBwYWNrYWdlZCBleHRlbnNpb24sIGluc3RhbGxlZCBmcm9tIGRpc3Qvc2lwLWxlbnMudnNpeCBsaWtlIGEgdXNlciB3b3VsZCwgd29ya3Mgb24gaXRzIG93bjpcbi8vIG5vdGhpbmcgaXMgbG9hZGVkIGZyb20gdGhlIHdvcmtpbmcgdHJlZS5cbmltcG9ydCAqIGFzIGFzc2VydCBmcm9tICdub2RlOmFzc2VydC9zdHJpY3QnO1xuaW1wb3J0ICogYXMgcGF0aCBmcm9tICdub2RlOnBhdGgnO1xuaW1wb3J0ICogYXMgdnNjb2RlIGZyb20gJ3ZzY29kZSc7XG5pbXBvcnQge1xuICBkaWFnbm9zdGljQ29kZSxcbiAgbGFuZ3VhZ2VJZCxcbiAgb3BlbkZpeHR1cmUsXG4gIHNpcExlbnMsXG4gIHdhaXRGb3JBY3RpdmF0aW9uLFxuICB3YWl0Rm9yRGlhZ25vc3RpYyxcbn0gZnJvbSAnLi4vc3VwcG9ydC9lZGl0b3InO1xuXG5zdWl0ZSgnSW5zdGFsbGVkIGZyb20gdGhlIC52c2l4JywgKCkgPT4ge1xuICB0ZXN0KCd0aGUgZXh0ZW5zaW9uIGNvbWVzIGZyb20gdGhlIGV4dGVuc2lvbnMgZm9sZGVyJywgKCkgPT4ge1xuICAgIGNvbnN0IGV4dGVuc2lvbnNEaXIgPSBwcm9jZXNzLmVudi5TSVBfTEVOU19FMkVfRVhURU5TSU9OU19ESVI7XG4gICAgYXNzZXJ0Lm9rKGV4dGVuc2lvbnNEaXIsICd0aGUgaGFybmVzcyBuYW1lcyB0aGUgZXh0ZW5zaW9ucyBmb2xkZXInKTtcbiAgICBjb25zdCByZWxhdGl2ZSA9IHBhdGgucmVsYXRpdmUoZXh0ZW5zaW9uc0Rpciwgc2lwTGVucygpLmV4dGVuc2lvblBhdGgpO1xuICAgIGFzc2VydC5vayghcmVsYXRpdmUuc3RhcnRzV2l0aCgnLi4nKSAmJiAhcGF0aC5pc0Fic29sdXRlKHJlbGF0aXZlKSwgYCR7c2lwTGVucygpLmV4dGVuc2lvblBhdGh9IGlzIGluc2lkZSAke2V4dGVuc2lvbnNEaXJ9YCk7XG4gIH0pO1xuXG4gIHRlc3QoJ2V2ZXJ5IGZpbGUgdGhlIG1hbmlmZXN0IG5hbWVzIHdhcyBwYWNrYWdlZCcsIGFzeW5jICgpID0+IHtcbiAgICBjb25zdCBleHRlbnNpb24gPSBzaXBMZW5zKCk7XG4gICAgY29uc3QgbWFuaWZlc3QgPSBleHRlbnNpb24ucGFja2FnZUpTT04gYXMge1xuICAgICAgbWFpbj86IHN0cmluZztcbiAgICAgIGNvbnRyaWJ1dGVzPzogeyBsYW5ndWFnZXM/OiB7IGNvbmZpZ3VyYXRpb24/OiBzdHJpbmcgfVtdOyBncmFtbWFycz86IHsgcGF0aD86IHN0cmluZyB9W10gfTtcbiAgICB9O1xuICAgIGNvbnN0IGZpbGVzID0gW1xuICAgICAgbWFuaWZlc3QubWFpbixcbiAgICAgICdkaXN0L3NlcnZlci5qcycsXG4gICAgICAuLi4obWFuaWZlc3QuY29udHJpYnV0ZXM/Lmxhbmd1YWdlcyA/PyBbXSkubWFwKChsKSA9PiBsLmNvbmZpZ3VyYXRpb24pLFxuICAgICAgLi4uKG1hbmlmZXN0LmNvbnRyaWJ1dGVzPy5ncmFtbWFycyA/PyBbXSkubWFwKChnKSA9PiBnLnBhdGgpLFxuICAgIF0uZmlsdGVyKChmaWxlKTogZmlsZSBpcyBzdHJpbmcgPT4gISFmaWxlKTtcbiAgICBmb3IgKGNvbnN0IGZpbGUgb2YgZmlsZXMpIHtcbiAgICAgIGNvbnN0IHVyaSA9IHZzY29kZS5Vcmkuam9pblBhdGgoZXh0ZW5zaW9uLmV4dGVuc2lvblVyaSwgZmlsZSk7XG4gICAgICBhd2FpdCBhc3NlcnQuZG9lc05vdFJlamVjdChQcm9taXNlLnJlc29sdmUodnNjb2RlLndvcmtzcGFjZS5mcy5zdGF0KHVyaSkpLCBgJHtmaWxlfSBpcyBpbiB0aGUgcGFja2FnZWApO1xuICAgIH1cbiAgfSk7XG5cbiAgdGVzdCgnYSAuc2lwIGZpbGUgYWN0aXZhdGVzIGl0LCBhbmQgaXRzIGJ1bmRsZWQgbGFuZ3VhZ2Ugc2VydmVyIHJlcG9ydHMgdGhlIDkwMycsIGFzeW5jICgpID0+IHtcbiAgICBjb25zdCBkb2N1bWVudCA9IGF3YWl0IG9wZW5GaXh0dXJlKCdjYWxscy5zaXAnKTtcbiAgICBhc3NlcnQuZXF1YWwoZG9jdW1lbnQubGFuZ3VhZ2VJZCwgbGFuZ3VhZ2VJZCk7XG4gICAgYXdhaXQgd2FpdEZvckFjdGl2YXRpb24oKTtcbiAgICBjb25zdCBkaWFnbm9zdGljID0gYXdhaXQgd2FpdEZvckRpYWdub3N0aWMoXG4gICAgICBkb2N1bWVudC51cmksXG4gICAgICAnYSByb3V0ZS1ibG9ja2VkIGRpYWdub3N0aWMnLFxuICAgICAgKGQpID0+IGRpYWdub3N0aWNDb2RlKGQpID09PSAncm91dGUtYmxvY2tlZCcsXG4gICAgKTtcbiAgICBhc3NlcnQuZXF1YWwoZGlhZ25vc3RpYy5zZXZlcml0eSwgdnNjb2RlLkRpYWdub3N0aWNTZXZlcml0eS5FcnJvcik7XG4gIH0pO1xufSk7XG4iXSwKICAibWFwcGluZ3MiOiAiOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7OztBQUdBLGFBQXdCO0FBQ3hCLFdBQXNCO0FBQ3RCLGFBQXdCO0FBQ3hCLG9CQU9PO0FBRVAsTUFBTSw0QkFBNEIsTUFBTTtBQUN0QyxPQUFLLGtEQUFrRCxNQUFNO0FBQzNELFVBQU0sZ0JBQWdCLFFBQVEsSUFBSTtBQUNsQyxXQUFPLEdBQUcsZUFBZSx5Q0FBeUM7QUFDbEUsVUFBTSxXQUFXLEtBQUssU0FBUyxtQkFBZSx1QkFBUSxFQUFFLGFBQWE7QUFDckUsV0FBTyxHQUFHLENBQUMsU0FBUyxXQUFXLElBQUksS0FBSyxDQUFDLEtBQUssV0FBVyxRQUFRLEdBQUcsT0FBRyx1QkFBUSxFQUFFLGFBQWEsY0FBYyxhQUFhLEVBQUU7QUFBQSxFQUM3SCxDQUFDO0FBRUQsT0FBSyw4Q0FBOEMsWUFBWTtBQUM3RCxVQUFNLGdCQUFZLHVCQUFRO0FBQzFCLFVBQU0sV0FBVyxVQUFVO0FBSTNCLFVBQU0sUUFBUTtBQUFBLE1BQ1osU0FBUztBQUFBLE1BQ1Q7QUFBQSxNQUNBLElBQUksU0FBUyxhQUFhLGFBQWEsQ0FBQyxHQUFHLElBQUksQ0FBQyxNQUFNLEVBQUUsYUFBYTtBQUFBLE1BQ3JFLElBQUksU0FBUyxhQUFhLFlBQVksQ0FBQyxHQUFHLElBQUksQ0FBQyxNQUFNLEVBQUUsSUFBSTtBQUFBLElBQzdELEVBQUUsT0FBTyxDQUFDLFNBQXlCLENBQUMsQ0FBQyxJQUFJO0FBQ3pDLGVBQVcsUUFBUSxPQUFPO0FBQ3hCLFlBQU0sTUFBTSxPQUFPLElBQUksU0FBUyxVQUFVLGNBQWMsSUFBSTtBQUM1RCxZQUFNLE9BQU8sY0FBYyxRQUFRLFFBQVEsT0FBTyxVQUFVLEdBQUcsS0FBSyxHQUFHLENBQUMsR0FBRyxHQUFHLElBQUksb0JBQW9CO0FBQUEsSUFDeEc7QUFBQSxFQUNGLENBQUM7QUFFRCxPQUFLLDZFQUE2RSxZQUFZO0FBQzVGLFVBQU0sV0FBVyxVQUFNLDJCQUFZLFdBQVc7QUFDOUMsV0FBTyxNQUFNLFNBQVMsWUFBWSx3QkFBVTtBQUM1QyxjQUFNLGlDQUFrQjtBQUN4QixVQUFNLGFBQWEsVUFBTTtBQUFBLE1BQ3ZCLFNBQVM7QUFBQSxNQUNUO0FBQUEsTUFDQSxDQUFDLFVBQU0sOEJBQWUsQ0FBQyxNQUFNO0FBQUEsSUFDL0I7QUFDQSxXQUFPLE1BQU0sV0FBVyxVQUFVLE9BQU8sbUJBQW1CLEtBQUs7QUFBQSxFQUNuRSxDQUFDO0FBQ0gsQ0FBQzsiLAogICJuYW1lcyI6IFtdCn0K
