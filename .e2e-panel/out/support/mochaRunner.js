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
var mochaRunner_exports = {};
__export(mochaRunner_exports, {
  resultsEnvVar: () => resultsEnvVar,
  runMochaSuite: () => runMochaSuite
});
module.exports = __toCommonJS(mochaRunner_exports);
var fs = __toESM(require("node:fs"));
var path = __toESM(require("node:path"));
var import_mocha = __toESM(require("mocha"));
const resultsEnvVar = "SIP_LENS_E2E_RESULTS";
function runMochaSuite(testsDir) {
  const mocha = new import_mocha.default({ ui: "tdd", color: false, reporter: "spec", timeout: 6e4 });
  const grep = process.env.SIP_LENS_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(testsDir).filter((name) => name.endsWith(".test.js")).sort()) {
    mocha.addFile(path.join(testsDir, file));
  }
  const results = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env[resultsEnvVar];
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
      else resolve();
    });
    runner.on("pass", (test) => results.push({ title: test.fullTitle(), state: "passed", durationMs: test.duration }));
    runner.on("fail", (test, error) => results.push({ title: test.fullTitle(), state: "failed", error: error.message }));
  });
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  resultsEnvVar,
  runMochaSuite
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvc3VwcG9ydC9tb2NoYVJ1bm5lci50cyJdLAogICJzb3VyY2VzQ29udGVudCI6IFsiLy8gUnVucyB0aGUgYCoudGVzdC5qc2AgZmlsZXMgb2Ygb25lIGZvbGRlciB3aXRoIE1vY2hhIGluc2lkZSB0aGUgZXh0ZW5zaW9uIGhvc3QsIGFuZCB3cml0ZXMgYVxuLy8gc21hbGwgSlNPTiByZWNvcmQgb2YgZWFjaCB0ZXN0J3MgcmVzdWx0IGZvciB0aGUgaGFybmVzcydzIHN1bW1hcnkuXG5pbXBvcnQgKiBhcyBmcyBmcm9tICdub2RlOmZzJztcbmltcG9ydCAqIGFzIHBhdGggZnJvbSAnbm9kZTpwYXRoJztcbmltcG9ydCBNb2NoYSBmcm9tICdtb2NoYSc7XG5cbmV4cG9ydCBpbnRlcmZhY2UgVGVzdFJlc3VsdCB7XG4gIHRpdGxlOiBzdHJpbmc7XG4gIHN0YXRlOiAncGFzc2VkJyB8ICdmYWlsZWQnO1xuICBkdXJhdGlvbk1zPzogbnVtYmVyO1xuICBlcnJvcj86IHN0cmluZztcbn1cblxuLyoqIEVudmlyb25tZW50IHZhcmlhYmxlIG5hbWluZyB0aGUgZmlsZSB0aGUgcmVzdWx0cyBnbyB0by4gKi9cbmV4cG9ydCBjb25zdCByZXN1bHRzRW52VmFyID0gJ1NJUF9MRU5TX0UyRV9SRVNVTFRTJztcblxuZXhwb3J0IGZ1bmN0aW9uIHJ1bk1vY2hhU3VpdGUodGVzdHNEaXI6IHN0cmluZyk6IFByb21pc2U8dm9pZD4ge1xuICBjb25zdCBtb2NoYSA9IG5ldyBNb2NoYSh7IHVpOiAndGRkJywgY29sb3I6IGZhbHNlLCByZXBvcnRlcjogJ3NwZWMnLCB0aW1lb3V0OiA2MF8wMDAgfSk7XG4gIGNvbnN0IGdyZXAgPSBwcm9jZXNzLmVudi5TSVBfTEVOU19FMkVfR1JFUDtcbiAgaWYgKGdyZXApIG1vY2hhLmdyZXAoZ3JlcCk7XG4gIGZvciAoY29uc3QgZmlsZSBvZiBmcy5yZWFkZGlyU3luYyh0ZXN0c0RpcikuZmlsdGVyKChuYW1lKSA9PiBuYW1lLmVuZHNXaXRoKCcudGVzdC5qcycpKS5zb3J0KCkpIHtcbiAgICBtb2NoYS5hZGRGaWxlKHBhdGguam9pbih0ZXN0c0RpciwgZmlsZSkpO1xuICB9XG5cbiAgY29uc3QgcmVzdWx0czogVGVzdFJlc3VsdFtdID0gW107XG4gIHJldHVybiBuZXcgUHJvbWlzZSgocmVzb2x2ZSwgcmVqZWN0KSA9PiB7XG4gICAgY29uc3QgcnVubmVyID0gbW9jaGEucnVuKChmYWlsdXJlcykgPT4ge1xuICAgICAgY29uc3QgcmVzdWx0c0ZpbGUgPSBwcm9jZXNzLmVudltyZXN1bHRzRW52VmFyXTtcbiAgICAgIGlmIChyZXN1bHRzRmlsZSkgZnMud3JpdGVGaWxlU3luYyhyZXN1bHRzRmlsZSwgSlNPTi5zdHJpbmdpZnkocmVzdWx0cywgbnVsbCwgMikpO1xuICAgICAgaWYgKGZhaWx1cmVzID4gMCkgcmVqZWN0KG5ldyBFcnJvcihgJHtmYWlsdXJlc30gZW5kLXRvLWVuZCB0ZXN0KHMpIGZhaWxlZGApKTtcbiAgICAgIGVsc2UgcmVzb2x2ZSgpO1xuICAgIH0pO1xuICAgIHJ1bm5lci5vbigncGFzcycsICh0ZXN0KSA9PiByZXN1bHRzLnB1c2goeyB0aXRsZTogdGVzdC5mdWxsVGl0bGUoKSwgc3RhdGU6ICdwYXNzZWQnLCBkdXJhdGlvbk1zOiB0ZXN0LmR1cmF0aW9uIH0pKTtcbiAgICBydW5uZXIub24oJ2ZhaWwnLCAodGVzdCwgZXJyb3I6IEVycm9yKSA9PiByZXN1bHRzLnB1c2goeyB0aXRsZTogdGVzdC5mdWxsVGl0bGUoKSwgc3RhdGU6ICdmYWlsZWQnLCBlcnJvcjogZXJyb3IubWVzc2FnZSB9KSk7XG4gIH0pO1xufVxuIl0sCiAgIm1hcHBpbmdzIjogIjs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7OztBQUFBO0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUVBLFNBQW9CO0FBQ3BCLFdBQXNCO0FBQ3RCLG1CQUFrQjtBQVVYLE1BQU0sZ0JBQWdCO0FBRXRCLFNBQVMsY0FBYyxVQUFpQztBQUM3RCxRQUFNLFFBQVEsSUFBSSxhQUFBQSxRQUFNLEVBQUUsSUFBSSxPQUFPLE9BQU8sT0FBTyxVQUFVLFFBQVEsU0FBUyxJQUFPLENBQUM7QUFDdEYsUUFBTSxPQUFPLFFBQVEsSUFBSTtBQUN6QixNQUFJLEtBQU0sT0FBTSxLQUFLLElBQUk7QUFDekIsYUFBVyxRQUFRLEdBQUcsWUFBWSxRQUFRLEVBQUUsT0FBTyxDQUFDLFNBQVMsS0FBSyxTQUFTLFVBQVUsQ0FBQyxFQUFFLEtBQUssR0FBRztBQUM5RixVQUFNLFFBQVEsS0FBSyxLQUFLLFVBQVUsSUFBSSxDQUFDO0FBQUEsRUFDekM7QUFFQSxRQUFNLFVBQXdCLENBQUM7QUFDL0IsU0FBTyxJQUFJLFFBQVEsQ0FBQyxTQUFTLFdBQVc7QUFDdEMsVUFBTSxTQUFTLE1BQU0sSUFBSSxDQUFDLGFBQWE7QUFDckMsWUFBTSxjQUFjLFFBQVEsSUFBSSxhQUFhO0FBQzdDLFVBQUksWUFBYSxJQUFHLGNBQWMsYUFBYSxLQUFLLFVBQVUsU0FBUyxNQUFNLENBQUMsQ0FBQztBQUMvRSxVQUFJLFdBQVcsRUFBRyxRQUFPLElBQUksTUFBTSxHQUFHLFFBQVEsNEJBQTRCLENBQUM7QUFBQSxVQUN0RSxTQUFRO0FBQUEsSUFDZixDQUFDO0FBQ0QsV0FBTyxHQUFHLFFBQVEsQ0FBQyxTQUFTLFFBQVEsS0FBSyxFQUFFLE9BQU8sS0FBSyxVQUFVLEdBQUcsT0FBTyxVQUFVLFlBQVksS0FBSyxTQUFTLENBQUMsQ0FBQztBQUNqSCxXQUFPLEdBQUcsUUFBUSxDQUFDLE1BQU0sVUFBaUIsUUFBUSxLQUFLLEVBQUUsT0FBTyxLQUFLLFVBQVUsR0FBRyxPQUFPLFVBQVUsT0FBTyxNQUFNLFFBQVEsQ0FBQyxDQUFDO0FBQUEsRUFDNUgsQ0FBQztBQUNIOyIsCiAgIm5hbWVzIjogWyJNb2NoYSJdCn0K
