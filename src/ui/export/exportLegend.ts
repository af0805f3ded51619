/**
 * What the exported picture's legend says, from the app's state, in the interface language.
 * The base-map key repeats the colours of src/ui/Legend.tsx (both read src/map/palette.ts).
 */
import type { CoverageView, ResolvedRule } from '../../domain/coverageViews';
import type { Site } from '../../domain/site';
import { ATTRIBUTION_HTML } from '../../map/attribution';
import { DISTANCE_NONE, DISTANCE_STOPS, GAP_RGBA, SITE_COLOURS } from '../../map/coverageColours';
import { siteFamily } from '../../map/facilityLayers';
import type { FacilityFamily } from '../../domain/facilityTypes';
import type { CoverageMode } from '../../worker/coverageProtocol';
import { translator, type Lang } from '../i18n';
import { exportStrings } from './strings';
import { viewLabel } from '../coverage/viewLabel';
import type { ExportLegendSpec } from './exportImage';
import { BASE_LEGEND_ITEMS } from '../legendItems';

/** The attribution as plain text ("© OpenStreetMap contributors (ODbL) · geoBoundaries · …"). */
export const ATTRIBUTION_TEXT = ATTRIBUTION_HTML.replace(/<[^>]*>/g, '');

export interface LegendInput {
  lang: Lang;
  scenarioName: string;
  illustrative: boolean;
  date: string;
  view: CoverageView | null;
  rule: ResolvedRule | null;
  mode: CoverageMode;
  sites: readonly Site[];
  showSites: boolean;
  metresPerPixel: number;
  /** The coverage grid's cell (m), named in the footnote. */
  cellM: number;
}


export function exportLegendSpec(input: LegendInput): ExportLegendSpec {
  const { lang } = input;
  const { t } = translator(lang, exportStrings);
  const colon = t('colon');
  const types = new Set<string>(input.view?.facilities ?? []);
  const families = new Set<FacilityFamily>();
  if (input.showSites) for (const s of input.sites) if (types.has(s.type)) families.add(siteFamily(s.type));
  return {
    title: t('appTitle'),
    lines: [`${t('scenario')}${colon}${input.scenarioName}`, `${t('exp_date')}${colon}${input.date}`],
    illustrative: input.illustrative ? `${t('illustrative')} — ${t('illustrativeNote')}` : null,
    coverageHeading: t('coverageLayer'),
    coverageLabel: input.view ? viewLabel(lang, input.view, input.rule) : null,
    coverage:
      !input.view || input.mode === 'none'
        ? null
        : input.mode === 'gaps'
          ? { kind: 'gaps', colour: GAP_RGBA, label: t('gapLegend') }
          : { kind: 'distance', label: t('distanceLegend'), stops: DISTANCE_STOPS, ticks: ['0', '1×', '2×'], none: DISTANCE_NONE, noneLabel: t('noSiteInReach') },
    sitesHeading: t('exp_sitesLegend'),
    sites: [...families].map((f) => ({
      label: t(`family_${f}`),
      kind: 'dot' as const,
      colour: `rgb(${SITE_COLOURS[f].join(',')})`,
    })),
    baseHeading: t('exp_baseLegend'),
    base: BASE_LEGEND_ITEMS.map(({ key, vars, ...sw }) => ({ ...sw, label: t(key, vars) })),
    footnote: t('exp_northUp', { cellM: String(input.cellM) }),
    attribution: ATTRIBUTION_TEXT,
    metresPerPixel: input.metresPerPixel,
  };
}
