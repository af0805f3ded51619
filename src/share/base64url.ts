/**
 * Bytes ↔ base64url (RFC 4648 §5: `-` and `_` instead of `+` and `/`, no `=` padding), the
 * alphabet that survives in a URL fragment, chat apps and e-mail without escaping. Pure.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]!;
    out += ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += ALPHABET[c & 63]!;
  }
  return out;
}

/**
 * @returns the bytes, or a message naming the first character that is not base64url (a link
 *   mangled by a mail client, or pasted with a stray character).
 */
export function fromBase64Url(text: string): Uint8Array | { error: string } {
  if (text.length % 4 === 1) return { error: `${text.length} characters cannot be base64url (cut short?)` };
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const v = INDEX.get(text[i]!);
    if (v === undefined) return { error: `character ${i + 1} (${JSON.stringify(text[i])}) is not base64url` };
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 255;
    }
  }
  return out.subarray(0, n);
}
