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
 * The side panel's sections wait too, but only while an answer is on its way: rendering and laying
 * out its ~500 elements (the scenarios, the coverage settings, the zones…) held the page's thread
 * ~0.15–0.2 s on a first visit, when the answer shipped with the build or kept from the last visit
 * was about to come. They come with the first numbers, as soon as the coverage worker says the
 * figures are to be computed (a share link, a kept layer: seconds), or at the latest
 * {@link SIDE_PANEL_WAIT_CAP_MS} after the page's first commit.
 */
import { useEffect, useState } from 'react';

/** The longest the map waits for the first numbers, from when the shipped data validated. */
export const MAP_WAIT_CAP_MS = 4000;

/**
 * The longest the side panel's sections wait for the first numbers, from the page's first commit
 * (a worker that never says; 1 s before: on a busy machine the sections then came just before the
 * shipped answer and held it ~0.2 s).
 */
export const SIDE_PANEL_WAIT_CAP_MS = 2000;

let shown = false;
let computed = false;
const waiting = new Set<() => void>();
const waitingForAnAnswer = new Set<() => void>();

const release = (set: Set<() => void>) => {
  for (const go of [...set]) go();
  set.clear();
};

/** The scorecard shows its first numbers (ScorecardPanel, with the `scorecard:numbers` mark). */
export function noteFirstNumbers(): void {
  if (shown) return;
  shown = true;
  release(waiting);
  release(waitingForAnAnswer);
}

/** The coverage worker computes the first figures: no answer is on its way (useCoverage, on its `computing`). */
export function noteFirstNumbersComputed(): void {
  if (computed) return;
  computed = true;
  release(waitingForAnAnswer);
}

/**
 * True once the first numbers are shown, or `capMs` after the first call in which `ready` was true;
 * with `onlyForAnAnswer`, also as soon as the figures are known to be computed (the map waits for
 * the computation too: it shares the cores; the side panel does not).
 */
export function useAfterFirstNumbers(ready: boolean, capMs = MAP_WAIT_CAP_MS, onlyForAnAnswer = false): boolean {
  const [open, setOpen] = useState(shown || (onlyForAnAnswer && computed));
  useEffect(() => {
    if (open || !ready) return;
    const go = () => setOpen(true);
    if (shown || (onlyForAnAnswer && computed)) return go();
    waiting.add(go);
    if (onlyForAnAnswer) waitingForAnAnswer.add(go);
    const cap = setTimeout(go, capMs);
    return () => {
      waiting.delete(go);
      waitingForAnAnswer.delete(go);
      clearTimeout(cap);
    };
  }, [open, ready, capMs, onlyForAnAnswer]);
  return open;
}
