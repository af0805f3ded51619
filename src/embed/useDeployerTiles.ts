/**
 * The deployer's base map for the embed (README "Publishing real data": `"embed": { "tiles": … }` in
 * published/index.json): an XYZ template, or a PMTiles archive beside index.json read by HTTP range
 * requests. The archive's code (pmtiles, the archive styles) loads only when one is set.
 */
import { useEffect, useState } from 'react';
import type { UserTiles } from '../domain/userTiles';
import type { ArchiveOnMap } from '../map/tileArchiveLayer';
import { embedUserTiles } from '../io/publishedData';
import { deployerSettings } from '../ui/share/useDeployerDefaults';

export interface DeployerTiles {
  tiles: UserTiles | null;
  archive: ArchiveOnMap | null;
  /** Why the deployer's tiles are not shown (the shipped map is). */
  problem: string | null;
}

export function useDeployerTiles(): DeployerTiles & { onTilesError: (message: string) => void } {
  const [state, setState] = useState<DeployerTiles>({ tiles: null, archive: null, problem: null });
  useEffect(() => {
    let live = true;
    // Absolute: a tile template relative to the served folder becomes a same-origin URL.
    const base = new URL(import.meta.env.BASE_URL, window.location.href).href;
    void deployerSettings().then(async ({ tiles }) => {
      if (!live || !tiles) return;
      if ('template' in tiles) {
        const resolved = embedUserTiles(tiles, base);
        setState((s) => ('file' in resolved ? { ...s, problem: `${resolved.file}: ${resolved.message}` } : { ...s, tiles: resolved }));
        return;
      }
      try {
        const [{ openArchiveFrom }, { FetchSource }] = await Promise.all([import('../map/pmtilesSource'), import('pmtiles')]);
        const opened = await openArchiveFrom(new FetchSource(`${base}published/${encodeURIComponent(tiles.archive)}`), `published/${tiles.archive}`, 0);
        if (live) setState((s) => ({ ...s, archive: { opened, opacity: tiles.opacity ?? 1, visible: true } }));
      } catch (e) {
        if (live) setState((s) => ({ ...s, problem: e instanceof Error ? e.message : String(e) }));
      }
    });
    return () => void (live = false);
  }, []);
  return { ...state, onTilesError: (message) => setState((s) => ({ ...s, problem: message })) };
}
