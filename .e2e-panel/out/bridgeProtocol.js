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
var bridgeProtocol_exports = {};
__export(bridgeProtocol_exports, {
  bridgeEnvVar: () => bridgeEnvVar
});
module.exports = __toCommonJS(bridgeProtocol_exports);
const bridgeEnvVar = "SIP_LENS_E2E_BRIDGE";
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  bridgeEnvVar
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vdGVzdC9lMmUvYnJpZGdlUHJvdG9jb2wudHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbIi8vIFRoZSBzbWFsbCBmaWxlLWJhc2VkIGJyaWRnZSB0aGF0IGxldHMgYW4gaW4tZWRpdG9yIHRlc3QgYXNrIHRoZSBoYXJuZXNzLCB3aGljaCBkcml2ZXMgdGhlXG4vLyBicm93c2VyLCB0byBsb29rIGF0IHRoZSBET00gXHUyMDE0IHRoZSBleHRlbnNpb24gaG9zdCBjYW5ub3Qgc2VlIHdlYnZpZXdzIG9yIHRoZSB3b3JrYmVuY2ggaXRzZWxmLlxuLy8gVGhlIHRlc3Qgd3JpdGVzIGA8aWQ+LnJlcS5qc29uYCBpbnRvIHRoZSBicmlkZ2UgZm9sZGVyOyB0aGUgaGFybmVzcyBhbnN3ZXJzIHdpdGggYDxpZD4ucmVzLmpzb25gLlxuXG4vKiogRW52aXJvbm1lbnQgdmFyaWFibGUgdGhhdCBjYXJyaWVzIHRoZSBicmlkZ2UgZm9sZGVyIGludG8gdGhlIGV4dGVuc2lvbiBob3N0LiAqL1xuZXhwb3J0IGNvbnN0IGJyaWRnZUVudlZhciA9ICdTSVBfTEVOU19FMkVfQlJJREdFJztcblxuZXhwb3J0IHR5cGUgRG9tUmVxdWVzdCA9XG4gIC8qKiBXYWl0IHVudGlsIHRoZSB0ZXh0IG9mIGEgd2VidmlldydzIGNvbnRlbnQgaW5jbHVkZXMgYGNvbnRhaW5zYDsgYW5zd2VyIHdpdGggdGhhdCB0ZXh0LiAqL1xuICB8IHsgb3A6ICd3ZWJ2aWV3VGV4dCc7IGNvbnRhaW5zOiBzdHJpbmc7IHRpbWVvdXRNcz86IG51bWJlciB9XG4gIC8qKiBXYWl0IHVudGlsIHRoZSB3b3JrYmVuY2ggZWxlbWVudCBtYXRjaGluZyBgc2VsZWN0b3JgIGV4aXN0cyAoYW5kIGluY2x1ZGVzIGBjb250YWluc2ApLiAqL1xuICB8IHsgb3A6ICd3b3JrYmVuY2hUZXh0Jzsgc2VsZWN0b3I6IHN0cmluZzsgY29udGFpbnM/OiBzdHJpbmc7IHRpbWVvdXRNcz86IG51bWJlciB9XG4gIC8qKiBTYXZlIGEgc2NyZWVuc2hvdCBvZiB0aGUgd2hvbGUgd29ya2JlbmNoIGFzIHRlc3QvZTJlL291dC88bmFtZT4ucG5nLiAqL1xuICB8IHsgb3A6ICdzY3JlZW5zaG90JzsgbmFtZTogc3RyaW5nIH07XG5cbmV4cG9ydCBpbnRlcmZhY2UgRG9tUmVzcG9uc2Uge1xuICBvazogYm9vbGVhbjtcbiAgdGV4dD86IHN0cmluZztcbiAgZmlsZT86IHN0cmluZztcbiAgZXJyb3I/OiBzdHJpbmc7XG59XG4iXSwKICAibWFwcGluZ3MiOiAiOzs7Ozs7Ozs7Ozs7Ozs7Ozs7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUFBO0FBS08sTUFBTSxlQUFlOyIsCiAgIm5hbWVzIjogW10KfQo=
