/**
 * The scenario as a GeoJSON scenario file for download. An edited illustrative scenario that now
 * holds real (non-illustrative) sites is no longer wholly illustrative: it is exported as such, each
 * sample site still carrying its own `illustrative: true`, so nothing made up passes for a plan.
 */
import { SCENARIO_FORMAT, SCENARIO_VERSION, scenarioToGeoJSON, type ScenarioMeta } from '../domain/scenarioFile';
import type { Site } from '../domain/site';

export function exportMeta(meta: ScenarioMeta | null, sites: readonly Site[]): ScenarioMeta {
  const allIllustrative = sites.length > 0 && sites.every((s) => s.illustrative === true);
  const base: ScenarioMeta = meta ?? {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name_zh: '我的方案',
    name_en: 'My scenario',
    illustrative: false,
  };
  if (!base.illustrative || allIllustrative) return base;
  return {
    ...base,
    name_zh: `${base.name_zh}（已编辑，含示例站点）`,
    name_en: `${base.name_en} (edited; contains illustrative sites)`,
    illustrative: false,
  };
}

export function scenarioFileText(meta: ScenarioMeta | null, sites: readonly Site[]): string {
  return `${JSON.stringify(scenarioToGeoJSON(exportMeta(meta, sites), sites))}\n`;
}
