/**
 * Candidates stay on land: checked against the shipped land, sea and river files with turf (an
 * independent point-in-polygon and point-to-line distance), on Minhang (the Huangpu crosses it) and
 * Fengxian (on the sea).
 */
import { booleanPointInPolygon, pointToLineDistance } from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createProjection } from '../../src/coverage/projection';
import { latticeCandidates, boxOf } from '../../src/optimize/candidates';
import { createAreaTest, createLandTest, riverHalfWidthM } from '../../src/optimize/landMask';
import { data, district } from '../geodata/load';

const land = data<Polygon | MultiPolygon>('land.geojson');
const ocean = data<Polygon | MultiPolygon>('ocean.geojson');
const rivers = data<LineString, { kind: string; wdbii_level: number }>('rivers.geojson');
const water = { land: land.features, ocean: ocean.features, rivers: rivers.features };
const test = createLandTest(water);
const projection = createProjection();

/** The WDBII line through Minhang from the south-west to the city centre: the Huangpu. */
const huangpu = rivers.features.find((f) => f.geometry.coordinates.some(([x, y]) => Math.abs(x! - 121.474174) < 1e-6 && Math.abs(y! - 31.03473) < 1e-6))!;

function lattice(adcode: string, spacingM: number) {
  const d = district(adcode);
  const inside = createAreaTest([d.geometry]);
  const rings = (d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates).flat();
  return { d, set: latticeCandidates(boxOf(rings), spacingM, projection, { contains: inside, land: test }) };
}

describe('land test', () => {
  it('a point in the Huangpu in Minhang is refused as river; the sea as sea; a Minhang street as land', () => {
    expect(huangpu).toBeDefined();
    // Midway between two vertices of the river line, inside Minhang.
    const inRiver: [number, number] = [(121.474174 + 121.469718) / 2, (31.03473 + 31.050278) / 2];
    expect(booleanPointInPolygon(inRiver, district('310112'))).toBe(true);
    expect(test(...inRiver)).toBe('river');
    // 150 m off the line is still the river's band; 400 m off is not (nothing else there).
    expect(test(inRiver[0] + 150 / 95_500, inRiver[1])).toBe('river');
    expect(test(inRiver[0] - 400 / 95_500, inRiver[1])).toBe('ok');
    // East China Sea off Nanhui, and the Hangzhou Bay off Fengxian.
    expect(test(122.1, 30.95)).toBe('sea');
    expect(test(121.55, 30.78)).toBe('sea');
    expect(test(121.38, 31.11)).toBe('ok');
  });

  it('no Minhang lattice candidate is within a river band, and all lie in Minhang (turf)', () => {
    const { d, set } = lattice('310112', 500);
    expect(set.candidates.length).toBeGreaterThan(1000);
    expect(set.rejected.some((r) => r.reason === 'river')).toBe(true);
    for (const c of set.candidates) {
      expect(booleanPointInPolygon([c.lon, c.lat], d)).toBe(true);
      for (const r of rivers.features) {
        const m = pointToLineDistance([c.lon, c.lat], r as Feature<LineString>, { units: 'meters' });
        // turf measures on the sphere, the test on the TM plane: allow 1 % either way.
        expect(m).toBeGreaterThan(riverHalfWidthM(r.properties.wdbii_level) * 0.99);
      }
    }
    // The refused ones really are near a river (same tolerance).
    for (const r of set.rejected.filter((x) => x.reason === 'river')) {
      const near = Math.min(...rivers.features.map((f) => pointToLineDistance([r.lon, r.lat], f as Feature<LineString>, { units: 'meters' }) / riverHalfWidthM(f.properties.wdbii_level)));
      expect(near).toBeLessThan(1.01);
    }
  });

  it('no Fengxian lattice candidate is in the sea or off the land polygon (turf)', () => {
    const { set } = lattice('310120', 800);
    expect(set.candidates.length).toBeGreaterThan(500);
    expect(set.rejected.some((r) => r.reason === 'sea' || r.reason === 'off-land')).toBe(true);
    const sea = ocean.features[0]!;
    const ground = land.features[0]!;
    for (const c of set.candidates) {
      expect(booleanPointInPolygon([c.lon, c.lat], sea)).toBe(false);
      expect(booleanPointInPolygon([c.lon, c.lat], ground)).toBe(true);
    }
  });

  it('lattice points are the spacing apart on the TM plane and rounded to 6 decimals', () => {
    const { set } = lattice('310106', 300);
    const p = [0, 0];
    for (const c of set.candidates.slice(0, 50)) {
      expect(Math.round(c.lon * 1e6) / 1e6).toBe(c.lon);
      projection.forward(c.lon, c.lat, p);
      // Within rounding (~0.1 m) of a multiple of 300 m.
      expect(Math.abs(p[0]! / 300 - Math.round(p[0]! / 300)) * 300).toBeLessThan(0.2);
      expect(Math.abs(p[1]! / 300 - Math.round(p[1]! / 300)) * 300).toBeLessThan(0.2);
    }
  });
});
