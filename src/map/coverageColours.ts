/**
 * Colours of the map's facility layers: the sites by family, and (re-exported from the coverage
 * floor, where the worker paints with them) the coverage pictures.
 */
import type { FacilityFamily } from '../domain/facilityTypes';

export { DISTANCE_NONE, DISTANCE_RAMP, DISTANCE_STOPS, GAP_RGBA, ONLY_A_RGBA, ONLY_B_RGBA } from '../coverage/pictureColours';

type RGBA = readonly [number, number, number, number];

export const css = (c: RGBA) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`;

/** Site colours by facility family. */
export const SITE_COLOURS = {
  charging: [0, 128, 96],
  '5g': [106, 61, 154],
  locker: [217, 95, 2],
  sensor: [31, 120, 180],
  other: [90, 90, 90],
} as const satisfies Record<FacilityFamily, readonly [number, number, number]>;
