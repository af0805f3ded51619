/**
 * The one point-in-area test (src/domain/pointInArea.ts) answers as turf's booleanPointInPolygon with
 * `ignoreBoundary: false` (written apart): on every shipped district at random points and at its
 * vertices (exactly on the boundary), and on a hand-made square with a hole.
 */
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { areaRings, createAreaTest, inArea, ringSide } from '../../src/domain/pointInArea';
import { data } from '../geodata/load';

const turfIn = (f: Feature<Polygon | MultiPolygon> | Polygon, x: number, y: number) => booleanPointInPolygon(point([x, y]), f, { ignoreBoundary: false });

describe('point in area', () => {
  it('a square with a hole, by hand: inside, in the hole, on the outer edge, on the hole edge, outside', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
        [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]],
      ],
    };
    const test = createAreaTest([square]);
    expect(test(0.5, 0.5)).toBe(true);
    expect(test(2, 2)).toBe(false); // in the hole
    expect(test(4, 2)).toBe(true); // on the outer edge
    expect(test(0, 0)).toBe(true); // a vertex
    expect(test(3, 2)).toBe(true); // on the hole's edge: still the area's boundary
    expect(test(5, 2)).toBe(false);
    expect(ringSide([0, 0, 4, 0, 4, 4, 0, 4], 2, 0)).toBe(0);
    expect(ringSide([0, 0, 4, 0, 4, 4, 0, 4], 2, 2)).toBe(1);
  });

  it('agrees with turf on every district: random points, and the vertices (exactly on the boundary)', () => {
    const districts = data<Polygon | MultiPolygon>('districts.geojson').features;
    let x = 13;
    const r = () => (x = (x * 48271) % 2147483647) / 2147483647;
    let checked = 0;
    for (const f of districts) {
      const rings = areaRings([f.geometry]);
      const [w, s, e, n] = rings.box;
      for (let k = 0; k < 150; k++) {
        const px = w + r() * (e - w);
        const py = s + r() * (n - s);
        expect(inArea(rings, px, py), `${f.properties?.adcode} ${px},${py}`).toBe(turfIn(f, px, py));
        checked++;
      }
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const ring = polys[0]![0]!;
      for (let i = 0; i + 1 < ring.length; i += Math.max(1, Math.floor(ring.length / 40))) {
        const [ax, ay] = ring[i]!;
        expect(inArea(rings, ax!, ay!)).toBe(true);
        expect(turfIn(f, ax!, ay!)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2_500);
  });
});
