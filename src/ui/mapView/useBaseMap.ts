/**
 * The MapLibre map under MapView: the embed's premade map moved into place, or one created here on
 * the validated data — and the moment it counts as fully drawn, which is when deck.gl may load and
 * what `data-map-ready` marks.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Lang } from '../../domain/lang';
import type { Geodata } from '../../io/loadGeodata';
import { applyValidatedData, inlineBaseSources } from '../../map/baseSources';
import { buildBaseStyle, type LayerVisibility } from '../../map/baseStyle';
import { createBaseMap } from '../../map/createBaseMap';
import { whenDrawn } from '../../map/mapReadiness';
import { liveMap } from '../../map/liveMap';
import { listen } from './mapEvents';

export interface BaseMapOptions {
  data: Geodata | null;
  premade: MapLibreMap | Error | undefined;
  readable: boolean;
  onBaseDrawn: (() => void) | undefined;
  /** The language and layers the style is built with; later changes go through setters (useStyleUpdates). */
  lang: Lang;
  visibility: LayerVisibility;
}

export interface BaseMap {
  map: MapLibreMap | null;
  /** The base map fully drawn: a created map's first idle; a premade map's first idle after its files were validated. */
  baseDrawn: boolean;
  /** Created here (not premade): this component removes it, and its controls go with it. */
  madeHere: boolean;
  /** Why there is no map (no WebGL, or the premade one failed). */
  error: string | null;
}

export function useBaseMap(containerRef: RefObject<HTMLDivElement | null>, { data, premade, readable, onBaseDrawn, lang, visibility }: BaseMapOptions): BaseMap {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [baseDrawn, setBaseDrawn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const drawnRef = useRef(onBaseDrawn);
  drawnRef.current = onBaseDrawn;
  // The first render's props build the style; later changes go through the map's setters so the
  // sources are not re-parsed on every toggle.
  const initial = useRef({ lang, visibility });

  // The premade map moved into place (before the browser paints, so it never flickers), or one
  // created on the validated data. A layout effect, so the embed can take its start-up skeleton
  // away in the same frame.
  const madeHere = premade === undefined;
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    if (premade instanceof Error) {
      setError(premade.message);
      return;
    }
    setBaseDrawn(false);
    if (premade) {
      container.appendChild(premade.getContainer());
      premade.resize();
      setMap(premade);
      return;
    }
    if (!data) return;
    let created: MapLibreMap;
    try {
      created = createBaseMap(container, buildBaseStyle(inlineBaseSources(data), initial.current.lang, initial.current.visibility), { readable });
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setMap(created);
    return () => {
      setMap(null);
      created.remove();
      liveMap.clear(created);
    };
    // A created map is made once per data set; the language and layers follow through setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [premade, madeHere ? data : null]);

  // A premade map drew its files unchecked: once they are validated, it drops what failed and gets
  // its labels — and only then counts as fully drawn. A created map is at its first full draw.
  useEffect(() => {
    if (!map) return;
    if (madeHere) return whenDrawn(map, () => setBaseDrawn(true));
    if (!data) return;
    applyValidatedData(map, data);
    return whenDrawn(map, () => setBaseDrawn(true));
  }, [map, madeHere, data]);

  useEffect(() => {
    const container = containerRef.current;
    if (!baseDrawn || !container) return;
    // Start-up mark (bench/startup.ts): the map waits for the first numbers (src/ui/firstNumbers.ts), so the bench says when it came.
    if (performance.getEntriesByName('map:drawn').length === 0) performance.mark('map:drawn');
    container.setAttribute('data-map-ready', 'true');
    drawnRef.current?.();
    return () => container.removeAttribute('data-map-ready');
  }, [baseDrawn, containerRef]);

  // MapLibre reports a failed source or tile here and draws on; the console is where it is seen.
  useEffect(() => {
    if (!map) return;
    return listen(map, { error: (e) => console.error('map error', e.error) });
  }, [map]);

  return { map, baseDrawn, madeHere, error };
}
