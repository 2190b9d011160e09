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
var waiting_exports = {};
__export(waiting_exports, {
  waitFor: () => waitFor
});
module.exports = __toCommonJS(waiting_exports);
async function waitFor(what, check, options = {}) {
  const timeoutMs = options.timeoutMs ?? 2e4;
  const first = await check();
  if (first !== void 0) return first;
  return new Promise((resolve, reject) => {
    const disposables = [];
    let done = false;
    let checking = false;
    let again = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      if (interval) clearInterval(interval);
      disposables.forEach((d) => d.dispose());
      if (error) reject(error);
      else resolve(value);
    };
    const recheck = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value !== void 0) return finish(void 0, value);
        } while (again && !done);
      } catch (error) {
        finish(error);
      } finally {
        checking = false;
      }
    };
    const deadline = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    const interval = options.pollMs ? setInterval(() => void recheck(), options.pollMs) : void 0;
    for (const event of options.events ?? []) disposables.push(event(() => void recheck()));
  });
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  waitFor
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9lMmUvc3VwcG9ydC93YWl0aW5nLnRzIl0sCiAgInNvdXJjZXNDb250ZW50IjogWyIvLyBXYWl0aW5nIGluc2lkZSB0aGUgZWRpdG9yIHdpdGhvdXQgZml4ZWQgc2xlZXBzOiByZS1jaGVjayBhIGNvbmRpdGlvbiB3aGVuZXZlciBhIHJlbGV2YW50IFZTIENvZGVcbi8vIGV2ZW50IGZpcmVzLCB3aXRoIGEgZGVhZGxpbmUuIFdoZXJlIFZTIENvZGUgaGFzIG5vIGV2ZW50IGZvciB0aGUgdGhpbmcgKGEgcHJvdmlkZXIgYmVpbmdcbi8vIHJlZ2lzdGVyZWQsIGFuIGV4dGVuc2lvbiBmaW5pc2hpbmcgYWN0aXZhdGlvbiksIHJlLWNoZWNrIG9uIGEgc2hvcnQgaW50ZXJ2YWwsIHN0aWxsIGJvdW5kZWQuXG5pbXBvcnQgKiBhcyB2c2NvZGUgZnJvbSAndnNjb2RlJztcblxuZXhwb3J0IGFzeW5jIGZ1bmN0aW9uIHdhaXRGb3I8VD4oXG4gIHdoYXQ6IHN0cmluZyxcbiAgY2hlY2s6ICgpID0+IFQgfCB1bmRlZmluZWQgfCBQcm9taXNlPFQgfCB1bmRlZmluZWQ+LFxuICBvcHRpb25zOiB7IGV2ZW50cz86IHZzY29kZS5FdmVudDx1bmtub3duPltdOyBwb2xsTXM/OiBudW1iZXI7IHRpbWVvdXRNcz86IG51bWJlciB9ID0ge30sXG4pOiBQcm9taXNlPFQ+IHtcbiAgY29uc3QgdGltZW91dE1zID0gb3B0aW9ucy50aW1lb3V0TXMgPz8gMjBfMDAwO1xuICBjb25zdCBmaXJzdCA9IGF3YWl0IGNoZWNrKCk7XG4gIGlmIChmaXJzdCAhPT0gdW5kZWZpbmVkKSByZXR1cm4gZmlyc3Q7XG5cbiAgcmV0dXJuIG5ldyBQcm9taXNlPFQ+KChyZXNvbHZlLCByZWplY3QpID0+IHtcbiAgICBjb25zdCBkaXNwb3NhYmxlczogdnNjb2RlLkRpc3Bvc2FibGVbXSA9IFtdO1xuICAgIGxldCBkb25lID0gZmFsc2U7XG4gICAgbGV0IGNoZWNraW5nID0gZmFsc2U7XG4gICAgbGV0IGFnYWluID0gZmFsc2U7XG4gICAgY29uc3QgZmluaXNoID0gKGVycm9yOiBFcnJvciB8IHVuZGVmaW5lZCwgdmFsdWU/OiBUKSA9PiB7XG4gICAgICBpZiAoZG9uZSkgcmV0dXJuO1xuICAgICAgZG9uZSA9IHRydWU7XG4gICAgICBjbGVhclRpbWVvdXQoZGVhZGxpbmUpO1xuICAgICAgaWYgKGludGVydmFsKSBjbGVhckludGVydmFsKGludGVydmFsKTtcbiAgICAgIGRpc3Bvc2FibGVzLmZvckVhY2goKGQpID0+IGQuZGlzcG9zZSgpKTtcbiAgICAgIGlmIChlcnJvcikgcmVqZWN0KGVycm9yKTtcbiAgICAgIGVsc2UgcmVzb2x2ZSh2YWx1ZSBhcyBUKTtcbiAgICB9O1xuICAgIGNvbnN0IHJlY2hlY2sgPSBhc3luYyAoKSA9PiB7XG4gICAgICBpZiAoZG9uZSkgcmV0dXJuO1xuICAgICAgaWYgKGNoZWNraW5nKSB7XG4gICAgICAgIGFnYWluID0gdHJ1ZTtcbiAgICAgICAgcmV0dXJuO1xuICAgICAgfVxuICAgICAgY2hlY2tpbmcgPSB0cnVlO1xuICAgICAgdHJ5IHtcbiAgICAgICAgZG8ge1xuICAgICAgICAgIGFnYWluID0gZmFsc2U7XG4gICAgICAgICAgY29uc3QgdmFsdWUgPSBhd2FpdCBjaGVjaygpO1xuICAgICAgICAgIGlmICh2YWx1ZSAhPT0gdW5kZWZpbmVkKSByZXR1cm4gZmluaXNoKHVuZGVmaW5lZCwgdmFsdWUpO1xuICAgICAgICB9IHdoaWxlIChhZ2FpbiAmJiAhZG9uZSk7XG4gICAgICB9IGNhdGNoIChlcnJvcikge1xuICAgICAgICBmaW5pc2goZXJyb3IgYXMgRXJyb3IpO1xuICAgICAgfSBmaW5hbGx5IHtcbiAgICAgICAgY2hlY2tpbmcgPSBmYWxzZTtcbiAgICAgIH1cbiAgICB9O1xuICAgIGNvbnN0IGRlYWRsaW5lID0gc2V0VGltZW91dCgoKSA9PiBmaW5pc2gobmV3IEVycm9yKGB0aW1lZCBvdXQgYWZ0ZXIgJHt0aW1lb3V0TXN9IG1zIHdhaXRpbmcgZm9yICR7d2hhdH1gKSksIHRpbWVvdXRNcyk7XG4gICAgY29uc3QgaW50ZXJ2YWwgPSBvcHRpb25zLnBvbGxNcyA/IHNldEludGVydmFsKCgpID0+IHZvaWQgcmVjaGVjaygpLCBvcHRpb25zLnBvbGxNcykgOiB1bmRlZmluZWQ7XG4gICAgZm9yIChjb25zdCBldmVudCBvZiBvcHRpb25zLmV2ZW50cyA/PyBbXSkgZGlzcG9zYWJsZXMucHVzaChldmVudCgoKSA9PiB2b2lkIHJlY2hlY2soKSkpO1xuICB9KTtcbn1cbiJdLAogICJtYXBwaW5ncyI6ICI7Ozs7Ozs7Ozs7Ozs7Ozs7OztBQUFBO0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFLQSxlQUFzQixRQUNwQixNQUNBLE9BQ0EsVUFBcUYsQ0FBQyxHQUMxRTtBQUNaLFFBQU0sWUFBWSxRQUFRLGFBQWE7QUFDdkMsUUFBTSxRQUFRLE1BQU0sTUFBTTtBQUMxQixNQUFJLFVBQVUsT0FBVyxRQUFPO0FBRWhDLFNBQU8sSUFBSSxRQUFXLENBQUMsU0FBUyxXQUFXO0FBQ3pDLFVBQU0sY0FBbUMsQ0FBQztBQUMxQyxRQUFJLE9BQU87QUFDWCxRQUFJLFdBQVc7QUFDZixRQUFJLFFBQVE7QUFDWixVQUFNLFNBQVMsQ0FBQyxPQUEwQixVQUFjO0FBQ3RELFVBQUksS0FBTTtBQUNWLGFBQU87QUFDUCxtQkFBYSxRQUFRO0FBQ3JCLFVBQUksU0FBVSxlQUFjLFFBQVE7QUFDcEMsa0JBQVksUUFBUSxDQUFDLE1BQU0sRUFBRSxRQUFRLENBQUM7QUFDdEMsVUFBSSxNQUFPLFFBQU8sS0FBSztBQUFBLFVBQ2xCLFNBQVEsS0FBVTtBQUFBLElBQ3pCO0FBQ0EsVUFBTSxVQUFVLFlBQVk7QUFDMUIsVUFBSSxLQUFNO0FBQ1YsVUFBSSxVQUFVO0FBQ1osZ0JBQVE7QUFDUjtBQUFBLE1BQ0Y7QUFDQSxpQkFBVztBQUNYLFVBQUk7QUFDRixXQUFHO0FBQ0Qsa0JBQVE7QUFDUixnQkFBTSxRQUFRLE1BQU0sTUFBTTtBQUMxQixjQUFJLFVBQVUsT0FBVyxRQUFPLE9BQU8sUUFBVyxLQUFLO0FBQUEsUUFDekQsU0FBUyxTQUFTLENBQUM7QUFBQSxNQUNyQixTQUFTLE9BQU87QUFDZCxlQUFPLEtBQWM7QUFBQSxNQUN2QixVQUFFO0FBQ0EsbUJBQVc7QUFBQSxNQUNiO0FBQUEsSUFDRjtBQUNBLFVBQU0sV0FBVyxXQUFXLE1BQU0sT0FBTyxJQUFJLE1BQU0sbUJBQW1CLFNBQVMsbUJBQW1CLElBQUksRUFBRSxDQUFDLEdBQUcsU0FBUztBQUNySCxVQUFNLFdBQVcsUUFBUSxTQUFTLFlBQVksTUFBTSxLQUFLLFFBQVEsR0FBRyxRQUFRLE1BQU0sSUFBSTtBQUN0RixlQUFXLFNBQVMsUUFBUSxVQUFVLENBQUMsRUFBRyxhQUFZLEtBQUssTUFBTSxNQUFNLEtBQUssUUFBUSxDQUFDLENBQUM7QUFBQSxFQUN4RixDQUFDO0FBQ0g7IiwKICAibmFtZXMiOiBbXQp9Cg==
