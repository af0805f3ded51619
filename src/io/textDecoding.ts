/**
 * Bytes of an imported file → text, guessing the encoding the way a planner's files need.
 *
 * Why: Excel on Chinese Windows saves "CSV" in the system code page, GBK (GB18030 is its superset),
 * and a UTF-8 reader turns every Chinese header into U+FFFD — the 经度/纬度 columns then vanish and
 * the whole file is rejected for no reason the user can see. So: a BOM decides (UTF-8, UTF-16 LE/BE,
 * as Excel's "Unicode text" writes); else UTF-16 without a BOM when its zero bytes say so (ASCII
 * text in UTF-16 is valid UTF-8 full of NULs, so that check comes first); else strict UTF-8; else
 * strict GB18030; else lossy UTF-8 with a note, so the user learns the text may be garbled instead
 * of meeting silent replacement marks.
 *
 * TextDecoder('gb18030') needs full ICU: Chromium has it, and Node 20 ships with it by default.
 * Pure (TextDecoder exists in browsers, workers and Node).
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes started with a byte-order mark (it is not part of `text`). */
  bom: boolean;
  /** True when no encoding decoded the bytes cleanly: `text` holds U+FFFD replacement marks. */
  lossy: boolean;
}

function decoder(encoding: TextEncodingName, fatal: boolean): TextDecoder | null {
  try {
    // ignoreBOM: we strip the BOM ourselves and report it.
    return new TextDecoder(encoding, { fatal, ignoreBOM: true });
  } catch {
    return null; // an engine without that encoding (Node built without ICU)
  }
}

function strict(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  const d = decoder(encoding, true);
  if (!d) return null;
  try {
    return d.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: the ASCII of a CSV or KML (digits,
 * commas, tags, line ends) has a zero high byte, so in UTF-16 LE a good share of the odd bytes are
 * zero and almost none of the even ones (BE: the reverse). Plain UTF-8 or GBK text has no zero bytes.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= 0.2 * pairs && even <= 0.02 * pairs) return 'utf-16le';
  if (even >= 0.2 * pairs && odd <= 0.02 * pairs) return 'utf-16be';
  return null;
}

/** Decodes a file's bytes; never throws. */
export function decodeText(input: Uint8Array | ArrayBuffer): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const body = bytes.subarray(3);
    const text = strict(body, 'utf-8');
    return text === null
      ? { text: decoder('utf-8', false)!.decode(body), encoding: 'utf-8', bom: true, lossy: true }
      : { text, encoding: 'utf-8', bom: true, lossy: false };
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    const body = bytes.subarray(2);
    const text = strict(body, encoding);
    return text === null
      ? { text: decoder(encoding, false)!.decode(body), encoding, bom: true, lossy: true }
      : { text, encoding, bom: true, lossy: false };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const text = strict(bytes, utf16);
    if (text !== null) return { text, encoding: utf16, bom: false, lossy: false };
  }
  const utf8 = strict(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', bom: false, lossy: false };
  const gb = strict(bytes, 'gb18030');
  if (gb !== null) return { text: gb, encoding: 'gb18030', bom: false, lossy: false };
  return { text: decoder('utf-8', false)!.decode(bytes), encoding: 'utf-8', bom: false, lossy: true };
}
