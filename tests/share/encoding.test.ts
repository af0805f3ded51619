/**
 * The share link's byte encodings against Node's own: CRC-32 against `zlib.crc32`, base64url against
 * `Buffer`'s 'base64url' codec, on random bytes of many lengths (fast-check), and malformed text.
 */
import { crc32 as nodeCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/domain/crc32';
import { fromBase64Url, toBase64Url } from '../../src/share/base64url';

describe('share link encodings vs Node', () => {
  it('crc32 equals zlib.crc32 on random bytes (0–4,096 bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(crc32(bytes)).toBe(nodeCrc32(bytes));
      }),
      { numRuns: 300 },
    );
    // The published check value of CRC-32 for "123456789".
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it("toBase64Url equals Buffer's base64url, and fromBase64Url reads it back", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        const back = fromBase64Url(text);
        expect(back instanceof Uint8Array ? Array.from(back) : back).toEqual(Array.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('fromBase64Url decodes what Buffer writes, and refuses what is not base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), (bytes) => {
        const back = fromBase64Url(Buffer.from(bytes).toString('base64url'));
        expect(back instanceof Uint8Array ? Array.from(back) : back).toEqual(Array.from(bytes));
      }),
    );
    for (const bad of ['ab+c', 'ab/c', 'a b', 'abc=', '\u00e9t\u00e9']) expect(fromBase64Url(bad)).toHaveProperty('error');
  });
});
