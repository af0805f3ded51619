/**
 * The `tilearchive://` protocol: serves the tiles of opened archives (pmtilesSource.ts) to MapLibre.
 * Apart from pmtilesSource so that opening an archive (the tile panel, at start) does not load
 * MapLibre: only the map, which comes after the first numbers, brings this in.
 */
import { addProtocol } from 'maplibre-gl';
import type { OpenedArchive } from './pmtilesSource';
import { blankTile } from './userTileLayer';

const served = new Map<number, OpenedArchive>();
let registered = false;

/** The source URL template of an archive served by the `tilearchive://` protocol. */
export function serveArchive(a: OpenedArchive): string {
  if (!registered) {
    registered = true;
    addProtocol('tilearchive', async (params, abort) => {
      const m = /^tilearchive:\/\/(\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
      const a = m ? served.get(Number(m[1])) : undefined;
      if (!m || !a) throw new Error(`no tile archive for ${params.url}`);
      const tile = await a.archive.getZxy(Number(m[2]), Number(m[3]), Number(m[4]), abort.signal);
      if (tile) return { data: tile.data };
      return { data: a.format === 'mvt' ? new ArrayBuffer(0) : (await blankTile()).slice(0) };
    });
  }
  served.set(a.id, a);
  return `tilearchive://${a.id}/{z}/{x}/{y}`;
}

/** Stops serving an archive (its source was removed). */
export function unserveArchive(id: number): void {
  served.delete(id);
}
