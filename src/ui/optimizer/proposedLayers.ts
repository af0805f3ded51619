/**
 * deck.gl layers for the optimiser's proposed sites: a dashed-looking magenta service circle, a
 * magenta diamond-ish marker and a "proposed N" label, so they cannot be mistaken for scenario sites
 * (filled / white / hollow dots in the facility family colours). Unselected proposals are faded.
 */
import type { Layer } from '@deck.gl/core';
import type { DeckRuntime } from '../../map/deckRuntime';
import type { ResolvedRule } from '../../domain/coverageViews';
import type { ProposedSite } from '../../optimize/optimizer';

export const PROPOSED_RGB: [number, number, number] = [200, 30, 150];

export interface ProposedItem {
  site: ProposedSite;
  /** 1-based number shown in the list and the label. */
  n: number;
  selected: boolean;
}

export function buildProposedLayers(deck: DeckRuntime, items: readonly ProposedItem[], rule: ResolvedRule | null, label: string): Layer[] {
  const { ScatterplotLayer, TextLayer } = deck;
  if (items.length === 0) return [];
  const alpha = (i: ProposedItem, a: number) => (i.selected ? a : Math.round(a * 0.35));
  const radiusM = (i: ProposedItem) => ((i.site.insideRing ? rule?.insideKm : rule?.outsideKm) ?? 0) * 1000;
  const key = items.map((i) => `${i.n}${i.selected ? '+' : '-'}`).join(',');
  return [
    new ScatterplotLayer<ProposedItem>({
      id: 'proposed-circles',
      data: items,
      getPosition: (i) => [i.site.lon, i.site.lat],
      getRadius: radiusM,
      radiusUnits: 'meters',
      stroked: true,
      filled: true,
      getFillColor: (i) => [...PROPOSED_RGB, alpha(i, 28)],
      getLineColor: (i) => [...PROPOSED_RGB, alpha(i, 230)],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      updateTriggers: { getFillColor: key, getLineColor: key, getRadius: [rule?.insideKm, rule?.outsideKm] },
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
