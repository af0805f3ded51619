/**
 * Test helpers: read the shipped files in public/data/ and the sources in geodata/source/.
 * Paths are resolved from this file, so the tests run from any working directory.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function dataText(file: string): string {
  return readFileSync(resolve(repoRoot, 'public', 'data', file), 'utf8');
}

export function sourceText(file: string): string {
  return readFileSync(resolve(repoRoot, 'geodata', 'source', file), 'utf8');
}

export type Collection<G extends Geometry = Geometry, P = Record<string, unknown>> = FeatureCollection<G, P> & {
  metadata?: Record<string, unknown>;
};

export function data<G extends Geometry = Geometry, P = Record<string, unknown>>(file: string): Collection<G, P> {
  return JSON.parse(dataText(file)) as Collection<G, P>;
}

export function source<G extends Geometry = Geometry, P = Record<string, unknown>>(file: string): Collection<G, P> {
  return JSON.parse(sourceText(file)) as Collection<G, P>;
}

export type AreaFeature<P = Record<string, unknown>> = Feature<Polygon | MultiPolygon, P>;

export type DistrictProps = {
  adcode: string;
  name: string;
  name_en: string;
  name_pinyin: string;
  area_km2_geodesic: number;
};

export type ZoneProps = {
  id: string;
  name: string;
  name_en: string;
  district: string;
  precision: 'exact' | 'derived' | 'approximate';
  basis: string;
  basis_en: string;
};

export function districts(): AreaFeature<DistrictProps>[] {
  return data<Polygon | MultiPolygon, DistrictProps>('districts.geojson').features;
}

export function district(adcode: string): AreaFeature<DistrictProps> {
  const d = districts().find((f) => f.properties.adcode === adcode);
  if (!d) throw new Error(`no district ${adcode} in districts.geojson`);
  return d;
}

export function zones(): AreaFeature<ZoneProps>[] {
  return data<Polygon | MultiPolygon, ZoneProps>('zones.geojson').features;
}

/** Parse a simple comma-separated file without quoted fields (the census CSV has none). */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  if (!header) return [];
  const cols = header.split(',');
  return rows.map((line) => {
    const cells = line.split(',');
    if (cells.length !== cols.length) throw new Error(`CSV row has ${cells.length} cells, header has ${cols.length}`);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]!]));
  });
}

export const km2 = (m2: number): number => m2 / 1e6;
