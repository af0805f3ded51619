/**
 * The key a built coverage grid is kept under between sessions (issue #19): a SHA-256 of everything
 * the grid is made from — the codec's format, the cell size, the earth model and every source polygon
 * with its id, as `buildGrid` reads them. Two inputs that differ in any coordinate, id, order or
 * layer get different keys, so a kept grid is never used for other polygons (a replaced zone
 * boundary, a township file, a newer data release); equal inputs, however loaded, share one.
 */
import type { Earth } from './projection';
import type { GridSources } from './grid';

export async function gridKey(sources: GridSources, cellM: number, codecVersion: number, earth?: Earth): Promise<string> {
  // JSON of the validated objects: numbers print exactly (shortest round-trip form), key order is the
  // order gridSourcesFrom builds them in, and a missing layer is absent rather than empty.
  const text = JSON.stringify([codecVersion, cellM, earth ?? 'wgs84', sources]);
  return sha256Hex(new TextEncoder().encode(text));
}

/** SHA-256 of some bytes, as 64 hex digits (Web Crypto: the browser's and Node's). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
