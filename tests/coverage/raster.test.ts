/**
 * The map pictures of the coverage grid, on the hand-made area in tests/fixtures/coverage/small-area.geojson
 * (a concave district with a hole, a triangle, a slanted Outer Ring edge; 50 m cells on turf's sphere so
 * that turf's distances are the grid's distances).
 *
 * Every expectation is computed here independently: pixel centres from the frame's bounds, cell
 * membership by turf distances to cell centres, inside/outside by turf booleanPointInPolygon, nearest
 * sites by brute-force turf.distance. Points so near a polygon edge that the rasterised answer may go
 * either way, and distances within a few metres of a radius, are skipped.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area as turfArea, booleanPointInPolygon, distance, lineString, point, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGrid, cellCenterLonLat, type CoverageGrid } from '../../src/coverage/grid';
import { CoverageEngine } from '../../src/coverage/engine';
import { TURF_SPHERE } from '../../src/coverage/projection';
import {
  buildRamp,
  buildRasterFrame,
  paintDistance,
  paintGaps,
  RAMP_SIZE,
  RAMP_STEPS_PER_RADIUS,
  type RasterFrame,
} from '../../src/coverage/raster';

const CELL_M = 50;
const HALF_DIAG = (CELL_M * Math.SQRT2) / 2;
const M = { units: 'meters' } as const;

const area = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/coverage/small-area.geojson', import.meta.url)), 'utf8'),
) as FeatureCollection<Polygon, { role: string; adcode?: string }>;
const districtFeatures = area.features.filter((f) => f.properties.role === 'district');
const ringFeature = area.features.find((f) => f.properties.role === 'outer-ring')!;

let grid: CoverageGrid;
beforeAll(() => {
  grid = buildGrid(
    {
      districts: districtFeatures.map((f) => ({ id: f.properties.adcode!, geometry: f.geometry })),
      outerRing: [ringFeature.geometry],
    },
    { cellM: CELL_M, earth: TURF_SPHERE },
  );
});

/** Distance (m) from a point to the nearest edge of any of the polygons' rings. */
function edgeDistanceM(features: readonly Feature<Polygon>[], lonLat: Position): number {
  let best = Infinity;
  for (const f of features) {
    for (const ring of f.geometry.coordinates) best = Math.min(best, pointToLineDistance(point(lonLat), lineString(ring), M));
  }
  return best;
}

/** The district (adcode) containing a point by turf, or null. */
function districtAt(lonLat: Position): string | null {
  const f = districtFeatures.find((d) => booleanPointInPolygon(point(lonLat), d));
  return f ? f.properties.adcode! : null;
}

/** Pixel centre [lon, lat] from the frame's bounds and size alone (row 0 = north). */
function pixelCentre(frame: RasterFrame, p: number): [number, number] {
  const [w, s, e, n] = frame.bounds;
  const c = p % frame.width;
  const r = (p - c) / frame.width;
  return [w + ((c + 0.5) * (e - w)) / frame.width, n - ((r + 0.5) * (n - s)) / frame.height];
}

/** The pixel whose box holds (lon, lat). */
function pixelAt(frame: RasterFrame, lon: number, lat: number): number {
  const [w, s, e, n] = frame.bounds;
  const c = Math.floor(((lon - w) / (e - w)) * frame.width);
  const r = Math.floor(((n - lat) / (n - s)) * frame.height);
  return r * frame.width + c;
}

const centres = new Map<number, [number, number]>();
/** Centre of cell k as [lon, lat] (the grid's inverse projection, cached). */
function centre(k: number): [number, number] {
  let c = centres.get(k);
  if (!c) centres.set(k, (c = cellCenterLonLat(grid, k, [0, 0]) as [number, number]));
  return c;
}

describe('buildRasterFrame', () => {
  for (const pixelM of [CELL_M, 30]) {
    it(`pixels of ${pixelM} m: each pixel centre lies in the cell it names`, () => {
      const frame = buildRasterFrame(grid, pixelM);
      expect(frame.cellOf.length).toBe(frame.width * frame.height);
      const [w, s, e, n] = frame.bounds;

      // The frame covers every district vertex.
      for (const f of districtFeatures) {
        for (const [lon, lat] of f.geometry.coordinates.flat()) {
          expect(lon).toBeGreaterThanOrEqual(w);
          expect(lon).toBeLessThanOrEqual(e);
          expect(lat).toBeGreaterThanOrEqual(s);
          expect(lat).toBeLessThanOrEqual(n);
        }
      }
      // Pixels are about pixelM on the ground (within 1 %).
      const midLat = (s + n) / 2;
      expect(Math.abs(distance([w, s], [w, n], M) / frame.height / pixelM - 1)).toBeLessThan(0.01);
      expect(Math.abs(distance([w, midLat], [e, midLat], M) / frame.width / pixelM - 1)).toBeLessThan(0.01);

      let checked = 0;
      const bad: string[] = [];
      for (let p = 0; p < frame.cellOf.length; p++) {
        const k = frame.cellOf[p]!;
        if (k < 0) continue;
        if (k >= grid.cols * grid.rows) bad.push(`pixel ${p}: cell ${k} off the grid`);
        const pc = pixelCentre(frame, p);
        const dk = distance(pc, centre(k), M);
        if (!(dk <= HALF_DIAG + 1)) bad.push(`pixel ${p}: ${dk} m from the centre of cell ${k}`);
        // In a square lattice the cell holding a point is the one with the nearest centre: no
        // neighbour's centre may be nearer (ties only on cell edges; 1 cm slack).
        const col = k % grid.cols;
        const row = (k - col) / grid.cols;
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const c2 = col + dc;
            const r2 = row + dr;
            if ((dc === 0 && dr === 0) || c2 < 0 || r2 < 0 || c2 >= grid.cols || r2 >= grid.rows) continue;
            if (dk > distance(pc, centre(r2 * grid.cols + c2), M) + 0.01) bad.push(`pixel ${p}: neighbour (${dc},${dr}) of cell ${k} is nearer`);
          }
        }
        checked++;
      }
      expect(bad.slice(0, 5)).toEqual([]);
      // Pixels over district cells cover at least the districts' area (turf's).
      const districtM2 = districtFeatures.reduce((sum, f) => sum + turfArea(f), 0);
      expect(checked).toBeGreaterThan((districtM2 / (pixelM * pixelM)) * 0.97);
    });

    it(`pixels of ${pixelM} m: outside every district → −1, well inside → the district's cell (turf point-in-polygon)`, () => {
      const frame = buildRasterFrame(grid, pixelM);
      let outside = 0;
      const inside: Record<string, number> = {};
      const bad: string[] = [];
      for (let p = 0; p < frame.cellOf.length; p += 7) {
        const pc = pixelCentre(frame, p);
        // The cell under the pixel centre reaches up to a full cell diagonal from it.
        if (edgeDistanceM(districtFeatures, pc) <= 2 * HALF_DIAG + 1) continue;
        const id = districtAt(pc);
        const k = frame.cellOf[p]!;
        if (id === null) {
          if (k !== -1) bad.push(`pixel ${p} at ${pc.join(',')} lies in no district but maps to cell ${k}`);
          outside++;
        } else {
          if (k < 0 || grid.districtIds[grid.district[k]! - 1] !== id) bad.push(`pixel ${p} at ${pc.join(',')} lies in ${id}, maps to ${k}`);
          inside[id] = (inside[id] ?? 0) + 1;
        }
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(outside).toBeGreaterThan(100);
      expect(inside['310112']).toBeGreaterThan(100);
      expect(inside['310104']).toBeGreaterThan(50);

      // Hand-picked points: the hole in P, the notch between P and Q, north of Q's apex: −1.
      for (const [lon, lat] of [[121.414, 31.1135], [121.44, 31.14], [121.45, 31.148], [121.47, 31.135]]) {
        expect(frame.cellOf[pixelAt(frame, lon!, lat!)], `${lon},${lat}`).toBe(-1);
      }
      // Inside P and inside Q.
      expect(frame.cellOf[pixelAt(frame, 121.405, 31.14)]).toBeGreaterThanOrEqual(0);
      expect(frame.cellOf[pixelAt(frame, 121.46, 31.105)]).toBeGreaterThanOrEqual(0);
    });
  }
});

/** Park–Miller PRNG. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('painting', () => {
  const rnd = prng(31);
  const sites = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, lon: 121.40 + rnd() * 0.08, lat: 31.10 + rnd() * 0.05 }));
  const CAP_M = 1500;
  let frame: RasterFrame;
  let dist: Float32Array;
  const nearestM = new Map<number, number>();
  const ringSide = new Map<number, 'inside' | 'outside' | 'unsure'>();

  beforeAll(() => {
    frame = buildRasterFrame(grid);
    const engine = new CoverageEngine(grid, { maxDistanceM: CAP_M });
    engine.setSites(sites);
    dist = engine.distanceField();
  });

  /** Brute force: distance (m) from the centre of cell k to the nearest site, by turf. */
  function bruteNearest(k: number): number {
    let d = nearestM.get(k);
    if (d === undefined) {
      const c = centre(k);
      d = Math.min(...sites.map((s) => distance(c, [s.lon, s.lat], M)));
      nearestM.set(k, d);
    }
    return d;
  }

  /** Which ring part cell k is in, by turf at its centre; unsure within a half-diagonal of the ring edge. */
  function sideOf(k: number): 'inside' | 'outside' | 'unsure' {
    let side = ringSide.get(k);
    if (side === undefined) {
      const c = centre(k);
      if (edgeDistanceM([ringFeature], c) <= HALF_DIAG + 1) side = 'unsure';
      else side = booleanPointInPolygon(point(c), ringFeature) ? 'inside' : 'outside';
      ringSide.set(k, side);
    }
    return side;
  }

  /** The radii cell k may have under a rule (both when its ring side is unsure). */
  const radiiOf = (k: number, rule: { insideM: number; outsideM: number }): number[] => {
    const side = sideOf(k);
    return side === 'inside' ? [rule.insideM] : side === 'outside' ? [rule.outsideM] : [rule.insideM, rule.outsideM];
  };

  const pixel = (img: Uint8ClampedArray, p: number) => Array.from(img.subarray(p * 4, p * 4 + 4));

  for (const rule of [
    { insideM: 900, outsideM: 1500 },
    { insideM: 400, outsideM: 1000 },
    { insideM: -1, outsideM: 900 },
    { insideM: 700, outsideM: -1 },
  ]) {
    it(`paintGaps ${JSON.stringify(rule)}: painted exactly where the nearest site is beyond the cell's radius`, () => {
      const colour = [200, 30, 60, 180] as const;
      const img = paintGaps(frame, grid, dist, rule, colour);
      expect(img.length).toBe(frame.width * frame.height * 4);
      let painted = 0;
      let clear = 0;
      const bad: string[] = [];
      const colourKey = colour.join();
      for (let p = 0; p < frame.cellOf.length; p++) {
        const k = frame.cellOf[p]!;
        const got = pixel(img, p).join();
        if (k < 0) {
          if (got !== '0,0,0,0') bad.push(`pixel ${p} outside the study area is ${got}`);
          continue;
        }
        const d = bruteNearest(k);
        const verdicts = radiiOf(k, rule).map((r) => {
          if (r < 0) return 'clear'; // the rule leaves this part out
          if (Math.abs(d - r) <= 5) return 'skip';
          return d > r ? 'painted' : 'clear';
        });
        if (verdicts.includes('skip') || new Set(verdicts).size > 1) continue;
        const want = verdicts[0] === 'painted' ? colourKey : '0,0,0,0';
        if (got !== want) bad.push(`pixel ${p}, cell ${k}, nearest ${d} m: ${got}, want ${want}`);
        if (verdicts[0] === 'painted') painted++;
        else clear++;
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(painted).toBeGreaterThan(200);
      expect(clear).toBeGreaterThan(200);
    });
  }

  it('paintGaps clears a reused buffer first', () => {
    const rule = { insideM: 900, outsideM: 1500 };
    const want = paintGaps(frame, grid, dist, rule, [1, 2, 3, 4]);
    const dirty = new Uint8ClampedArray(want.length).fill(77);
    const got = paintGaps(frame, grid, dist, rule, [1, 2, 3, 4], dirty);
    expect(got).toBe(dirty);
    expect(got).toEqual(want);
  });

  /** A ramp whose every entry is distinct (red = index), so the index can be read back. */
  const ramp = new Uint8ClampedArray(RAMP_SIZE * 4);
  for (let i = 0; i < RAMP_SIZE; i++) ramp.set([i, 255 - i, (i * 37) % 256, 100 + (i % 100)], i * 4);

  for (const rule of [
    { insideM: 600, outsideM: 700 },
    { insideM: 900, outsideM: 1500 },
    { insideM: 500, outsideM: -1 },
  ]) {
    it(`paintDistance ${JSON.stringify(rule)}: ramp entry floor(d / r · 100), capped at 2 r, last entry beyond the cap`, () => {
      const img = paintDistance(frame, grid, dist, rule, ramp);
      const seen = new Set<number>();
      let checked = 0;
      const bad: string[] = [];
      for (let p = 0; p < frame.cellOf.length; p++) {
        const k = frame.cellOf[p]!;
        const got = pixel(img, p).join();
        if (k < 0) {
          if (got !== '0,0,0,0') bad.push(`pixel ${p} outside the study area is ${got}`);
          continue;
        }
        const d = bruteNearest(k);
        if (Math.abs(d - CAP_M) <= 0.05) continue;
        const expected = radiiOf(k, rule).map((r) => {
          if (r < 0) return -1; // transparent
          if (d > CAP_M) return RAMP_SIZE - 1;
          const x = (d / r) * RAMP_STEPS_PER_RADIUS;
          if (Math.abs(x - Math.round(x)) < 0.01) return NaN; // on a step boundary: skip
          return Math.min(2 * RAMP_STEPS_PER_RADIUS, Math.floor(x));
        });
        if (expected.some(Number.isNaN) || new Set(expected).size > 1) continue;
        const i = expected[0]!;
        const want = i < 0 ? '0,0,0,0' : Array.from(ramp.subarray(i * 4, i * 4 + 4)).join();
        if (got !== want) bad.push(`pixel ${p}, cell ${k}, nearest ${d} m: ${got}, want entry ${i} = ${want}`);
        seen.add(i);
        checked++;
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(checked).toBeGreaterThan(5000);
      // The picture uses many ramp steps, the 2-radii clamp and (for short radii) the beyond-the-cap entry.
      expect(seen.size).toBeGreaterThan(100);
      if (rule.outsideM > 0 && 2 * rule.outsideM < CAP_M) expect(seen.has(2 * RAMP_STEPS_PER_RADIUS)).toBe(true);
      if (rule.outsideM === -1) expect(seen.has(-1)).toBe(true);
    });
  }

  it('paintDistance with no site: every study pixel gets the last ("no site") entry', () => {
    const empty = new CoverageEngine(grid, { maxDistanceM: CAP_M });
    const img = paintDistance(frame, grid, empty.distanceField(), { insideM: 900, outsideM: 1500 }, ramp);
    const last = Array.from(ramp.subarray((RAMP_SIZE - 1) * 4));
    let n = 0;
    for (let p = 0; p < frame.cellOf.length; p++) {
      if (frame.cellOf[p]! < 0) expect(pixel(img, p)).toEqual([0, 0, 0, 0]);
      else {
        expect(pixel(img, p)).toEqual(last);
        n++;
      }
    }
    expect(n).toBeGreaterThan(9000);
  });

  it('beyond-the-cap entry is used far from a single site; a site at a cell centre paints entry 0 there', () => {
    const k = grid.study.cells[Math.floor(grid.study.cells.length / 2)]!;
    const [lon, lat] = centre(k);
    const one = new CoverageEngine(grid, { maxDistanceM: 1000 });
    one.setSites([{ id: 'c', lon, lat }]);
    const img = paintDistance(frame, grid, one.distanceField(), { insideM: 400, outsideM: 400 }, ramp);
    let atSite = 0;
    let far = 0;
    for (let p = 0; p < frame.cellOf.length; p++) {
      const q = frame.cellOf[p]!;
      if (q < 0) continue;
      const d = distance([lon, lat], centre(q), M);
      if (q === k) {
        expect(img[p * 4]).toBe(0);
        atSite++;
      } else if (d > 1000.05) {
        expect(img[p * 4]).toBe(RAMP_SIZE - 1);
        far++;
      } else if (d > 800.05 && d < 999.95) {
        expect(img[p * 4]).toBe(2 * RAMP_STEPS_PER_RADIUS);
      }
    }
    expect(atSite).toBeGreaterThan(0);
    expect(far).toBeGreaterThan(1000);
  });
});

describe('buildRamp', () => {
  const A = [0, 200, 40, 255] as const;
  const B = [255, 100, 40, 128] as const;
  const C = [10, 10, 250, 0] as const;
  const NONE = [1, 2, 3, 4] as const;
  const entry = (ramp: Uint8ClampedArray, i: number) => Array.from(ramp.subarray(i * 4, i * 4 + 4));

  it('holds 0 … 2 radii in steps of 1/100, then the "no site" colour: 202 entries', () => {
    const ramp = buildRamp([[0, A], [1, B], [2, C]], NONE);
    expect(ramp.length).toBe(202 * 4);
    expect(entry(ramp, 201)).toEqual([...NONE]);
  });

  it('endpoints equal the stops; in between, each channel moves monotonically and linearly', () => {
    const ramp = buildRamp([[0, A], [1, B], [2, C]], NONE);
    expect(entry(ramp, 0)).toEqual([...A]);
    expect(entry(ramp, 100)).toEqual([...B]);
    expect(entry(ramp, 200)).toEqual([...C]);
    for (const [i0, c0, c1] of [[0, A, B], [100, B, C]] as const) {
      for (let ch = 0; ch < 4; ch++) {
        const sign = Math.sign(c1[ch]! - c0[ch]!);
        for (let i = 0; i <= 100; i++) {
          const v = ramp[(i0 + i) * 4 + ch]!;
          // linear interpolation by hand, rounded to a byte
          expect(Math.abs(v - (c0[ch]! + ((c1[ch]! - c0[ch]!) * i) / 100)), `entry ${i0 + i} channel ${ch}`).toBeLessThanOrEqual(0.5);
          if (i > 0) expect(Math.sign(v - ramp[(i0 + i - 1) * 4 + ch]!) * sign).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('stops inside the range: flat before the first and after the last, the midpoint halfway', () => {
    const ramp = buildRamp([[0.5, A], [1.5, B]], NONE);
    for (let i = 0; i <= 50; i++) expect(entry(ramp, i)).toEqual([...A]);
    for (let i = 150; i <= 200; i++) expect(entry(ramp, i)).toEqual([...B]);
    // halfway between A and B: (0+255)/2, (200+100)/2, 40, (255+128)/2 — to the byte
    const mid = entry(ramp, 100);
    [127.5, 150, 40, 191.5].forEach((want, ch) => expect(Math.abs(mid[ch]! - want)).toBeLessThanOrEqual(0.5));
  });

  it('three stops unevenly spaced: each stop is hit at its own fraction', () => {
    const ramp = buildRamp([[0, A], [0.3, B], [2, C]], NONE);
    expect(entry(ramp, 0)).toEqual([...A]);
    expect(entry(ramp, 30)).toEqual([...B]);
    expect(entry(ramp, 200)).toEqual([...C]);
    // between 0.3 and 2: 1.15 is halfway
    const mid = entry(ramp, 115);
    [(255 + 10) / 2, (100 + 10) / 2, (40 + 250) / 2, 64].forEach((want, ch) => expect(Math.abs(mid[ch]! - want)).toBeLessThanOrEqual(0.5));
  });
});
