/**
 * The analysts' CLI (scripts/coverage-cli.ts) run as a child process, as `npm run coverage` runs it, on
 * a few charging sites in Minhang. The charging-radius share is checked against an independent turf
 * computation: 64-step circles → union → intersect with Minhang inside / outside the Outer Ring → area.
 *
 * Radii: 0.9 km inside the ring, 1.5 km outside. The engine picks the radius by where the covered
 * point lies; the fixture's sites all lie more than 1.5 km from the ring, so choosing it by where
 * the site lies gives the same discs, and both readings of the rule agree here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area, booleanPointInPolygon, circle, difference, featureCollection, intersect, point, union } from '@turf/turf';
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
  uncoveredKm2: number;
}
interface Output {
  sites: { file: string; accepted: number; rejected: number };
  cellM: number;
  districts: { adcode: string; name: string; name_en: string }[];
  targets: {
    id: string;
    district: string;
    metric: string;
    facility: string;
    status: string;
    current: number | null;
    target: number | null;
    unit: string;
    coverage?: Part & { inside: Part | null; outside: Part | null };
  }[];
}

type Area = Feature<Polygon | MultiPolygon>;

/** Covered share of Minhang by the fixture's charging sites, by turf alone. */
function turfShare(): number {
  const minhang = district('310112') as Area;
  const ring = data<Polygon>('outer-ring-area.geojson').features[0]! as Area;
  const coords = readFileSync(`${repoRoot}${SITES}`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => cells[2] !== '5g')
    .map((cells) => [Number(cells[3]), Number(cells[4])] as [number, number]);
  const discs = (km: number) => union(featureCollection(coords.map((c) => circle(c, km, { steps: 64, units: 'kilometers' }))))!;
  const insideSites = coords.filter((c) => booleanPointInPolygon(point(c), ring));
  expect(insideSites.length, 'fixture has sites on both sides of the ring').toBeGreaterThan(0);
  expect(insideSites.length).toBeLessThan(coords.length);

  let covered = 0;
  let total = 0;
  const parts: [Area | null, number][] = [
    [intersect(featureCollection([minhang, ring])), 0.9],
    [difference(featureCollection([minhang, ring])), 1.5],
  ];
  for (const [part, km] of parts) {
    if (!part) continue;
    total += area(part);
    const c = intersect(featureCollection([part, discs(km)]));
    if (c) covered += area(c);
  }
  return covered / total;
}

describe('npm run coverage', () => {
  it('reports Minhang targets with coverage that agrees with turf within 0.5 percentage points', () => {
    const r = cli('--sites', SITES, '--district', 'minhang', '--cell', '100');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.sites).toEqual({ file: SITES, accepted: 7, rejected: 0 });
    expect(out.cellM).toBe(100);
    expect(out.districts).toEqual([{ adcode: '310112', name: '闵行区', name_en: 'Minhang District' }]);
    expect(out.targets.length).toBeGreaterThan(5);
    expect(out.targets.every((t) => t.district === '310112')).toBe(true);
    expect(out.targets.map((t) => t.id)).toContain('minhang-ev-charging-piles-new-2022');

    const ev = out.targets.find((t) => t.id === 'minhang-ev-charging-radius')!;
    expect(ev.metric).toBe('service-radius');
    expect(ev.coverage?.inside?.share).toBeGreaterThan(0);
    expect(ev.coverage?.outside?.share).toBeGreaterThan(0);
    expect(ev.coverage!.areaKm2).toBeCloseTo(ev.coverage!.inside!.areaKm2 + ev.coverage!.outside!.areaKm2, 3);
    expect(ev.current).toBeCloseTo(ev.coverage!.share, 5);

    const reference = turfShare();
    expect(Math.abs(ev.coverage!.share - reference) * 100, `engine ${ev.coverage!.share} vs turf ${reference}`).toBeLessThan(0.5);

    // Count targets come from the same sites: planned and candidate piles are "new" (4 + 6).
    const newPiles = out.targets.find((t) => t.id === 'minhang-ev-charging-piles-new-2022')!;
    expect(newPiles.current).toBe(10);
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
