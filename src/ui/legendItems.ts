/** The base map's legend entries, shared by the side-panel legend and the exported PNG's legend. */
import { PALETTE } from '../map/palette';
import { STYLE_PLAN_DISTRICTS } from '../map/styleConstants';
import type { CommonKey, Vars } from './i18n';

export interface BaseLegendItem {
  key: CommonKey;
  /** The label's placeholders (the count of plan districts the map highlights). */
  vars?: Vars;
  kind: 'fill' | 'line' | 'dashed';
  colour: string;
  border?: string;
}

export const BASE_LEGEND_ITEMS: readonly BaseLegendItem[] = [
  { key: 'legend_planDistrict', vars: { n: STYLE_PLAN_DISTRICTS.length }, kind: 'fill', colour: PALETTE.planDistrictFill, border: PALETTE.planDistrictLine },
  { key: 'legend_otherDistrict', kind: 'fill', colour: PALETTE.cityLand, border: PALETTE.districtLine },
  { key: 'legend_outerRing', kind: 'fill', colour: 'rgba(91,155,213,0.25)', border: PALETTE.s20 },
  { key: 'legend_zoneExact', kind: 'fill', colour: 'rgba(125,60,152,0.2)', border: PALETTE.zone },
  { key: 'legend_zoneApprox', kind: 'dashed', colour: 'rgba(125,60,152,0.1)', border: PALETTE.zone },
  { key: 'legend_river', kind: 'line', colour: PALETTE.river },
  { key: 'legend_road', kind: 'line', colour: PALETTE.road },
  { key: 'legend_metro', kind: 'line', colour: '#e4002b' },
];
