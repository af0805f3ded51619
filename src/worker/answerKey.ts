/**
 * The key a coverage answer is kept under between visits (src/io/answerCache.ts): a SHA-256 of
 * everything the answer is a function of — the build (its engine, checker and bundled plans), the
 * cell size, the session's layers (the shipped or imported districts, zones, Outer Ring, land,
 * townships) and every input the session holds (sites, compared sites, assumptions, as-of year,
 * layer and its settings, residents, the area of the gap list). Equal keys, equal answers; any
 * change anywhere gives another key, so a kept answer is never shown for other inputs.
 *
 * The digest is of a canonical text: JSON, with what JSON would blur written out — typed arrays and
 * buffers by their bytes (a residents raster), Maps and Sets by their entries, non-finite numbers by
 * name — so two inputs that differ anywhere never print alike.
 */
import { sha256Hex } from '../coverage/gridKey';

/**
 * A value already printed as JSON, put in the key as those bytes: for the site lists (validated
 * sites hold only what JSON prints exactly), which the replacer below, called once a value, took
 * ~50 ms to walk in a worker's first look-up (the sample's 3,180 sites; issue #19), the native
 * JSON.stringify a tenth of that.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The canonical bytes of `value` (see above). */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  const blobs: Uint8Array[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof JsonText) {
      blobs.push(new TextEncoder().encode(v.text));
      return { $json: blobs.length - 1, byteLength: blobs[blobs.length - 1]!.byteLength };
    }
    if (v instanceof ArrayBuffer) v = new Uint8Array(v);
    if (ArrayBuffer.isView(v)) {
      blobs.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return { $bytes: blobs.length - 1, type: v.constructor.name, byteLength: v.byteLength };
    }
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (v instanceof Set) return { $set: [...v.values()] };
    if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
    if (v === undefined) return { $undefined: true };
    return v;
  });
  const head = new TextEncoder().encode(text ?? 'undefined');
  // The text (it names each blob's length), then the blobs in order.
  const out = new Uint8Array(head.byteLength + blobs.reduce((n, b) => n + b.byteLength, 0));
  out.set(head, 0);
  let at = head.byteLength;
  for (const b of blobs) {
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}

/** The digest of a value's canonical bytes. */
export const digestOf = (value: unknown): Promise<string> => sha256Hex(canonicalBytes(value));

/**
 * The digest of a session's layers (hashed once a session, at its start): validated GeoJSON holds
 * only what JSON prints exactly — plain objects and arrays, strings, finite numbers (the schemas
 * refuse the rest) — so its JSON text is canonical as it is. canonicalBytes' replacer, called once
 * for each of ~300,000 values, took 0.15–0.3 s of the coverage worker's first second on a busy
 * 2-core machine (issue #19); the text alone takes a tenth.
 */
export const layersDigest = (layers: unknown): Promise<string> => sha256Hex(new TextEncoder().encode(JSON.stringify(layers) ?? 'undefined'));

/** The key of an answer: the build, the cell size, the layers' digest and the session's inputs. */
export function answerKey(parts: { buildId: string; cellM: number; sourcesDigest: string; inputs: unknown }): Promise<string> {
  return digestOf(['coverage-answer', 1, parts.buildId, parts.cellM, parts.sourcesDigest, parts.inputs]);
}
