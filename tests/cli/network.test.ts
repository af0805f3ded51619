/**
 * The CLI's `--roads FILE --distance network|straight|both`: each coverage layer also measured by
 * walking distance on the People's Square fixture, checked against a NetworkEngine on the same
 * grid; refusals of bad road files and arguments.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildGrid } from '../../src/coverage/grid';
import { gridSourcesFrom } from '../../src/coverage/engine';
import { prepareNetwork } from '../../src/network/context';
import { NetworkEngine } from '../../src/network/networkEngine';
import { readRoadFile } from '../../src/network/readRoadFile';
import { data } from '../geodata/load';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ROADS = 'geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/coverage-cli.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 110_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'cli-network-'));
const sitesCsv = join(dir, 'sites.csv');
const SITES = [
  [121.4737, 31.2304],
  [121.465, 31.225],
  [121.48, 31.238],
];
writeFileSync(sitesCsv, `lon,lat,type,name\n${SITES.map(([lon, lat], i) => `${lon},${lat},charging,s${i}`).join('\n')}\n`);

interface Layer {
  id: string;
  sites: number;
  districts?: Record<string, { land: { share: number } } | null>;
  network?: { mode: string; districts: Record<string, { land: { share: number; coveredKm2: number }; polygon: { share: number } } | null> };
}

describe('npm run coverage -- --roads', () => {
  it('adds each layer’s shares by walking distance, as a NetworkEngine on the same grid gives them', { timeout: 240_000 }, () => {
    const r = cli('--sites', sitesCsv, '--district', 'huangpu', '--roads', ROADS);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { roads: { ways: number; edges: number; mode: string }; layers: Layer[] };
    expect(out.roads).toMatchObject({ ways: 796, edges: 1973, mode: 'walk' });
    const charging = out.layers.find((l) => l.sites === 3)!;
    const straight = charging.districts!['310101']!.land.share;
    const walk = charging.network!.districts['310101']!.land.share;
    expect(walk).toBeGreaterThan(0);
    expect(walk).toBeLessThan(straight);

    // The same on a grid built here: Huangpu alone gives the same cells (the frame is snapped to 50 m).
    const districts = data('districts.geojson') as never as { features: Array<{ properties: { adcode: string } }> };
    const huangpu = { features: districts.features.filter((f) => f.properties.adcode === '310101') };
    const grid = buildGrid(gridSourcesFrom(huangpu as never, undefined, data('outer-ring-area.geojson') as never, data('land.geojson') as never), { cellM: 50 });
    const ctx = prepareNetwork(grid, readRoadFile('roads.geojson', new Uint8Array(readFileSync(join(repoRoot, ROADS)))), 'walk');
    const engine = new NetworkEngine(ctx, { maxDistanceM: 1500 });
    engine.setSites(SITES.map(([lon, lat], i) => ({ id: `s${i}`, lon: lon!, lat: lat! })));
    expect(walk).toBeCloseTo(engine.coverage({ district: '310101' }, { insideKm: 0.9, outsideKm: 1.5 }).land.share, 5);

    // Only the network figures with --distance network.
    const only = JSON.parse(cli('--sites', sitesCsv, '--district', 'huangpu', '--roads', ROADS, '--distance', 'network').stdout) as { layers: Layer[] };
    const c2 = only.layers.find((l) => l.id === charging.id)!;
    expect(c2.districts).toBeUndefined();
    expect(c2.network!.districts['310101']!.land.share).toBe(walk);
  });

  it('refuses bad road files and arguments with the reason', { timeout: 240_000 }, () => {
    const far = join(dir, 'beijing.geojson');
    writeFileSync(far, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { highway: 'primary' }, geometry: { type: 'LineString', coordinates: [[116.39, 39.9], [116.4, 39.91]] } }] }));
    const r = cli('--sites', sitesCsv, '--district', 'huangpu', '--roads', far);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^coverage: .*beijing\.geojson: its roads lie around 116\.390° E, 39\.900° N/m);
    const noRoads = cli('--sites', sitesCsv, '--distance', 'network');
    expect(noRoads.code).toBe(2);
    expect(noRoads.stderr).toMatch(/^coverage: --distance network needs --roads FILE/);
    expect(cli('--sites', sitesCsv, '--roads', ROADS, '--mode', 'fly').stderr).toMatch(/^coverage: --mode must be walk or drive, not "fly"/);
  });
});
