"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
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
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
var suite_exports = {};
__export(suite_exports, {
  run: () => run
});
module.exports = __toCommonJS(suite_exports);
var import_mochaRunner = require("../support/mochaRunner");
function run() {
  return (0, import_mochaRunner.runMochaSuite)(__dirname);
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  run
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvc3VpdGUvaW5kZXgudHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbIi8vIGV4dGVuc2lvblRlc3RzUGF0aCBvZiB0aGUgcnVuIHdpdGggdGhlIGV4dGVuc2lvbiBsb2FkZWQgZnJvbSB0aGUgd29ya2luZyB0cmVlLlxuaW1wb3J0IHsgcnVuTW9jaGFTdWl0ZSB9IGZyb20gJy4uL3N1cHBvcnQvbW9jaGFSdW5uZXInO1xuXG5leHBvcnQgZnVuY3Rpb24gcnVuKCk6IFByb21pc2U8dm9pZD4ge1xuICByZXR1cm4gcnVuTW9jaGFTdWl0ZShfX2Rpcm5hbWUpO1xufVxuIl0sCiAgIm1hcHBpbmdzIjogIjs7Ozs7Ozs7Ozs7Ozs7Ozs7O0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUNBLHlCQUE4QjtBQUV2QixTQUFTLE1BQXFCO0FBQ25DLGFBQU8sa0NBQWMsU0FBUztBQUNoQzsiLAogICJuYW1lcyI6IFtdCn0K
