/**
 * The base map's layer groups and which are shown: part of the app's state (the layer panel, share
 * links, the embed), so in the lowest floor; the style (src/map/baseStyle.ts) maps each group to its
 * MapLibre layers.
 */
/** Layer groups the layer panel toggles, in panel order. */
export const LAYER_GROUPS = [
  'districts',
  'townships',
  'outerRing',
  's20',
  'zones',
  'rivers',
  'roads',
  'metro',
  'stations',
  'labels',
] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];
export type LayerVisibility = Record<LayerGroup, boolean>;

export const DEFAULT_VISIBILITY: LayerVisibility = {
  districts: true,
  // Off at start: 113 outlines and names over the central districts crowd the plan districts' colours;
  // the selected township is outlined whether the group is on or not.
  townships: false,
  outerRing: true,
  s20: true,
  zones: true,
  rivers: true,
  roads: true,
  metro: true,
  stations: true,
  labels: true,
};
