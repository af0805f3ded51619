/**
 * The reference checks against independent computations (turf's point-in-polygon and
 * point-to-line distance), and the offset detector on real metro stations shifted by the published
 * formulas (tests/io/referenceCrs.ts), on roads, and on points that fit nothing — where it must
 * decline to guess.
 */
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon, distance, lineString, multiPolygon, point, pointToLineDistance } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createReference, detectOffset, MIN_POINTS, outsideCityWarnings, type ReferenceGeodata } from '../../src/io/offsetDetection';
import { referenceGcjToBd, referenceWgsToGcj } from './referenceCrs';

type FC = NonNullable<ReferenceGeodata['municipal']>;
const data = <T = FC>(name: string) => JSON.parse(readFileSync(new URL(`../../public/data/${name}`, import.meta.url), 'utf8')) as T;
const municipal = data<{ features: { geometry: MultiPolygon }[] }>('municipal.geojson');
const stationsFc = data<{ features: { geometry: { coordinates: [number, number] } }[] }>('metro-stations.geojson');
const reference = createReference({
  municipal: municipal as unknown as FC,
  metroStations: stationsFc as unknown as FC,
  metroLines: data('metro-lines.geojson'),
  elevatedRoads: data('elevated-roads.geojson'),
});
const stations = stationsFc.features.map((f) => f.geometry.coordinates);

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

describe('reference geometry against turf', () => {
  it('inside Shanghai’s outline: agrees with turf.booleanPointInPolygon at 3,000 random points', () => {
    const random = lcg(5);
    const outline = multiPolygon(municipal.features[0]!.geometry.coordinates);
    let inside = 0;
    for (let i = 0; i < 3000; i++) {
      const p: [number, number] = [120.7 + random() * 1.4, 30.6 + random() * 1.3];
      const want = booleanPointInPolygon(point(p), outline);
      expect(reference.inCity!(p[0], p[1]), `${p}`).toBe(want);
      if (want) inside++;
    }
    expect(inside).toBeGreaterThan(500); // both answers well represented
    expect(inside).toBeLessThan(2500);
  });

  it('distance to the nearest feature: agrees with turf within 1 % on a hand-made line and point', () => {
    const line = lineString([
      [121.4, 31.2],
      [121.42, 31.21],
      [121.43, 31.25],
    ]);
    const stop: [number, number] = [121.5, 31.3];
    const ref = createReference({
      metroLines: { features: [{ geometry: line.geometry }] },
      metroStations: { features: [{ geometry: { type: 'Point', coordinates: stop } }] },
    });
    const random = lcg(9);
    for (let i = 0; i < 300; i++) {
      const p: [number, number] = [121.38 + random() * 0.15, 31.18 + random() * 0.14];
      const want = Math.min(pointToLineDistance(point(p), line, { units: 'meters' }), distance(point(p), point(stop), { units: 'meters' }));
      const got = ref.nearestFeatureM!(p[0], p[1], 50_000);
      expect(Math.abs(got - want), `${p}: ${got} vs ${want}`).toBeLessThan(Math.max(1, want * 0.01));
    }
    // Beyond the cap the answer is the cap.
    expect(ref.nearestFeatureM!(121.0, 31.0, 500)).toBe(500);
  });
});

describe('detectOffset', () => {
  const sample = stations.filter((_, i) => i % 7 === 0); // 59 stations all over the city

  it('names GCJ-02 and BD-09 for stations shifted by the published formulas, WGS-84 for the stations as they are', () => {
    const gcj = sample.map(([x, y]) => referenceWgsToGcj(x, y));
    const bd = gcj.map(([x, y]) => referenceGcjToBd(x, y));
    expect(detectOffset(sample, reference)).toMatchObject({ likely: 'wgs84', confidence: 'high' });
    expect(detectOffset(gcj, reference)).toMatchObject({ likely: 'gcj02', confidence: 'high', basis: 'features' });
    expect(detectOffset(bd, reference)).toMatchObject({ likely: 'bd09', confidence: 'high', basis: 'features' });
  });

  it('still names GCJ-02 when the sites stand up to 100 m from the stations', () => {
    const random = lcg(77);
    const near = sample.map(([x, y]) => [x + ((random() - 0.5) * 200) / 95_000, y + ((random() - 0.5) * 200) / 110_950] as [number, number]);
    const report = detectOffset(near.map(([x, y]) => referenceWgsToGcj(x, y)), reference);
    expect(report.likely).toBe('gcj02');
  });

  it('declines to guess for points scattered at random, whatever system they were written in', () => {
    const random = lcg(123);
    let guesses = 0;
    for (let trial = 0; trial < 60; trial++) {
      const pts: [number, number][] = [];
      while (pts.length < 40) {
        const p: [number, number] = [121.1 + random() * 0.7, 30.9 + random() * 0.5];
        if (reference.inCity!(p[0], p[1])) pts.push(p);
      }
      const written = trial % 2 ? pts.map(([x, y]) => referenceWgsToGcj(x, y)) : pts;
      if (detectOffset(written, reference).likely !== null) guesses++;
    }
    expect(guesses).toBeLessThanOrEqual(1);
  });

  it(`needs at least ${MIN_POINTS} points`, () => {
    const few = sample.slice(0, MIN_POINTS - 1).map(([x, y]) => referenceWgsToGcj(x, y));
    expect(detectOffset(few, reference)).toMatchObject({ likely: null, scores: [] });
    const enough = sample.slice(0, MIN_POINTS).map(([x, y]) => referenceWgsToGcj(x, y));
    expect(detectOffset(enough, reference).scores).toHaveLength(3);
  });

  it('without the map’s features it says nothing', () => {
    expect(detectOffset(sample, createReference({}))).toMatchObject({ likely: null, scores: [] });
  });
});

describe('outsideCityWarnings', () => {
  it('flags Kunshan and a point off Chongming in the sea, not People’s Square', () => {
    const sites = [
      { lon: 121.4737, lat: 31.2304 },
      { lon: 120.98, lat: 31.38 },
      { lon: 122.2, lat: 31.4 },
    ];
    const w = outsideCityWarnings(sites, [2, 3, 4], reference);
    expect(w.map((p) => [p.row, p.field, p.code])).toEqual([
      [3, 'position', 'outsideCity'],
      [4, 'position', 'outsideCity'],
    ]);
    expect(w[0]!.reason).toMatch(/outside Shanghai's outline/);
  });
});
