/**
 * deck.gl layers for the optimiser's proposed sites: a dashed-looking magenta service circle, a
 * magenta diamond-ish marker and a "proposed N" label, so they cannot be mistaken for scenario sites
 * (filled / white / hollow dots in the facility family colours). Unselected proposals are faded.
 */
import type { Layer } from '@deck.gl/core';
import type { DeckRuntime } from '../../map/deckRuntime';
import type { ResolvedRule } from '../../domain/coverageViews';
import type { ServiceArea } from '../../domain/serviceArea';
import type { ProposedSite } from '../../optimize/optimizer';

export const PROPOSED_RGB: [number, number, number] = [200, 30, 150];

export interface ProposedItem {
  site: ProposedSite;
  /** 1-based number shown in the list and the label. */
  n: number;
  selected: boolean;
}

/**
 * @param areaOf the ground a proposed site serves under the rule — the same clipped areas the
 *   scenario's sites are drawn with, so a proposal near the S20 shows what it is counted for.
 */
export function buildProposedLayers(
  deck: DeckRuntime,
  items: readonly ProposedItem[],
  rule: ResolvedRule | null,
  label: string,
  areaOf: (site: ProposedSite, rule: ResolvedRule) => ServiceArea,
): Layer[] {
  const { PolygonLayer, ScatterplotLayer, TextLayer } = deck;
  if (items.length === 0) return [];
  const alpha = (i: ProposedItem, a: number) => (i.selected ? a : Math.round(a * 0.35));
  const key = items.map((i) => `${i.n}${i.selected ? '+' : '-'}`).join(',');
  const areas = rule ? items.map((i) => ({ item: i, area: areaOf(i.site, rule) })) : [];
  const parts = areas.flatMap(({ item, area }) =>
    area.kind !== 'clipped' ? [] : (area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates).map((rings) => ({ item, rings })),
  );
  type Part = (typeof parts)[number];
  type Disc = (typeof areas)[number];
  return [
    new ScatterplotLayer<Disc>({
      id: 'proposed-circles',
      data: areas.filter((a) => a.area.kind === 'disc'),
      getPosition: (a) => [a.item.site.lon, a.item.site.lat],
      getRadius: (a) => (a.area.kind === 'disc' ? a.area.radiusM : 0),
      radiusUnits: 'meters',
      stroked: true,
      filled: true,
      getFillColor: (a) => [...PROPOSED_RGB, alpha(a.item, 28)],
      getLineColor: (a) => [...PROPOSED_RGB, alpha(a.item, 230)],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      updateTriggers: { getFillColor: key, getLineColor: key },
    }),
    new PolygonLayer<Part>({
      id: 'proposed-areas',
      data: parts,
      getPolygon: (p) => p.rings,
      stroked: true,
      filled: true,
      getFillColor: (p) => [...PROPOSED_RGB, alpha(p.item, 28)],
      getLineColor: (p) => [...PROPOSED_RGB, alpha(p.item, 230)],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      updateTriggers: { getFillColor: key, getLineColor: key },
    }),
    new ScatterplotLayer<ProposedItem>({
      id: 'proposed-sites',
      data: items,
      getPosition: (i) => [i.site.lon, i.site.lat],
      radiusUnits: 'pixels',
      getRadius: 6,
      stroked: true,
      getFillColor: (i) => [...PROPOSED_RGB, alpha(i, 255)],
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      updateTriggers: { getFillColor: key },
    }),
    new TextLayer<ProposedItem>({
      id: 'proposed-labels',
      data: items,
      getPosition: (i) => [i.site.lon, i.site.lat],
      getText: (i) => `${label} ${i.n}`,
      // The label text holds CJK in Chinese: let deck.gl build the atlas from the strings used.
      characterSet: 'auto',
      fontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
      getSize: 13,
      fontWeight: 600,
      getColor: (i) => [120, 10, 85, alpha(i, 255)],
      getPixelOffset: [0, -14],
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 230],
      fontSettings: { sdf: true },
      updateTriggers: { getText: label, getColor: key },
    }),
  ];
}
