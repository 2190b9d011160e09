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
var dom_exports = {};
__export(dom_exports, {
  askDom: () => askDom,
  domBridgeAvailable: () => domBridgeAvailable
});
module.exports = __toCommonJS(dom_exports);
var fs = __toESM(require("node:fs"));
var path = __toESM(require("node:path"));
var import_bridgeProtocol = require("../bridgeProtocol");
let counter = 0;
function domBridgeAvailable() {
  return !!process.env[import_bridgeProtocol.bridgeEnvVar];
}
async function askDom(request, timeoutMs = 3e4) {
  const dir = process.env[import_bridgeProtocol.bridgeEnvVar];
  if (!dir) throw new Error(`${import_bridgeProtocol.bridgeEnvVar} is not set: DOM checks need the code-server harness`);
  const id = `${process.pid}-${Date.now()}-${counter++}`;
  const responseFile = path.join(dir, `${id}.res.json`);
  const response = new Promise((resolve, reject) => {
    const read = () => {
      if (!fs.existsSync(responseFile)) return false;
      watcher.close();
      clearTimeout(timer);
      try {
        resolve(JSON.parse(fs.readFileSync(responseFile, "utf8")));
      } catch (error) {
        reject(error);
      }
      return true;
    };
    const watcher = fs.watch(dir, () => void read());
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`the harness did not answer ${JSON.stringify(request)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const tmp = path.join(dir, `${id}.req.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(request));
    fs.renameSync(tmp, path.join(dir, `${id}.req.json`));
    read();
  });
  return response;
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  askDom,
  domBridgeAvailable
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvc3VwcG9ydC9kb20udHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbIi8vIFRlc3Qgc2lkZSBvZiB0aGUgRE9NIGJyaWRnZSAoc2VlIC4uL2JyaWRnZVByb3RvY29sLnRzKTogYXNrIHRoZSBoYXJuZXNzLCB3aGljaCBkcml2ZXMgdGhlXG4vLyBicm93c2VyLCBhYm91dCB3aGF0IHRoZSB3b3JrYmVuY2ggb3IgYSB3ZWJ2aWV3IHNob3dzLlxuaW1wb3J0ICogYXMgZnMgZnJvbSAnbm9kZTpmcyc7XG5pbXBvcnQgKiBhcyBwYXRoIGZyb20gJ25vZGU6cGF0aCc7XG5pbXBvcnQgeyBicmlkZ2VFbnZWYXIsIHR5cGUgRG9tUmVxdWVzdCwgdHlwZSBEb21SZXNwb25zZSB9IGZyb20gJy4uL2JyaWRnZVByb3RvY29sJztcblxubGV0IGNvdW50ZXIgPSAwO1xuXG5leHBvcnQgZnVuY3Rpb24gZG9tQnJpZGdlQXZhaWxhYmxlKCk6IGJvb2xlYW4ge1xuICByZXR1cm4gISFwcm9jZXNzLmVudlticmlkZ2VFbnZWYXJdO1xufVxuXG5leHBvcnQgYXN5bmMgZnVuY3Rpb24gYXNrRG9tKHJlcXVlc3Q6IERvbVJlcXVlc3QsIHRpbWVvdXRNcyA9IDMwXzAwMCk6IFByb21pc2U8RG9tUmVzcG9uc2U+IHtcbiAgY29uc3QgZGlyID0gcHJvY2Vzcy5lbnZbYnJpZGdlRW52VmFyXTtcbiAgaWYgKCFkaXIpIHRocm93IG5ldyBFcnJvcihgJHticmlkZ2VFbnZWYXJ9IGlzIG5vdCBzZXQ6IERPTSBjaGVja3MgbmVlZCB0aGUgY29kZS1zZXJ2ZXIgaGFybmVzc2ApO1xuICBjb25zdCBpZCA9IGAke3Byb2Nlc3MucGlkfS0ke0RhdGUubm93KCl9LSR7Y291bnRlcisrfWA7XG4gIGNvbnN0IHJlc3BvbnNlRmlsZSA9IHBhdGguam9pbihkaXIsIGAke2lkfS5yZXMuanNvbmApO1xuXG4gIGNvbnN0IHJlc3BvbnNlID0gbmV3IFByb21pc2U8RG9tUmVzcG9uc2U+KChyZXNvbHZlLCByZWplY3QpID0+IHtcbiAgICBjb25zdCByZWFkID0gKCkgPT4ge1xuICAgICAgaWYgKCFmcy5leGlzdHNTeW5jKHJlc3BvbnNlRmlsZSkpIHJldHVybiBmYWxzZTtcbiAgICAgIHdhdGNoZXIuY2xvc2UoKTtcbiAgICAgIGNsZWFyVGltZW91dCh0aW1lcik7XG4gICAgICB0cnkge1xuICAgICAgICByZXNvbHZlKEpTT04ucGFyc2UoZnMucmVhZEZpbGVTeW5jKHJlc3BvbnNlRmlsZSwgJ3V0ZjgnKSkgYXMgRG9tUmVzcG9uc2UpO1xuICAgICAgfSBjYXRjaCAoZXJyb3IpIHtcbiAgICAgICAgcmVqZWN0KGVycm9yIGFzIEVycm9yKTtcbiAgICAgIH1cbiAgICAgIHJldHVybiB0cnVlO1xuICAgIH07XG4gICAgY29uc3Qgd2F0Y2hlciA9IGZzLndhdGNoKGRpciwgKCkgPT4gdm9pZCByZWFkKCkpO1xuICAgIGNvbnN0IHRpbWVyID0gc2V0VGltZW91dCgoKSA9PiB7XG4gICAgICB3YXRjaGVyLmNsb3NlKCk7XG4gICAgICByZWplY3QobmV3IEVycm9yKGB0aGUgaGFybmVzcyBkaWQgbm90IGFuc3dlciAke0pTT04uc3RyaW5naWZ5KHJlcXVlc3QpfSB3aXRoaW4gJHt0aW1lb3V0TXN9IG1zYCkpO1xuICAgIH0sIHRpbWVvdXRNcyk7XG4gICAgLy8gV3JpdGUgdGhlbiByZW5hbWUsIHNvIHRoZSBoYXJuZXNzIG5ldmVyIHJlYWRzIGhhbGYgYSByZXF1ZXN0LlxuICAgIGNvbnN0IHRtcCA9IHBhdGguam9pbihkaXIsIGAke2lkfS5yZXEudG1wYCk7XG4gICAgZnMud3JpdGVGaWxlU3luYyh0bXAsIEpTT04uc3RyaW5naWZ5KHJlcXVlc3QpKTtcbiAgICBmcy5yZW5hbWVTeW5jKHRtcCwgcGF0aC5qb2luKGRpciwgYCR7aWR9LnJlcS5qc29uYCkpO1xuICAgIHJlYWQoKTtcbiAgfSk7XG4gIHJldHVybiByZXNwb25zZTtcbn1cbiJdLAogICJtYXBwaW5ncyI6ICI7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFFQSxTQUFvQjtBQUNwQixXQUFzQjtBQUN0Qiw0QkFBZ0U7QUFFaEUsSUFBSSxVQUFVO0FBRVAsU0FBUyxxQkFBOEI7QUFDNUMsU0FBTyxDQUFDLENBQUMsUUFBUSxJQUFJLGtDQUFZO0FBQ25DO0FBRUEsZUFBc0IsT0FBTyxTQUFxQixZQUFZLEtBQThCO0FBQzFGLFFBQU0sTUFBTSxRQUFRLElBQUksa0NBQVk7QUFDcEMsTUFBSSxDQUFDLElBQUssT0FBTSxJQUFJLE1BQU0sR0FBRyxrQ0FBWSxzREFBc0Q7QUFDL0YsUUFBTSxLQUFLLEdBQUcsUUFBUSxHQUFHLElBQUksS0FBSyxJQUFJLENBQUMsSUFBSSxTQUFTO0FBQ3BELFFBQU0sZUFBZSxLQUFLLEtBQUssS0FBSyxHQUFHLEVBQUUsV0FBVztBQUVwRCxRQUFNLFdBQVcsSUFBSSxRQUFxQixDQUFDLFNBQVMsV0FBVztBQUM3RCxVQUFNLE9BQU8sTUFBTTtBQUNqQixVQUFJLENBQUMsR0FBRyxXQUFXLFlBQVksRUFBRyxRQUFPO0FBQ3pDLGNBQVEsTUFBTTtBQUNkLG1CQUFhLEtBQUs7QUFDbEIsVUFBSTtBQUNGLGdCQUFRLEtBQUssTUFBTSxHQUFHLGFBQWEsY0FBYyxNQUFNLENBQUMsQ0FBZ0I7QUFBQSxNQUMxRSxTQUFTLE9BQU87QUFDZCxlQUFPLEtBQWM7QUFBQSxNQUN2QjtBQUNBLGFBQU87QUFBQSxJQUNUO0FBQ0EsVUFBTSxVQUFVLEdBQUcsTUFBTSxLQUFLLE1BQU0sS0FBSyxLQUFLLENBQUM7QUFDL0MsVUFBTSxRQUFRLFdBQVcsTUFBTTtBQUM3QixjQUFRLE1BQU07QUFDZCxhQUFPLElBQUksTUFBTSw4QkFBOEIsS0FBSyxVQUFVLE9BQU8sQ0FBQyxXQUFXLFNBQVMsS0FBSyxDQUFDO0FBQUEsSUFDbEcsR0FBRyxTQUFTO0FBRVosVUFBTSxNQUFNLEtBQUssS0FBSyxLQUFLLEdBQUcsRUFBRSxVQUFVO0FBQzFDLE9BQUcsY0FBYyxLQUFLLEtBQUssVUFBVSxPQUFPLENBQUM7QUFDN0MsT0FBRyxXQUFXLEtBQUssS0FBSyxLQUFLLEtBQUssR0FBRyxFQUFFLFdBQVcsQ0FBQztBQUNuRCxTQUFLO0FBQUEsRUFDUCxDQUFDO0FBQ0QsU0FBTztBQUNUOyIsCiAgIm5hbWVzIjogW10KfQo=
