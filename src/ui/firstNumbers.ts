/**
 * The first scorecard numbers of a start (issue #19: numbers within 1.5 s), and the map that waits
 * for them. On a 2-core machine the map's start — the style's eleven GeoJSON sources tiled in
 * MapLibre's workers, WebGL in software, deck.gl, the facility layers of every site — takes the
 * same two cores as the coverage worker and the page's first commits, and measured in the start-up
 * bench it doubled the time to the first numbers (next visit 5.5–6.5 s → 9.9–12.5 s with the map
 * made at once, machine loaded). So the main app mounts its map once the scorecard shows its first
 * numbers, or after {@link MAP_WAIT_CAP_MS} whatever happens (a computation that fails or never
 * comes does not keep the map away). The embed, whose map is its content, does not wait.
 *
 * The side panel's sections wait too, for less: rendering and laying out its ~500 elements (the
 * scenarios, the coverage settings, the zones…) held the page's thread ~0.15–0.2 s on a first visit,
 * when the answer shipped with the build or kept from the last visit was already on its way. They
 * come with the first numbers, or {@link SIDE_PANEL_WAIT_CAP_MS} after the page's first commit
 * when the numbers take longer (a start that computes its figures: a share link, a kept layer).
 */
import { useEffect, useState } from 'react';

/** The longest the map waits for the first numbers, from when the shipped data validated. */
export const MAP_WAIT_CAP_MS = 4000;

/** The longest the side panel's sections wait for the first numbers, from the page's first commit. */
export const SIDE_PANEL_WAIT_CAP_MS = 1000;

let shown = false;
const waiting = new Set<() => void>();

/** The scorecard shows its first numbers (ScorecardPanel, with the `scorecard:numbers` mark). */
export function noteFirstNumbers(): void {
  if (shown) return;
  shown = true;
  for (const go of [...waiting]) go();
  waiting.clear();
}

/** True once the first numbers are shown, or `capMs` after the first call in which `ready` was true. */
export function useAfterFirstNumbers(ready: boolean, capMs = MAP_WAIT_CAP_MS): boolean {
  const [open, setOpen] = useState(shown);
  useEffect(() => {
    if (open || !ready) return;
    const go = () => setOpen(true);
    if (shown) return go();
    waiting.add(go);
    const cap = setTimeout(go, capMs);
    return () => {
      waiting.delete(go);
      clearTimeout(cap);
    };
  }, [open, ready, capMs]);
  return open;
}
