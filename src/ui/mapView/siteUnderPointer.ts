/**
 * The site marker under a screen point of the map, for the hover read-out and the editing tools:
 * the picker (src/map/sitePicking.ts) works on a plain projection, which this adapts from MapLibre.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Site } from '../../domain/site';
import type { ScreenView } from '../../map/sitePicking';

/** The site whose marker is within `slopPx` of a screen point (MapView's `pickSite` prop). */
export type PickSite = (view: ScreenView, x: number, y: number, slopPx: number) => Site | null;

/** Finds the site at (x, y) on `map` with the picker of the moment (the markers change with every layer update). */
export function siteUnderPointer(map: MapLibreMap, picker: () => PickSite | undefined): (x: number, y: number, slopPx?: number) => Site | null {
  const screen: ScreenView = {
    project: (lon, lat) => map.project([lon, lat]),
    unproject: (x, y) => {
      const p = map.unproject([x, y]);
      return { lon: p.lng, lat: p.lat };
    },
  };
  return (x, y, slopPx = 5) => picker()?.(screen, x, y, slopPx) ?? null;
}
