/**
 * One rule for a piece of ground (src/domain/serviceRule.ts) and the drawn service areas that follow
 * it (src/domain/serviceArea.ts). Areas are checked by sampling points: a point is in a site's drawn
 * area exactly when it is within the radius that serves its own side of the Outer Ring (turf distance
 * and turf point-in-polygon, written apart from the clipping), away from the edges by more than the
 * 64-gon's chord error.
 */
import { booleanPointInPolygon, destination, distance, point, pointToLineDistance, polygonToLine } from '@turf/turf';
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createServiceAreas, type ServiceArea } from '../../src/domain/serviceArea';
import { groundRadiusKm, groundRadiusM, siteReachKm } from '../../src/domain/serviceRule';
import { data } from '../geodata/load';

const rule = { insideKm: 0.9, outsideKm: 1.5 };

describe('groundRadiusKm: the radius belongs to the ground', () => {
  it('hand-worked cases', () => {
    expect(groundRadiusKm(rule, 'inside')).toBe(0.9);
    expect(groundRadiusKm(rule, 'outside')).toBe(1.5);
    // A site's own radius serves both sides…
    expect(groundRadiusKm(rule, 'inside', 3)).toBe(3);
    expect(groundRadiusKm(rule, 'outside', 0.2)).toBe(0.2);
    // …but a side the rule leaves out is not counted at all.
    expect(groundRadiusKm({ insideKm: null, outsideKm: 1.5 }, 'inside', 3)).toBeNull();
    expect(groundRadiusM({ insideKm: 0.9, outsideKm: null }, 'outside')).toBe(-1);
    expect(groundRadiusM(rule, 'inside')).toBe(900);
    expect(siteReachKm(rule)).toBe(1.5);
    expect(siteReachKm(rule, 4)).toBe(4);
    expect(siteReachKm({ insideKm: null, outsideKm: null }, 4)).toBe(0);
  });
});

const ring = data<Polygon | MultiPolygon>('outer-ring-area.geojson').features as Feature<Polygon | MultiPolygon>[];
const edges = ring.flatMap((f) => {
  const l = polygonToLine(f) as Feature<LineString | MultiLineString> | { features: Feature<LineString | MultiLineString>[] };
  return 'features' in l ? l.features : [l];
});
const edgeM = (p: [number, number]) => Math.min(...edges.map((e) => pointToLineDistance(p, e as Feature<LineString>, { units: 'meters' })));
const insideRing = (p: [number, number]) => ring.some((f) => booleanPointInPolygon(point(p), f));

/** Park–Miller PRNG. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function inArea(area: ServiceArea, site: [number, number], p: [number, number]): boolean {
  if (area.kind === 'none') return false;
  if (area.kind === 'disc') return distance(site, p, { units: 'meters' }) <= area.radiusM;
  return booleanPointInPolygon(point(p), { type: 'Feature', properties: {}, geometry: area.geometry });
}

describe('createServiceAreas: what a site is drawn to serve is what the rule counts', () => {
  const areas = createServiceAreas(ring);
  // Sites on both sides of the S20, 100–1400 m from it, around the ring; and two far from it.
  const rnd = prng(7);
  const near: Array<[number, number]> = [];
  const line = edges[0]! as Feature<LineString>;
  const coords = line.geometry.coordinates;
  for (let i = 0; near.length < 12; i += Math.floor(coords.length / 13)) {
    const [x, y] = coords[i % coords.length]!;
    const p = destination([x!, y!], 0.1 + rnd() * 1.3, rnd() * 360, { units: 'kilometers' }).geometry.coordinates as [number, number];
    near.push(p);
  }

  const cases: Array<[string, { insideKm: number | null; outsideKm: number | null }, number | undefined, string]> = [
    ['the plan rule 0.9 / 1.5 km', rule, undefined, 'clipped'],
    ['a reversed rule 1.5 / 0.9 km', { insideKm: 1.5, outsideKm: 0.9 }, undefined, 'clipped'],
    ['a rule for the outside only (1.5 km)', { insideKm: null, outsideKm: 1.5 }, undefined, 'clipped'],
    ['the plan rule, each site with its own 2.2 km radius', rule, 2.2, 'disc'],
  ];
  for (const [what, r, own, kind] of cases) {
    it(`sites within 1.5 km of the S20, ${what}: 250 points around each, in the area ⇔ served (turf)`, () => {
      const kinds = new Set<string>();
      let checked = 0;
      for (const site of near) {
        const area = areas.areaOf({ lon: site[0], lat: site[1], ...(own ? { radiusKm: own } : {}) }, r);
        kinds.add(area.kind);
        for (let n = 0; n < 250; n++) {
          const p = destination(site, rnd() * 2.4, rnd() * 360, { units: 'kilometers' }).geometry.coordinates as [number, number];
          const d = distance(site, p, { units: 'meters' });
          const km = insideRing(p) ? groundRadiusKm(r, 'inside', own) : groundRadiusKm(r, 'outside', own);
          const radius = km === null ? -1 : km * 1000;
          // Skip points within 5 m of the disc's edge (64-gon chords: ≤ 1.8 m) or of the ring's edge.
          if (Math.abs(d - radius) < 5 || (d < 1510 && edgeM(p) < 5)) continue;
          expect(inArea(area, site, p), `site ${site.join(',')} point ${p.join(',')} d ${d.toFixed(0)} r ${radius}`).toBe(d <= radius);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(2000);
      expect([...kinds].filter((k) => k !== 'none')).toEqual([kind]);
    });
  }

  it('far from the S20 a site is a plain disc of its side’s radius (or nothing where its side is not counted)', () => {
    const peoplesSquare = { lon: 121.4737, lat: 31.2304 };
    const songjiang = { lon: 121.2236, lat: 31.0307 };
    expect(areas.areaOf(peoplesSquare, rule)).toEqual({ kind: 'disc', radiusM: 900 });
    expect(areas.areaOf(songjiang, rule)).toEqual({ kind: 'disc', radiusM: 1500 });
    expect(areas.areaOf(songjiang, { insideKm: 0.9, outsideKm: null })).toEqual({ kind: 'none' });
    expect(areas.areaOf({ ...peoplesSquare, radiusKm: 0.3 }, rule)).toEqual({ kind: 'disc', radiusM: 300 });
    // Without a ring every site serves the outside radius.
    expect(createServiceAreas([]).areaOf(peoplesSquare, rule)).toEqual({ kind: 'disc', radiusM: 1500 });
  });
});
