/// <reference lib="webworker" />
/**
 * Traces the coverage gaps of one or more districts into GeoJSON (see src/coverage/gapPolygons.ts).
 * Started for one export and terminated after it.
 */
import { expose } from 'comlink';
import { buildGrid } from '../coverage/grid';
import { CoverageEngine } from '../coverage/engine';
import { capFor } from '../coverage/syncedEngine';
import { ruleReachKm } from '../domain/serviceRule';
import { gapFeatureCollection, gapPolygons } from '../coverage/gapPolygons';
import type { GapExportApi, GapExportRequest, GapExportResult } from './gapExportProtocol';

function run(req: GapExportRequest): GapExportResult {
  const grid = buildGrid(
    { districts: req.areas.map((a) => ({ id: a.id, geometry: a.geometry })), outerRing: req.outerRing, land: req.land },
    { cellM: req.cellM },
  );
  // Distances are exact up to the cap; any cap at least the largest radius gives the same answers.
  const engine = new CoverageEngine(grid, { maxDistanceM: capFor({ radiusM: ruleReachKm(req.rule) * 1000, factor: 1 }) });
  engine.setSites(req.sites);
  const test = engine.coverTest(req.rule);
  const parts = req.areas.map((a) => {
    const region = grid.districts.get(a.id)!;
    const result = gapPolygons(grid, test, region, { district: a.id, ground: req.ground });
    const uncoveredKm2 = engine.regionCoverage(region, req.rule)[req.ground].uncoveredKm2;
    return {
      result,
      properties: {
        area_id: a.id,
        area_name: a.name,
        area_name_en: a.name_en,
        ...req.common,
        uncovered_km2: Math.round(uncoveredKm2 * 1e4) / 1e4,
        ground: req.ground,
      },
    };
  });
  const collection = gapFeatureCollection(parts, grid.cellM);
  return {
    json: `${JSON.stringify(collection)}\n`,
    areas: parts.map((p) => ({ id: p.properties.area_id, areaKm2: p.result.areaKm2, uncoveredKm2: p.properties.uncovered_km2 })),
  };
}

expose({ run } satisfies GapExportApi);
