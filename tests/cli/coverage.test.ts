/**
 * The analysts' CLI (scripts/coverage-cli.ts) run as a child process, as `npm run coverage` runs it.
 * Charging shares are checked against an independent turf computation: 64-step circles → union →
 * intersect with the district (or its land) inside / outside the Outer Ring → area. The rule: 0.9 km
 * for ground inside the ring, 1.5 km outside; a site's own radius on both sides.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area, bbox, bboxClip, booleanPointInPolygon, circle, difference, featureCollection, intersect, point, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { district, data } from '../geodata/load';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SITES = 'tests/fixtures/sites/minhang-charging.csv';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/coverage-cli.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Part {
  share: number;
  areaKm2: number;
  coveredKm2: number;
  uncoveredKm2: number;
}
type Ground = Part & { inside: Part | null; outside: Part | null };
interface Grounds {
  land: Ground;
  polygon: Ground;
}
interface Output {
  sites: { file: string; accepted: number; rejected: number };
  cellM: number;
  districts: { adcode: string; name: string; name_en: string }[];
  layers: { id: string; facilities: string[]; rule: { insideKm: number | null; outsideKm: number | null }; sites: number; districts: Record<string, Grounds | null> }[];
  targets: {
    id: string;
    district: string;
    metric: string;
    facility: string;
    status: string;
    current: number | null;
    ground?: string;
    polygon?: number;
    target: number | null;
    unit: string;
    coverage?: Grounds;
  }[];
}

type Area = Feature<Polygon | MultiPolygon>;

/** The land layer cut to a district's box, degenerate rings dropped. */
function landNear(district: Area): Area {
  const [w, s, e, n] = bbox(district);
  const pieces = data<Polygon | MultiPolygon>('land.geojson')
    .features.map((f) => bboxClip(f as Area, [w - 0.01, s - 0.01, e + 0.01, n + 0.01]) as Area)
    .map((f): Area => {
      const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((p) => p.filter((r) => r.length >= 4)).filter((p) => p.length > 0);
      return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polys } };
    })
    .filter((f) => (f.geometry as MultiPolygon).coordinates.length > 0);
  return pieces.length === 1 ? pieces[0]! : (union(featureCollection(pieces)) as Area);
}

/**
 * Covered share of a district by turf alone, on the polygon or on its land: per side of the ring, the
 * union of the rule discs of that side's radius and the own-radius discs, ∩ the district's side part.
 */
function turfShare(code: string, sites: Array<{ lon: number; lat: number; radiusKm?: number }>, ground: 'land' | 'polygon'): number {
  const base = district(code) as Area;
  const scope = ground === 'land' ? (intersect(featureCollection([base, landNear(base)])) as Area) : base;
  const ring = data<Polygon>('outer-ring-area.geojson').features[0]! as Area;
  const disc = (c: { lon: number; lat: number }, km: number) => circle([c.lon, c.lat], km, { steps: 64, units: 'kilometers' });
  const own = sites.filter((x) => x.radiusKm !== undefined).map((x) => disc(x, x.radiusKm!));
  const discs = (km: number) => {
    const all = [...sites.filter((x) => x.radiusKm === undefined).map((x) => disc(x, km)), ...own];
    return all.length === 1 ? all[0]! : union(featureCollection(all))!;
  };
  let covered = 0;
  let total = 0;
  const parts: [Area | null, number][] = [
    [intersect(featureCollection([scope, ring])), 0.9],
    [difference(featureCollection([scope, ring])), 1.5],
  ];
  for (const [part, km] of parts) {
    if (!part) continue;
    total += area(part);
    const c = intersect(featureCollection([part, discs(km)]));
    if (c) covered += area(c);
  }
  return covered / total;
}

/** The fixture's charging sites (the 5G row aside). */
function fixtureCharging(): Array<{ lon: number; lat: number }> {
  return readFileSync(`${repoRoot}${SITES}`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => cells[2] !== '5g')
    .map((cells) => ({ lon: Number(cells[3]), lat: Number(cells[4]) }));
}

/** The smallest district and the coarsest grid: for runs about reading the file. */
const QUICK = ['--district', '310106', '--cell', '1000'];

const chargingLayer = (out: Output) => out.layers.find((l) => l.facilities.includes('ev-charging-pile') && l.rule.insideKm === 0.9)!;

describe('npm run coverage', () => {
  it("takes Jing'an however its name is typed: jingan, Jing'an, jing-an, 静安", () => {
    for (const name of ['jingan', "Jing'an", 'jing-an', '静安']) {
      const r = cli('--sites', SITES, '--district', name, '--cell', '1000');
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect((JSON.parse(r.stdout) as Output).districts.map((d) => d.adcode), name).toEqual(['310106']);
    }
  });

  it('takes Pudong by its short name, 浦东 (浦东新区 drops 新区, not only 区)', () => {
    const r = cli('--sites', SITES, '--district', '浦东', '--cell', '1000');
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Output).districts.map((d) => d.adcode)).toEqual(['310115']);
  });

  it('reports Minhang targets and layers on land and on the polygon, agreeing with turf', () => {
    const r = cli('--sites', SITES, '--district', 'minhang');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.sites).toEqual({ file: SITES, accepted: 7, rejected: 0 });
    expect(out.cellM).toBe(50);
    expect(out.districts).toEqual([{ adcode: '310112', name: '闵行区', name_en: 'Minhang District' }]);
    expect(out.targets.length).toBeGreaterThan(5);
    expect(out.targets.every((t) => t.district === '310112')).toBe(true);
    expect(out.targets.map((t) => t.id)).toContain('minhang-ev-charging-piles-new-2022');
    const coords = fixtureCharging();
    expect(coords.some((c) => booleanPointInPolygon(point([c.lon, c.lat]), data<Polygon>('outer-ring-area.geojson').features[0]!))).toBe(true);

    const ev = out.targets.find((t) => t.id === 'minhang-ev-charging-radius')!;
    expect(ev.metric).toBe('service-radius');
    const cov = ev.coverage!;
    for (const g of [cov.land, cov.polygon]) {
      expect(g.inside?.share).toBeGreaterThan(0);
      expect(g.outside?.share).toBeGreaterThan(0);
      expect(g.areaKm2).toBeCloseTo(g.inside!.areaKm2 + g.outside!.areaKm2, 3);
    }
    // The land is the smaller ground (the Huangpu's surface and the like are left out).
    expect(cov.land.areaKm2).toBeLessThan(cov.polygon.areaKm2 - 5);
    // The scorecard's figure is the land share, the polygon's beside it.
    expect(ev.ground).toBe('land');
    expect(ev.current).toBeCloseTo(cov.land.share, 5);
    expect(ev.polygon).toBeCloseTo(cov.polygon.share, 5);
    // The layer's Minhang figures are the target's (same region, same rule).
    expect(chargingLayer(out).districts['310112']).toEqual(cov);

    // Against turf on both grounds (WGS-84 engine vs turf's sphere: measured 0.020 pp; 0.05 pp allowed).
    for (const ground of ['land', 'polygon'] as const) {
      const reference = turfShare('310112', coords, ground);
      expect(Math.abs(cov[ground].share - reference) * 100, `${ground}: engine ${cov[ground].share} vs turf ${reference}`).toBeLessThan(0.05);
    }

    // A "new" count needs years: this file has none, so nothing is new and every pile in Minhang
    // (8 + 4 + 2 + 6 + 1 + 10) is "year unknown".
    const newPiles = out.targets.find((t) => t.id === 'minhang-ev-charging-piles-new-2022')!;
    expect(newPiles).toMatchObject({ current: 0, yearUnknown: 31, newYears: { start: 2020, end: 2022 } });
  });

  it('--year: as of a year, only the sites built by its end; "new" counts by year within the plan period', () => {
    // Years by hand (tests/fixtures/sites/minhang-charging-years.csv): mh-1 2018 (8 piles), mh-2 2021 (4),
    // mh-3 none (2), mh-4 2022 (6), mh-5 2020 (1), mh-6 2019 (10); Minhang's plan runs 2020–2022.
    const years = 'tests/fixtures/sites/minhang-charging-years.csv';
    const run = (...extra: string[]) => {
      const r = cli('--sites', years, '--district', 'minhang', '--cell', '200', ...extra);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Output & { asOf: { year: number; sites: number; withoutYear: number } | null };
    };
    const pilesOf = (out: Output) => out.targets.find((t) => t.id === 'minhang-ev-charging-piles-new-2022')! as Output['targets'][number] & { yearUnknown: number };
    const all = run();
    expect(all.asOf).toBeNull();
    expect(pilesOf(all)).toMatchObject({ current: 4 + 6 + 1, yearUnknown: 2 });
    expect(chargingLayer(all).sites).toBe(6);
    const y2020 = run('--year', '2020');
    expect(y2020.asOf).toEqual({ year: 2020, sites: 5, withoutYear: 1 });
    expect(pilesOf(y2020)).toMatchObject({ current: 1, yearUnknown: 2 });
    // mh-2 and mh-4 are not built yet: the charging layer has 4 sites, and covers less.
    expect(chargingLayer(y2020).sites).toBe(4);
    expect(chargingLayer(y2020).districts['310112']!.land.share).toBeLessThan(chargingLayer(all).districts['310112']!.land.share);
    expect(pilesOf(run('--year', '2021'))).toMatchObject({ current: 1 + 4 });
    const bad = cli('--sites', years, '--year', '21');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--year must be a whole year from 1990 to 2100, not "21"/);
  }, 300_000);

  it('answers for a district with no radius target: Yangpu gets every coverage layer, by ring part and ground', () => {
    const r = cli('--sites', SITES, '--district', 'yangpu', '--cell', '200');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.targets.some((t) => t.id.startsWith('yangpu-') && t.metric === 'service-radius' && t.facility.startsWith('ev'))).toBe(false);
    expect(out.layers.length).toBeGreaterThanOrEqual(3);
    const yangpu = chargingLayer(out).districts['310110']!;
    expect(yangpu.land.inside!.areaKm2).toBeGreaterThan(40);
    // Yangpu lies wholly inside the Outer Ring.
    expect(yangpu.polygon.outside!.areaKm2).toBeLessThan(0.5);
    expect(yangpu.land.share).toBeGreaterThanOrEqual(0);
    expect(Object.keys(chargingLayer(out).districts)).toEqual(['310110']);
    // Every layer the app offers, each with its rule.
    for (const layer of out.layers) expect(layer.districts['310110']).not.toBeNull();
  });

  it('own radii from a "服务半径(km)" column: Minhang across the S20 and sparse Yangpu against turf, on land and on the polygon', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-radius-'));
    const sites = [
      { lon: 121.38, lat: 31.16, radiusKm: 2.5 },
      { lon: 121.395, lat: 31.145 },
      { lon: 121.41, lat: 31.12, radiusKm: 0.4 },
      { lon: 121.43, lat: 31.1 },
      { lon: 121.36, lat: 31.13 },
      { lon: 121.51, lat: 31.3, radiusKm: 1.2 },
      { lon: 121.522, lat: 31.268 },
      { lon: 121.545, lat: 31.285, radiusKm: 0.3 },
    ];
    const csv = ['名称,类型,经度,纬度,服务半径(km)', ...sites.map((x, i) => `s${i},充电站,${x.lon},${x.lat},${x.radiusKm ?? ''}`)].join('\n');
    writeFileSync(join(dir, 'radius.csv'), csv);
    const r = cli('--sites', join(dir, 'radius.csv'), '--district', 'minhang,yangpu');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.sites.accepted).toBe(sites.length);
    const layer = chargingLayer(out);
    for (const code of ['310112', '310110']) {
      for (const ground of ['land', 'polygon'] as const) {
        const reference = turfShare(code, sites, ground);
        const got = layer.districts[code]![ground].share;
        // Measured ≤ 0.067 pp (Yangpu, a small district: WGS-84 engine vs turf's sphere and 64-gons); 0.16 pp allowed.
        expect(Math.abs(got - reference) * 100, `${code} ${ground}: engine ${got} vs turf ${reference}`).toBeLessThan(0.16);
      }
    }
  });

  it('with no --district, answers for every plan district, as Node finds the plan files in seeds/plans', () => {
    const r = cli('--sites', SITES, '--cell', '1000');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    const planDistricts = readdirSync(join(repoRoot, 'seeds', 'plans'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => (JSON.parse(readFileSync(join(repoRoot, 'seeds', 'plans', f), 'utf8')) as { district: string }).district);
    expect(out.districts.map((d) => d.adcode).sort()).toEqual(planDistricts.sort());
    expect(new Set(out.targets.map((t) => t.district))).toEqual(new Set(planDistricts));
  });

  it('exits 2 with the usage on bad arguments', () => {
    for (const args of [[], ['--sites'], ['--sites', SITES, '--cell', 'tiny'], ['--sites', SITES, '--district', 'atlantis'], ['--frobnicate']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/usage: npm run coverage/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
    }
  });

  it('exits 1 with the reason when no site can be read: a header alone, every row refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-empty-'));
    writeFileSync(join(dir, 'header.csv'), 'id,type,lon,lat\n');
    const header = cli('--sites', join(dir, 'header.csv'), ...QUICK);
    expect(header.code).toBe(1);
    expect(header.stdout).toBe('');
    expect(header.stderr).toMatch(/no sites could be read from .*header\.csv: it has no rows after its header/);
    writeFileSync(join(dir, 'refused.csv'), 'id,type,lon,lat\na,charging,east,north\nb,teleporter,121.4,31.2\n');
    const refused = cli('--sites', join(dir, 'refused.csv'), ...QUICK);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no sites could be read from .*refused\.csv: all 2 rows were refused \(first: row 2, field lon: longitude is not a number/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses what is not a regular file and files over the size limit, before reading them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-odd-'));
    const device = cli('--sites', '/dev/zero', ...QUICK);
    expect(device.code).toBe(1);
    expect(device.stderr).toMatch(/cannot read site file \/dev\/zero: not a regular file/);
    const folder = cli('--sites', dir, ...QUICK);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/cannot read site file .*: it is a folder/);
    const big = cli('--sites', SITES, '--max-mb', '0.0001', ...QUICK);
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(/site file .*minhang-charging\.csv is 0\.0 MB, over the 0\.0 MB limit \(raise it with --max-mb\)/);
    expect(cli('--sites', SITES, '--max-mb', 'lots', ...QUICK).code).toBe(2);
  });

  it('exits 1 with a message when the site file cannot be read', () => {
    const r = cli('--sites', 'tests/fixtures/sites/no-such-file.csv', '--district', '310112', '--cell', '200');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read site file .*no-such-file\.csv/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a bad row on stderr as "row N, field F" and still evaluates the good ones', () => {
    const r = cli('--sites', 'tests/fixtures/sites/minhang-bad-row.csv', '--district', '闵行区', '--cell', '200');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^row 3, field lat: latitude is not a number/m);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.sites).toMatchObject({ accepted: 1, rejected: 1 });
  });
});

describe('npm run coverage: import formats, coordinate systems and rejected rows', () => {
  const IMPORT = 'tests/fixtures/import';
  const truth = (JSON.parse(readFileSync(`${repoRoot}${IMPORT}/stations.truth.json`, 'utf8')) as { sites: unknown[] }).sites;
  interface ImportOutput extends Output {
    input: { format: string; encoding: string; crs: string; likelyCrs: string | null; suspicious: number };
  }
  // The smallest district and the coarsest grid: these runs are about reading the file.
  const quick = ['--district', '310106', '--cell', '1000'];

  it('a GCJ-02 file read as WGS-84: every row kept, and a warning on stderr that names --crs gcj02', () => {
    const r = cli('--sites', `${IMPORT}/stations-gcj02.csv`, ...quick);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ImportOutput;
    expect(out.sites).toMatchObject({ accepted: truth.length, rejected: 0 });
    expect(out.input).toMatchObject({ format: 'csv', encoding: 'utf-8', crs: 'wgs84', likelyCrs: 'gcj02' });
    expect(r.stderr).toMatch(/^warning: the points look offset: read as WGS-84 .* read as GCJ-02 \(AMap, Tencent\) they fit .*run again with --crs gcj02$/m);
  });

  it('--crs gcj02 on the same file: converted, and no warning', () => {
    const r = cli('--sites', `${IMPORT}/stations-gcj02.csv`, '--crs', 'gcj02', ...quick);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ImportOutput;
    expect(out.input).toMatchObject({ crs: 'gcj02', likelyCrs: 'gcj02' });
    expect(r.stderr).not.toMatch(/offset/);
  });

  it('--crs bd09 on the Baidu file; a bad --crs exits 2 with the usage', () => {
    const r = cli('--sites', `${IMPORT}/stations-bd09.csv`, '--crs', 'BD09', ...quick);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as ImportOutput).input).toMatchObject({ crs: 'bd09', likelyCrs: 'bd09' });
    const bad = cli('--sites', `${IMPORT}/stations-bd09.csv`, '--crs', 'mercator');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--crs must be one of wgs84, gcj02, bd09, not "mercator"/);
    expect(bad.stderr).toMatch(/usage: npm run coverage/);
  });

  it('reads GBK CSV and KML', () => {
    const gbk = cli('--sites', `${IMPORT}/stations-gbk.csv`, ...quick);
    expect(gbk.code, gbk.stderr).toBe(0);
    expect(JSON.parse(gbk.stdout) as ImportOutput).toMatchObject({ sites: { accepted: 10, rejected: 0 }, input: { encoding: 'gb18030' } });
    const kml = cli('--sites', `${IMPORT}/stations.kml`, ...quick);
    expect(kml.code, kml.stderr).toBe(0);
    expect(JSON.parse(kml.stdout) as ImportOutput).toMatchObject({ sites: { accepted: 6, rejected: 1 }, input: { format: 'kml' } });
    expect(kml.stderr).toMatch(/^row 4, field geometry: a LineString is not a site: only Point features are read \("LineString"\)$/m);
  });

  it('reports every bad row of the garbage file on stderr, in the dialog’s English words', () => {
    const r = cli('--sites', `${IMPORT}/garbage.csv`, ...quick);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    for (const want of [
      'row 3, field lon: longitude is missing',
      'row 4, field lon: longitude is not a number ("east")',
      'row 4, field lat: latitude is not a number ("north")',
      'row 5, field lon: longitude and latitude look swapped ("31.2304, 121.4737")',
      'row 6, field lon: longitude 139.69 is outside the Shanghai region (120.6 to 122.5) ("139.69")',
      'row 7, field type: unknown facility type "teleporter" ("teleporter")',
      'row 8, field id: duplicate id "g1" (first used in row 2) ("g1")',
      'row 12, field status: status "demolished" is not one of existing, planned, candidate (现状/已建, 规划, 候选) ("demolished")',
      'row 14, field lat: latitude is missing',
      'row 16, field type: unknown facility type "<img src=x onerror=alert(1)>" ("<img src=x onerror=alert(1)>")',
      'warning: row 9, field position: same position and type as row 2 ("121.4737, 31.2304")',
      "warning: row 10, field position: outside Shanghai's outline (in a neighbouring province or offshore) (\"120.98, 31.38\")",
    ]) {
      expect(lines).toContain(want);
    }
    expect(JSON.parse(r.stdout) as ImportOutput).toMatchObject({ sites: { accepted: 5, rejected: 9 }, input: { suspicious: 2 } });
  });

  it('an empty file exits 1 with the reason', () => {
    const r = cli('--sites', `${IMPORT}/empty.csv`, ...quick);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^row 0, field file: the file is empty$/m);
    expect(r.stderr).toMatch(/no sites could be read/);
  });
});
