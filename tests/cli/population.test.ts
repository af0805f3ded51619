/**
 * `npm run coverage -- --population FILE` (scripts/coverage-cli.ts) as a child process: residents by
 * district and ring part in every layer and radius target; the census default said when no file is
 * given; a GeoTIFF and an areas CSV give the figures the coverage worker's own session gives for the
 * same file in this process; bad files end with exit 1 and a message naming the file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSiteFileBytes } from '../../src/io/siteFile';
import { readPopulationFile } from '../../src/io/populationFile';
import { data } from '../geodata/load';
import { writeTiff } from '../io/tiffFixtures';
import { readFileSync } from 'node:fs';
import { buildGrid } from '../../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom } from '../../src/coverage/engine';
import { buildPopulationLayer } from '../../src/coverage/population';
import { gapPatches } from '../../src/coverage/gapPatches';
import { shippedSession } from '../worker/shippedSession';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SITES = 'tests/fixtures/sites/minhang-charging.csv';
const CELL = 500;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/coverage-cli.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Residents {
  share: number;
  residents: number;
  covered: number;
  notReached: number;
  inside: { share: number; residents: number; covered: number; notReached: number } | null;
  outside: { share: number; residents: number; covered: number; notReached: number } | null;
}
interface Output {
  population: { source: { kind: string; name: string; label: { zh: string; en: string } }; note: string; placed: number; moved: number; districts: Record<string, number> };
  layers: { id: string; facilities: string[]; rule: { insideKm: number | null }; districts: Record<string, { residents?: Residents } | null> }[];
  targets: { id: string; coverage?: { residents?: Residents } }[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-population-'));
  // 0.01° pixels over Minhang and Xuhui (121.25–121.55° E, 30.95–31.25° N), 100–1,099 residents each.
  const W = 30;
  const values = Array.from({ length: W * W }, (_, i) => 100 + ((i * 7919) % 1000));
  writeFileSync(join(dir, 'worldpop_2020.tif'), Buffer.from(writeTiff({ width: W, height: W, values, type: 'float32', origin: [121.25, 31.25], pixel: [0.01, 0.01], tile: 16, deflate: true, nodata: '-99999' })));
  writeFileSync(join(dir, 'utm.tif'), Buffer.from(writeTiff({ width: 4, height: 4, values: new Array(16).fill(1), type: 'float32', origin: [350000, 3460000], pixel: [100, 100], geoKeys: { 1024: 1, 3072: 32651 } })));
  writeFileSync(join(dir, 'negative.tif'), Buffer.from(writeTiff({ width: W, height: W, values: values.map((v, i) => (i === 455 ? -2 : v)), type: 'float32', origin: [121.25, 31.25], pixel: [0.01, 0.01] })));
  writeFileSync(
    join(dir, 'towns.csv'),
    ['名称,常住人口,wkt', '"甲",120000,"POLYGON((121.35 31.05, 121.45 31.05, 121.45 31.15, 121.35 31.15, 121.35 31.05))"', '"乙",30000,"POINT(121.40 31.20)"'].join('\n'),
  );
});

const charging = (out: Output) => out.layers.find((l) => l.facilities.includes('ev-charging-pile') && l.rule.insideKm === 0.9)!;

/** The coverage worker's session on the same sites and population file, in this process. */
async function sessionFigures(file: string) {
  const session = shippedSession(CELL, { sites: parseSiteFileBytes(readFileSync(join(repoRoot, SITES))).sites });
  const bytes = readFileSync(file);
  session.setPopulation((await readPopulationFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, file)).input);
  return session;
}

describe('npm run coverage with residents', () => {
  it('without --population: the census spread evenly, said in the output and on stderr', () => {
    const r = cli('--sites', SITES, '--district', 'minhang', '--cell', String(CELL));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("note: no --population file: residents are the 2020 census per district spread evenly over each district's land");
    const out = JSON.parse(r.stdout) as Output;
    expect(out.population.source.kind).toBe('district-census');
    expect(out.population.source.label).toEqual({ zh: '均匀分布（区级普查）', en: 'spread evenly from the district census — load a population grid for detail' });
    expect(out.population.note).toMatch(/^No --population file/);
    expect(out.population.districts['310112']).toBe(2_653_489);
    const minhang = charging(out).districts['310112']!.residents!;
    expect(minhang.residents).toBe(2_653_489);
    expect(minhang.inside!.residents + minhang.outside!.residents).toBeCloseTo(minhang.residents, -1);
    expect(minhang.covered).toBeGreaterThan(0);
    expect(minhang.notReached).toBe(minhang.residents - minhang.covered);
    // The radius target carries its own area's residents: Minhang's, under the same rule.
    expect(out.targets.find((t) => t.id === 'minhang-ev-charging-radius')!.coverage!.residents).toEqual(minhang);
  }, 120_000);

  it('with a GeoTIFF: the worker session’s residents for the same file, by district and ring part', async () => {
    const file = join(dir, 'worldpop_2020.tif');
    const r = cli('--sites', SITES, '--district', 'minhang,xuhui', '--cell', String(CELL), '--population', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/note: residents from .*worldpop_2020\.tif: 30 × 30 pixels read of 30 × 30, 36\.00″ × 36\.00″, 32-bit floating point/);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.population.source).toMatchObject({ kind: 'raster', year: 2020 });
    const session = await sessionFigures(file);
    session.setView(charging(out).id, 'none');
    const want = session.compute().view!.breakdown;
    for (const code of ['310112', '310104']) {
      const got = charging(out).districts[code]!.residents!;
      const w = want.districts[code]!.residents!;
      expect(got.residents).toBe(Math.round(w.residents));
      expect(got.covered).toBe(Math.round(w.covered));
      expect(got.inside!.residents).toBe(Math.round(w.inside!.residents));
      expect(got.outside!.covered).toBe(Math.round(w.outside!.covered));
      expect(got.share).toBeCloseTo(w.share, 6);
    }
    // Minhang lies wholly in the raster (0.3° × 0.3°), Xuhui too: neither holds the census figure now.
    expect(out.population.districts['310112']).not.toBe(2_653_489);
  }, 120_000);

  it('--gaps N: the largest gaps by residents per layer and district, as gapPatches ranks them on the same grid, sites and raster', async () => {
    const file = join(dir, 'worldpop_2020.tif');
    const r = cli('--sites', SITES, '--district', 'minhang,xuhui', '--cell', String(CELL), '--population', file, '--gaps', '4');
    expect(r.code, r.stderr).toBe(0);
    type Gaps = { count: number; residentsNotReached: number; patches: { rank: number; district: string; township: { code: string; name: string | null } | null; residents: number; landKm2: number; cells: number; center: number[] }[] };
    const out = JSON.parse(r.stdout) as Output & { layers: { gaps: Record<string, Gaps> }[] };
    const layer = charging(out) as unknown as { id: string; facilities: string[]; rule: { insideKm: number; outsideKm: number }; gaps: Record<string, Gaps>; districts: Record<string, { residents: Residents }> };
    // Written apart: the grid with the shipped townships, one engine for the layer's sites, the raster spread, gapPatches.
    const townships = data('townships.geojson') as never as { features: { geometry: never; properties: { code: string; name: string } }[] };
    const grid = buildGrid(
      gridSourcesFrom(data('districts.geojson') as never, data('zones.geojson') as never, data('outer-ring-area.geojson') as never, data('land.geojson') as never, townships),
      { cellM: CELL },
    );
    const bytes = readFileSync(file);
    const input = (await readPopulationFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, file)).input;
    const population = buildPopulationLayer(grid, input);
    const types = new Set(layer.facilities);
    const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
    engine.setSites(parseSiteFileBytes(readFileSync(join(repoRoot, SITES))).sites.filter((s) => types.has(s.type)));
    const test = engine.coverTest(layer.rule);
    const names = new Map(townships.features.map((t) => [t.properties.code, t.properties.name]));
    for (const code of ['310112', '310104']) {
      const want = gapPatches(grid, test, grid.districts.get(code)!, population, 4);
      const got = layer.gaps[code]!;
      expect(got.count).toBe(want.count);
      expect(got.patches).toHaveLength(Math.min(4, want.count));
      // The list holds every resident the coverage table reports as not reached in the district.
      expect(got.residentsNotReached).toBe(Math.round(want.residentsNotReached));
      expect(Math.abs(got.residentsNotReached - layer.districts[code]!.residents.notReached)).toBeLessThanOrEqual(1);
      got.patches.forEach((p, i) => {
        const w = want.patches[i]!;
        expect(p).toMatchObject({ rank: i + 1, district: w.district, residents: Math.round(w.residents), cells: w.cells });
        expect(p.landKm2).toBeCloseTo(w.landKm2, 4);
        expect(p.township).toEqual(w.township === null ? null : { code: w.township, name: names.get(w.township) });
        expect(p.center[0]).toBeCloseTo(w.center[0], 5);
      });
    }
    // Xuhui's gaps lie in its shipped township polygons; given --gaps, the lists are on stderr as text too.
    expect(layer.gaps['310104']!.patches[0]!.township).not.toBeNull();
    const first = layer.gaps['310112']!.patches[0]!;
    expect(r.stderr).toContain(`largest gaps by residents — ${layer.id}, 闵行区 Minhang District (310112)`);
    expect(r.stderr).toContain(`#1   310112`);
    expect(r.stderr).toContain(first.residents.toLocaleString('en'));
    // --gaps 0 leaves them out; a bad count is a usage error.
    const none = cli('--sites', SITES, '--district', 'minhang', '--cell', String(CELL), '--gaps', '0');
    expect(none.code, none.stderr).toBe(0);
    expect((JSON.parse(none.stdout) as { layers: object[] }).layers.every((l) => !('gaps' in l))).toBe(true);
    expect(cli('--sites', SITES, '--gaps', 'many').code).toBe(2);
  }, 240_000);

  it('with an areas CSV (WKT polygon and a point)', async () => {
    const file = join(dir, 'towns.csv');
    const r = cli('--sites', SITES, '--district', 'minhang', '--cell', String(CELL), '--population', file);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.population.source.kind).toBe('polygons');
    const session = await sessionFigures(file);
    expect(out.population.districts['310112']).toBe(Math.round(session.populationLayer!.report.districts['310112']!));
    expect(out.population.placed).toBe(150_000); // both inside Shanghai's districts
  }, 120_000);

  it('gives every township of the chosen districts (Huangpu: 10) with its residents and land share', () => {
    const r = cli('--sites', SITES, '--district', 'huangpu', '--cell', String(CELL));
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Output & { layers: { townships: Record<string, { name: string; district: string; land: { share: number; areaKm2: number }; residents: Residents }> }[] };
    const layer = charging(out) as unknown as { townships: Record<string, { name: string; district: string; land: { share: number; areaKm2: number }; residents: Residents }>; districts: Record<string, { residents: Residents }> };
    const towns = Object.values(layer.townships);
    expect(towns).toHaveLength(10);
    expect(layer.townships['310101002']!.name).toBe('南京东路街道');
    for (const t of towns) {
      expect(t.district).toBe('310101');
      expect(t.residents.residents).toBeGreaterThan(0);
      expect(t.residents.covered).toBeLessThanOrEqual(t.residents.residents);
    }
    // The townships cover Huangpu but for slivers at its edges: their residents add up to 99–100 % of it.
    const sum = towns.reduce((s, t) => s + t.residents.residents, 0);
    const district = layer.districts['310101']!.residents.residents;
    expect(sum / district).toBeGreaterThan(0.99);
    expect(sum / district).toBeLessThanOrEqual(1);
  }, 120_000);

  it('--townships: a user’s township of Minhang (by code) joins the shipped ones, with the census density times its land', () => {
    const file = join(dir, 'maqiao.geojson');
    const square = [[[121.36, 31.0], [121.4, 31.0], [121.4, 31.04], [121.36, 31.04], [121.36, 31.0]]];
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '310112112000' }, geometry: { type: 'Polygon', coordinates: square } }] }));
    const r = cli('--sites', SITES, '--district', 'minhang', '--cell', String(CELL), '--townships', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('note: 1 township from');
    const out = JSON.parse(r.stdout) as Output;
    const layer = charging(out) as unknown as { townships: Record<string, { name: string; land: { areaKm2: number }; residents: Residents }>; districts: Record<string, { land: { areaKm2: number }; residents: Residents }> };
    expect(Object.keys(layer.townships)).toEqual(['310112112']);
    const maqiao = layer.townships['310112112']!;
    expect(maqiao.name).toBe('马桥镇');
    const minhang = layer.districts['310112']!;
    // The census default: Minhang's residents per km² of land, times the township's land.
    expect(maqiao.residents.residents / (minhang.residents.residents * (maqiao.land.areaKm2 / minhang.land.areaKm2)) - 1).toBeCloseTo(0, 2);
  }, 120_000);

  const QUICK = ['--sites', SITES, '--district', '310106', '--cell', '1000'];

  it('refuses a projected GeoTIFF with exit 1, naming the file', () => {
    const r = cli(...QUICK, '--population', join(dir, 'utm.tif'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/coverage: .*utm\.tif: the raster is in a projected coordinate system \(EPSG:32651; GTModelTypeGeoKey = 1\)/);
  }, 120_000);

  it('refuses a negative count with exit 1, saying where', () => {
    const r = cli(...QUICK, '--population', join(dir, 'negative.tif'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/negative\.tif: the pixel at 121\.31° E, 31\.09° N \(column 5, row 15 of the file\) holds -2/);
  }, 120_000);

  it('a missing file ends with exit 1; population options without --population with exit 2', () => {
    const missing = cli(...QUICK, '--population', join(dir, 'nothing.tif'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read population file .*nothing\.tif: no such file/);
    const lone = cli('--sites', SITES, '--population-field', 'pop');
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('--population-field and --population-crs go with --population FILE');
  }, 120_000);
});
