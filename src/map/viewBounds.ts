/**
 * The map's view box in lon/lat, widened, for the layers that draw only what can be seen: the
 * coverage picture is ~70 tiles (four times as many at 25 m cells), each a draw call on every frame,
 * on screen or off. MapView sets the box when a move ends; during a move the widening keeps the
 * tiles around the view drawn.
 */
import { useSyncExternalStore } from 'react';

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

let current: LonLatBox | null = null;
const listeners = new Set<() => void>();

/** Sets the view box, widened by `grow` view sizes on every side (1: three times as wide and tall). */
export function setViewBounds(box: LonLatBox | null, grow = 1): void {
  const next: LonLatBox | null = box
    ? [box[0] - grow * (box[2] - box[0]), box[1] - grow * (box[3] - box[1]), box[2] + grow * (box[2] - box[0]), box[3] + grow * (box[3] - box[1])]
    : null;
  if (next === current || (next && current && next.every((v, i) => v === current![i]))) return;
  current = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The widened view box; null until a map has reported one (then everything counts as in view). */
export function useViewBounds(): LonLatBox | null {
  return useSyncExternalStore(subscribe, () => current);
}

/** Whether a set of lon/lat corners' box meets the view box (always, without one). */
export function inView(box: LonLatBox | null, corners: ReadonlyArray<readonly [number, number]>): boolean {
  if (!box) return true;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of corners) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return w <= box[2] && e >= box[0] && s <= box[3] && n >= box[1];
}
