/**
 * The CLI's --zones FILE: a user boundary for 南京西路 replaces the shipped corridor in the zone's
 * figures (the share is then turf's on the boundary: 0.3528 for this site, computed as in
 * tests/domain/userZones.test.ts), the output lists it under userZones, and a bad file is refused
 * with each problem named and nothing used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { centroid, destination } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/coverage-cli.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const zones = JSON.parse(readFileSync(join(repoRoot, 'public/data/zones.geojson'), 'utf8')).features as Feature<Polygon>[];
const shipped = zones.find((f) => f.properties!.id === 'nanjing-west-road')!;
const c = centroid(shipped);
const corners = [0, 72, 144, 216, 288].map((deg, i) => destination(c, i === 0 ? 1.1 : 0.9, deg, { units: 'kilometers' }).geometry.coordinates);
const site = destination(c, 0.5, 0, { units: 'kilometers' }).geometry.coordinates;

describe('coverage CLI --zones', () => {
  it('uses the user boundary for the zone’s target and says so; a bad file is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zones-cli-'));
    const sites = join(dir, 'sites.csv');
    writeFileSync(sites, `name,type,lon,lat\nA,parcel-locker,${site[0]!.toFixed(6)},${site[1]!.toFixed(6)}\n`);
    const file = join(dir, 'nwr.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Nanjing West Road' }, geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]]] } }] }));
    const r = cli('--sites', sites, '--district', 'jingan', '--zones', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`note: user boundaries from ${file} (wgs84): nanjing-west-road`);
    const out = JSON.parse(r.stdout) as { userZones: unknown; targets: Array<{ id: string; current: number }> };
    expect(out.userZones).toEqual([{ id: 'nanjing-west-road', source: file }]);
    const share = out.targets.find((t) => t.id === 'jingan-nanjing-west-road-lockers')!.current;
    // turf on the boundary: 0.3528; the CLI's 50 m cells gave 0.3526. On the shipped corridor it is ~0.17.
    expect(Math.abs(share - 0.3528)).toBeLessThan(0.001);

    const bad = join(dir, 'bad.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '外滩' }, geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]]] } }] }));
    const refused = cli('--sites', sites, '--district', 'jingan', '--zones', bad, '--zones-crs', 'gcj02');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}, feature 1 (外滩), field "name": no key zone is named "外滩"`);
    expect(refused.stderr).toContain('1 problem; no boundary was used');
    expect(cli('--sites', sites, '--zones-crs', 'gcj02').code).toBe(2);
  }, 200_000);
});
