/** The network worker's session: loads a road file, answers patches that rebuild the engine's fields, refuses bad files. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { applyPatch, NetworkSession } from '../../src/worker/networkSession';
import type { NetworkFieldPatch } from '../../src/worker/networkProtocol';
import { lonLat, siteAt } from '../network/world';
import { networkCoverage, readRoads } from '../../scripts/networkLayers';
import type { Target } from '../../src/domain/plan';
import { NetworkEngine } from '../../src/network/networkEngine';
import { COUNT_LAND_IN, COUNT_LAND_OUT } from '../../src/coverage/grid';

const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL('../../geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson', import.meta.url))));
const box: Polygon = { type: 'Polygon', coordinates: [[lonLat([-1000, -1300]), lonLat([1700, -1300]), lonLat([1700, 1400]), lonLat([-1000, 1400]), lonLat([-1000, -1300])]] };
const sources = { districts: [{ id: 'ps', geometry: box }] };

function mirrorOf(session: NetworkSession) {
  const mirror = new Float32Array(session.grid.cols * session.grid.rows).fill(Infinity);
  return (p: NetworkFieldPatch) => {
    if (p.box && p.dist) applyPatch(mirror, p.box, p.dist, session.grid.cols);
    return mirror;
  };
}

describe('NetworkSession', () => {
  it('loads the fixture, measures the sites it holds, and its patches rebuild the field', () => {
    const session = new NetworkSession(sources, 50);
    const take = mirrorOf(session);
    expect(session.setSites([siteAt('a', [0, 0]), siteAt('b', [800, 600])]).box).toBeNull(); // no roads yet
    const phases = new Set<string>();
    const loaded = session.load('roads.geojson', bytes, { mode: 'walk', onProgress: (p) => phases.add(p) });
    if (!('summary' in loaded)) throw new Error(loaded.error.message);
    expect(loaded.summary).toMatchObject({ ways: 796, nodes: 1868, edges: 1973, studyCells: 2916 });
    expect(loaded.summary.joinedCells).toBeGreaterThan(2000);
    expect([...phases]).toEqual(['parsing', 'graph']);
    // The sites held before the file came are measured on it: the next patch is the whole grid.
    let mirror = take(session.editSites([], []));
    expect(mirror).toEqual(session.distanceField);
    for (let k = 1; k <= 10; k++) {
      const p = session.editSites([siteAt('b', [800 - 30 * k, 600 - 10 * k])], []);
      expect(p.box).not.toBeNull();
      expect((p.box!.c1 - p.box!.c0 + 1) * (p.box!.r1 - p.box!.r0 + 1)).toBeLessThan(session.grid.cols * session.grid.rows);
      mirror = take(p);
      expect(mirror).toEqual(session.distanceField);
    }
    mirror = take(session.editSites([siteAt('c', [-500, 900], 0.8)], ['a']));
    expect(mirror).toEqual(session.distanceField);
    expect(session.breakdown({ insideKm: 0.9, outsideKm: 0.9 })!.districts.ps!.land.share).toBeGreaterThan(0);
    session.clearRoads();
    expect(session.breakdown({ insideKm: 0.9, outsideKm: 0.9 })).toBeNull();
  });

  it('refuses bad files with the reader’s message, and sizes before reading', () => {
    const session = new NetworkSession(sources, 50);
    const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    const line = (coordinates: number[][], highway: string) => ({ type: 'Feature', properties: { highway }, geometry: { type: 'LineString', coordinates } });
    expect(session.load('far.geojson', enc({ type: 'FeatureCollection', features: [line([[116.39, 39.9], [116.4, 39.91]], 'primary')] }), { mode: 'walk' })).toMatchObject({ error: { problem: 'far-away' } });
    expect(session.load('s20.geojson', enc({ type: 'FeatureCollection', features: [line([[121.47, 31.23], [121.48, 31.23]], 'motorway')] }), { mode: 'walk' })).toEqual({
      error: { problem: 'no-highways', message: 's20.geojson: no road in it is open to walking' },
    });
    expect(session.hasRoads).toBe(false);
    expect(NetworkSession.checkSize('china.osm.pbf', 2 ** 31)).toMatchObject({ problem: 'too-big' });
    expect(NetworkSession.checkSize('ok.osm.pbf', 2 ** 20)).toBeNull();
  });

  it('answers the app: the CLI’s figures, the ground reached, pictures over the extent, a route', () => {
    const session = new NetworkSession(sources, 50);
    const rule = { insideKm: 0.5, outsideKm: 0.5 };
    const sites = [siteAt('a', [0, 0]), siteAt('b', [800, 600])];
    expect(session.update({ sites: { replace: sites }, rule, ground: 'land' })).toMatchObject({ breakdown: null, reached: null, picture: { full: true, tiles: [] } });
    const loaded = session.load('roads.geojson', bytes, { mode: 'walk' });
    if (!('summary' in loaded)) throw new Error(loaded.error.message);
    const first = session.update({});
    // The CLI's path on its own copy of the grid and roads: the same figure.
    const cli = readRoads(session.grid, 'roads.geojson', bytes, 'walk', 200);
    const expected = networkCoverage(cli.ctx, sites, rule, ['ps']).ps!;
    expect(first.breakdown!.districts.ps).toEqual(expected);
    expect(first.reached!.districts.ps!.land.share).toBeCloseTo(loaded.summary.joinedCells / loaded.summary.studyCells, 1);
    expect(first.picture!.full).toBe(true);
    const layers = new Set(first.picture!.tiles.map((t) => t.layer));
    expect(layers).toEqual(new Set(['walk', 'beyond']));
    // A drag step repaints only what changed, and the figures follow.
    const moved = session.update({ sites: { upsert: [siteAt('b', [700, 500])], remove: [] } });
    expect(moved.picture?.full).toBe(false);
    expect(moved.breakdown!.districts.ps).toEqual(networkCoverage(cli.ctx, [sites[0]!, siteAt('b', [700, 500])], rule, ['ps']).ps);
    // A wider rule restarts the engines at its reach; the figure is still the CLI's.
    const wide = session.update({ rule: { insideKm: 1.2, outsideKm: 1.2 } });
    expect(wide.breakdown!.districts.ps).toEqual(networkCoverage(cli.ctx, [sites[0]!, siteAt('b', [700, 500])], { insideKm: 1.2, outsideKm: 1.2 }, ['ps']).ps);
    expect(wide.picture!.full).toBe(true);
    // The hover: a route from the ground next to site b, of the field's distance; off the network far from roads.
    const [lon, lat] = lonLat([660, 460]);
    const hover = session.route(lon, lat);
    expect(hover).toMatchObject({ kind: 'route', siteId: 'b' });
    if (hover?.kind === 'route') expect(hover.path.length).toBeGreaterThanOrEqual(4);
    const snapSession = new NetworkSession(sources, 50);
    snapSession.load('roads.geojson', bytes, { mode: 'walk', snapM: 0 });
    expect(snapSession.route(lon, lat)).toMatchObject({ kind: 'off-network', snapM: 0 });
    session.clearRoads();
    expect(session.route(lon, lat)).toBeNull();
    expect(session.update({})).toMatchObject({ breakdown: null, picture: { full: true, tiles: [] } });
  });

  it('measures the layer’s targets, the compared sites and the townships by network distance, and routes to own-radius sites too', () => {
    // Two townships: the box's west and east halves (x < 350 m and x ≥ 350 m).
    const half = (x0: number, x1: number): Polygon => ({ type: 'Polygon', coordinates: [[lonLat([x0, -1300]), lonLat([x1, -1300]), lonLat([x1, 1400]), lonLat([x0, 1400]), lonLat([x0, -1300])]] });
    const session = new NetworkSession({ ...sources, townships: [{ id: 'w', geometry: half(-1000, 350) }, { id: 'e', geometry: half(350, 1700) }] }, 50);
    const loaded = session.load('roads.geojson', bytes, { mode: 'walk' });
    if (!('summary' in loaded)) throw new Error(loaded.error.message);
    const rule = { insideKm: 0.5, outsideKm: 0.5 };
    const sites = [siteAt('a', [0, 0]), siteAt('b', [800, 600])];
    const other = [siteAt('x', [300, -400])];
    const target = { id: 't-ps', district: 'ps', metric: 'service-radius', scope: { kind: 'district' }, goal: { rule: [{ part: 'all', radiusKm: 0.5 }], targetShare: 0.9 } } as unknown as Target;
    const nowhere = { ...target, id: 't-zone', scope: { kind: 'zone', zone: 'none' } } as unknown as Target;
    const answer = session.update({ sites: { replace: sites }, rule, ground: 'land', targets: [{ target, parts: [{ part: 'all', radiusKm: 0.5 }] }, { target: nowhere, parts: [{ part: 'all', radiusKm: 0.5 }] }], compare: other });
    const cli = readRoads(session.grid, 'roads.geojson', bytes, 'walk', 200);
    expect(answer.targets).toEqual({ 't-ps': networkCoverage(cli.ctx, sites, rule, ['ps']).ps!.land.share });
    expect(answer.compareTargets).toEqual({ 't-ps': networkCoverage(cli.ctx, other, rule, ['ps']).ps!.land.share });
    expect(answer.compareBreakdown!.districts.ps).toEqual(networkCoverage(cli.ctx, other, rule, ['ps']).ps);
    // The townships split the district: their covered land adds up to the district's.
    const { w, e } = answer.breakdown!.townships!;
    const ps = answer.breakdown!.districts.ps!;
    expect(w!.land.coveredKm2 + e!.land.coveredKm2).toBeCloseTo(ps.land.coveredKm2, 6);
    expect(w!.land.areaKm2 + e!.land.areaKm2).toBeCloseTo(ps.land.areaKm2, 6);
    expect(w!.land.share).not.toBeCloseTo(e!.land.share, 2);
    // A drag moves the figures; dropping the comparison drops its figures.
    const moved = session.update({ sites: { upsert: [siteAt('b', [700, 500])], remove: [] }, compare: null });
    expect(moved.targets!['t-ps']).toBe(networkCoverage(cli.ctx, [sites[0]!, siteAt('b', [700, 500])], rule, ['ps']).ps!.land.share);
    expect(moved.compareTargets).toBeNull();
    // A site with its own radius: the hover routes to it where it serves the ground best.
    session.update({ sites: { upsert: [siteAt('c', [-500, 900], 0.8)], remove: [] } });
    const [lon, lat] = lonLat([-460, 860]);
    const hover = session.route(lon, lat);
    expect(hover).toMatchObject({ kind: 'route', siteId: 'c', ownRadiusM: 800 });
    if (hover?.kind === 'route') expect(hover.distanceM).toBeLessThan(800);
  });

  it('says what proposed sites add in a district, by straight line and on foot (against a per-cell count written here)', () => {
    const session = new NetworkSession(sources, 50);
    const loaded = session.load('roads.geojson', bytes, { mode: 'walk' });
    if (!('summary' in loaded)) throw new Error(loaded.error.message);
    const rule = { insideKm: 0.5, outsideKm: 0.5 };
    const sites = [siteAt('a', [0, 0])];
    session.update({ sites: { replace: sites }, rule, ground: 'land' });
    const proposed = [lonLat([700, 500]), lonLat([-600, -700])].map(([lon, lat]) => ({ lon, lat }));
    const got = session.proposal(proposed, 'ps')!;
    expect(session.proposal(proposed, 'nowhere')).toBeNull();
    // Independent: the CLI's network engine for the distances along the streets, plain plane distances for the straight line.
    const cli = readRoads(session.grid, 'roads.geojson', bytes, 'walk', 200);
    const all = [...sites, ...proposed.map((p, i) => ({ id: `p${i}`, ...p }))];
    const after = new NetworkEngine(cli.ctx, { maxDistanceM: 500 });
    after.setSites(all);
    const before = networkCoverage(cli.ctx, sites, rule, ['ps']).ps!.land.coveredKm2;
    const { grid } = session;
    const plane = (s: { lon: number; lat: number }) => grid.projection.forward(s.lon, s.lat, [0, 0]);
    const near = (k: number, list: Array<{ lon: number; lat: number }>) => {
      const x = grid.x0 + ((k % grid.cols) + 0.5) * grid.cellM;
      const y = grid.y0 + (Math.floor(k / grid.cols) + 0.5) * grid.cellM;
      return list.some((s) => {
        const p = plane(s);
        return Math.hypot(p[0]! - x, p[1]! - y) <= 500;
      });
    };
    const region = grid.districts.get('ps')!;
    let added = 0;
    let reached = 0;
    for (let i = 0; i < region.cells.length; i++) {
      const k = region.cells[i]!;
      const land = ((COUNT_LAND_IN[region.counts[i]!]! + COUNT_LAND_OUT[region.counts[i]!]!) * 2500) / 1e6 / 16;
      if (near(k, all) && !near(k, sites)) {
        added += land;
        if (after.distanceField()[k]! <= 500) reached += land;
      }
    }
    const cell = 2500 / 1e6;
    expect(got.networkBeforeKm2).toBeCloseTo(before, 9);
    expect(got.networkAfterKm2).toBeCloseTo(after.coverage({ district: 'ps' }, rule).land.coveredKm2, 9);
    expect(got.straightAfterKm2 - got.straightBeforeKm2).toBeGreaterThan(0.3);
    // Cells whose centre lies within float rounding of 500 m may fall either way: two cells' land allowed.
    expect(Math.abs(got.straightAfterKm2 - got.straightBeforeKm2 - added)).toBeLessThan(2 * cell);
    expect(Math.abs(got.addedReachedKm2 - reached)).toBeLessThan(2 * cell);
    expect(got.addedReachedKm2).toBeGreaterThan(0);
    expect(got.addedReachedKm2).toBeLessThan(got.straightAfterKm2 - got.straightBeforeKm2);
  });
});
