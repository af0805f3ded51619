/** Listeners on the map for an effect: put on together, taken off together by the returned cleanup. */
import type { Map as MapLibreMap, MapEventType } from 'maplibre-gl';

export type MapHandlers = { [K in keyof MapEventType]?: (e: MapEventType[K]) => void };

export function listen(map: MapLibreMap, handlers: MapHandlers): () => void {
  const entries = Object.entries(handlers) as Array<[keyof MapEventType, (e: unknown) => void]>;
  for (const [type, handler] of entries) map.on(type, handler);
  return () => {
    for (const [type, handler] of entries) map.off(type, handler);
  };
}
