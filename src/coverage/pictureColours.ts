/**
 * Colours of the coverage pictures, shared by the worker that paints them and the legends that
 * explain them (re-exported by src/map/coverageColours.ts).
 */
import { buildRamp } from './picture';

type RGBA = readonly [number, number, number, number];

/** Uncovered cells: translucent red that reads over the land and the plan-district fill, and lets the labels beneath show. */
export const GAP_RGBA: RGBA = [214, 39, 40, 120];

/** Distance as a share of the radius: green near a site, yellow at the radius, red at twice it. */
export const DISTANCE_STOPS: ReadonlyArray<readonly [number, RGBA]> = [
  [0, [26, 152, 80, 170]],
  [0.5, [145, 207, 96, 160]],
  [1, [255, 237, 111, 160]],
  [1.001, [253, 174, 97, 170]],
  [2, [215, 48, 39, 180]],
];
/** No site within the field's reach (twice the radius in the distance picture). */
export const DISTANCE_NONE: RGBA = [165, 0, 38, 180];

export const DISTANCE_RAMP = buildRamp(DISTANCE_STOPS, DISTANCE_NONE);

/** Comparing scenarios: covered only by the one being edited (blue) / only by the compared one (orange) — a pair read apart also by the colour-blind. */
export const ONLY_A_RGBA: RGBA = [33, 102, 172, 170];
export const ONLY_B_RGBA: RGBA = [230, 120, 20, 170];
