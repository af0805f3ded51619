/**
 * CRC-32 (IEEE 802.3, the polynomial of zip and PNG). fflate's inflate does not check a stream's
 * own checksum, so the share link carries this one: a link changed or cut short anywhere is
 * refused instead of being read as some other scenario (src/share/urlState.ts); a coverage grid kept
 * between sessions carries one too (src/coverage/gridCodec.ts). Pure.
 */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
