/**
 * Coverage fixtures: site sets next to awkward places, and their covered shares computed INDEPENDENTLY
 * with turf (circle with 64 steps → union → intersect with the district's inside / outside-ring part →
 * area), on the whole district polygon and on its land (the part also inside public/data/land.geojson).
 * Sites with a `radiusKm` property serve that radius on both sides of the ring; the others the rule's
 * radius of the side the ground lies on. Files: tests/fixtures/coverage/<name>.geojson (sites, with the
 * rule and scopes in the collection's `metadata`) and <name>.expected.json (turf's figures per ground).
 *
 * Regenerate: node --import tsx tests/coverage/fixtures.ts --write
 * (sites are chosen from the shipped geometry by fixed rules, so the files change only with the data).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area, bbox, bboxClip, booleanPointInPolygon, circle, difference, featureCollection, intersect, point, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

type Area = Feature<Polygon | MultiPolygon>;
const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURE_DIR = resolve(here, '..', 'fixtures', 'coverage');
const dataDir = resolve(here, '..', '..', 'public', 'data');
const read = <T>(f: string): T => JSON.parse(readFileSync(resolve(dataDir, f), 'utf8')) as T;

export const FIXTURE_NAMES = [
  'sites-straddling-outer-ring',
  'sites-near-coast',
  'sites-on-district-border',
  'sites-overlapping',
  'sites-outside-city',
  'sites-minhang-medium',
  'mixed-radii-straddling-s20-minhang',
  'mixed-radii-sparse-yangpu',
] as const;

export interface FixtureMeta {
  rule: { insideKm: number | null; outsideKm: number | null };
  scopes: string[];
}
export interface TurfFigure {
  share: number;
  areaKm2: number;
  coveredKm2: number;
}
export type Expected = Record<string, { polygon: TurfFigure; land: TurfFigure }>;

export function loadFixture(name: string): { sites: FeatureCollection<Point, { id: string; radiusKm?: number }> & { metadata: FixtureMeta }; expected: Expected } {
  const sites = JSON.parse(readFileSync(resolve(FIXTURE_DIR, `${name}.geojson`), 'utf8'));
  const expected = JSON.parse(readFileSync(resolve(FIXTURE_DIR, `${name}.expected.json`), 'utf8')) as Expected;
  return { sites, expected };
}

/** A fixture's sites: positions, and an own radius (km) for some of them. */
type FixtureSites = { coords: [number, number][]; own?: Array<number | null>; meta: FixtureMeta };

function makeSites(): Record<string, FixtureSites> {
  const districts = read<FeatureCollection<Polygon | MultiPolygon, { adcode: string }>>('districts.geojson').features;
  const ring = read<FeatureCollection<Polygon>>('outer-ring-area.geojson').features[0]!;
  const d = (code: string) => districts.find((f) => f.properties.adcode === code)!;
  const verts = (f: Area): [number, number][] =>
    (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flatMap((p) => p[0]!) as [number, number][];
  const every = <T>(xs: T[], n: number): T[] => Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

  const minhang = d('310112');
  const ringInMinhang = verts(ring).filter(([x, y]) => booleanPointInPolygon(point([x, y]), minhang));
  const pudong = verts(d('310115')).filter(([, y]) => y < 30.95);
  const coast = [...pudong].sort((a, b) => b[0] - a[0]).slice(0, 1).concat(every(pudong, 4));
  const minhangV = new Set(verts(minhang).map((p) => p.join(',')));
  const shared = verts(d('310104')).filter((p) => minhangV.has(p.join(',')));
  const ja = [121.445, 31.245];
  const qingpu = verts(d('310118'));
  const west = [...qingpu].sort((a, b) => a[0] - b[0])[0]!;
  const [mw, ms, me, mn] = [121.3, 30.98, 121.55, 31.2];
  const inMinhang: [number, number][] = [];
  while (inMinhang.length < 40) {
    const p: [number, number] = [mw + rnd() * (me - mw), ms + rnd() * (mn - ms)];
    if (booleanPointInPolygon(point(p), minhang)) inMinhang.push(p);
  }
  const ringRule = { insideKm: 0.9, outsideKm: 1.5 };
  return {
    'sites-straddling-outer-ring': { coords: every(ringInMinhang, 8), meta: { rule: ringRule, scopes: ['310112', '310104'] } },
    'sites-near-coast': { coords: coast, meta: { rule: { insideKm: 1.5, outsideKm: 1.5 }, scopes: ['310115'] } },
    'sites-on-district-border': { coords: every(shared, 5), meta: { rule: { insideKm: 0.9, outsideKm: 0.9 }, scopes: ['310104', '310112'] } },
    'sites-overlapping': {
      coords: Array.from({ length: 12 }, (_, i) => [ja[0]! + (i % 4) * 0.004, ja[1]! + Math.floor(i / 4) * 0.004] as [number, number]),
      meta: { rule: { insideKm: 0.5, outsideKm: 0.5 }, scopes: ['310106', '310107'] },
    },
    'sites-outside-city': {
      coords: [[west[0] - 0.006, west[1]], [west[0] + 0.03, west[1] + 0.01]],
      meta: { rule: { insideKm: 1.5, outsideKm: 1.5 }, scopes: ['310118'] },
    },
    'sites-minhang-medium': { coords: inMinhang, meta: { rule: ringRule, scopes: ['310112'] } },
    // Near the S20 in Minhang, both sides; three carry their own radius (a hub, a macro site, a small one).
    'mixed-radii-straddling-s20-minhang': {
      coords: every(ringInMinhang, 10).map(([x, y], i) => [x + (i % 2 ? 0.004 : -0.004), y] as [number, number]),
      own: [null, 2.5, null, null, 0.4, null, null, 1.8, null, null],
      meta: { rule: ringRule, scopes: ['310112', '310104'] },
    },
    // Sparse sites over Yangpu (all inside the Outer Ring, the Huangpu on its edge), two with their own radius.
    'mixed-radii-sparse-yangpu': {
      coords: [
        [121.522, 31.268],
        [121.51, 31.3],
        [121.545, 31.285],
        [121.5, 31.27],
        [121.53, 31.31],
        [121.555, 31.26],
      ],
      own: [null, 1.2, null, 0.3, null, null],
      meta: { rule: ringRule, scopes: ['310110'] },
    },
  };
}

/**
 * turf's covered share of a district under the rule (independent of the engine): per side of the
 * ring, the union of the rule discs of that side's radius and of every own-radius disc, intersected
 * with the district's part on that side (and with the land, for the land ground).
 */
function turfCoverage(district: Area, ring: Area, land: Area | null, coords: [number, number][], own: Array<number | null>, rule: FixtureMeta['rule']): TurfFigure {
  const discsOf = (list: Array<{ c: [number, number]; km: number }>) => {
    const cs = list.map(({ c, km }) => circle(c, km, { steps: 64, units: 'kilometers' }));
    if (cs.length === 0) return null;
    return cs.length === 1 ? cs[0]! : union(featureCollection(cs));
  };
  const ownDiscs = coords.flatMap((c, i) => (own[i] ? [{ c, km: own[i]! }] : []));
  const ruleSites = coords.filter((_, i) => !own[i]);
  let covered = 0;
  let total = 0;
  const clip = (a: Area | null) => (a && land ? intersect(featureCollection([a, land])) : a);
  const parts: [Area | null, number | null][] = [
    [clip(intersect(featureCollection([district, ring]))), rule.insideKm],
    [clip(difference(featureCollection([district, ring]))), rule.outsideKm],
  ];
  for (const [part, km] of parts) {
    if (!part || km === null) continue;
    total += area(part);
    const u = discsOf([...ruleSites.map((c) => ({ c, km })), ...ownDiscs]);
    const c = u ? intersect(featureCollection([part, u])) : null;
    if (c) covered += area(c);
  }
  return { share: total > 0 ? covered / total : 0, areaKm2: total / 1e6, coveredKm2: covered / 1e6 };
}

/** The land layer cut to a district's box (the layer spans the whole region). */
function landNear(land: Area[], district: Area): Area | null {
  const [w, s, e, n] = bbox(district);
  // bboxClip leaves degenerate rings (fewer than 4 positions) where a ring only grazes the box: drop them.
  const clean = (f: Area): Area | null => {
    const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
      .map((p) => p.filter((r) => r.length >= 4))
      .filter((p) => p.length > 0);
    return polys.length === 0 ? null : { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polys } };
  };
  const pieces = land.map((f) => clean(bboxClip(f, [w - 0.01, s - 0.01, e + 0.01, n + 0.01]) as Area)).filter((f): f is Area => f !== null && area(f) > 0);
  if (pieces.length === 0) return null;
  return pieces.length === 1 ? pieces[0]! : union(featureCollection(pieces));
}

function write(): void {
  const districts = read<FeatureCollection<Polygon | MultiPolygon, { adcode: string }>>('districts.geojson').features;
  const ring = read<FeatureCollection<Polygon>>('outer-ring-area.geojson').features[0]!;
  const land = read<FeatureCollection<Polygon | MultiPolygon>>('land.geojson').features;
  for (const [name, { coords, own = [], meta }] of Object.entries(makeSites())) {
    const fc = {
      type: 'FeatureCollection',
      metadata: meta,
      features: coords.map((c, i) => ({
        type: 'Feature',
        properties: { id: `${name}-${i}`, ...(own[i] ? { radiusKm: own[i] } : {}) },
        geometry: { type: 'Point', coordinates: [Number(c[0].toFixed(6)), Number(c[1].toFixed(6))] },
      })),
    };
    const rounded = fc.features.map((f) => f.geometry.coordinates as [number, number]);
    const expected: Expected = {};
    for (const code of meta.scopes) {
      const district = districts.find((f) => f.properties.adcode === code)!;
      expected[code] = {
        polygon: turfCoverage(district, ring, null, rounded, own, meta.rule),
        land: turfCoverage(district, ring, landNear(land, district), rounded, own, meta.rule),
      };
    }
    writeFileSync(resolve(FIXTURE_DIR, `${name}.geojson`), `${JSON.stringify(fc, null, 1)}\n`);
    writeFileSync(resolve(FIXTURE_DIR, `${name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
    console.log(name, JSON.stringify(expected));
  }
}

if (process.argv.includes('--write')) write();
