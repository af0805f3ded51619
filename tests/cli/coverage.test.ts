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
