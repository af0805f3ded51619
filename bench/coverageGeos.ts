/**
 * GEOS baseline of the coverage benchmark (`npm run bench:coverage`, bench/coverageVsGeos.ts): the
 * covered share the way a QGIS / PostGIS user computes it, through GEOS 3.13 compiled to WebAssembly
 * (`geos-wasm`), in this process:
 *
 *   project the sites → GEOSBuffer each (radius of the ring part) → GEOSUnaryUnion →
 *   GEOSIntersection with the area's inside / outside-Outer-Ring part → GEOSArea → share.
 *
 * Plane: the engine's own transverse Mercator (src/coverage/projection.ts, WGS-84, central meridian
 * 121.5° E; scale error < 0.01 % over Shanghai), so GEOS and the engine measure areas on the same
 * plane and a difference in share is the rasterisation's or the circles' polygonisation's alone.
 *
 * Circles: GEOSBuffer of a point with q segments per quarter circle is a regular 4q-gon inscribed in
 * the circle; its area is (4q / 2π)·sin(2π / 4q) of the disc's — 0.64 % less at q = 8 (PostGIS'
 * default), 0.04 % less at q = 32, the setting the shares are compared at. A union of such polygons
 * loses at most that fraction of its covered area (overlaps only shrink the loss), so at q = 32 the
 * polygonisation reads ≤ 0.04 % × covered share low (≤ 0.03 pp at 75 %).
 *
 * What is timed: projecting the sites, buffering, the union, the intersections and the areas. What
 * is not (prepared once, as the engine's grid is): the area's parts, i.e. the districts projected,
 * their union (the city) and its intersection with / difference from the Outer Ring area.
 */
import initGeosJs from 'geos-wasm';
import helpers from 'geos-wasm/helpers';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Projection } from '../src/coverage/projection';
import type { CoverageRule } from '../src/coverage/engine';
import type { BenchSite } from './coverageSites';

type Geos = Awaited<ReturnType<typeof initGeosJs>>;
type Ptr = number;

const GEOS_GEOMETRYCOLLECTION = 7;

/** Area of a regular 4q-gon inscribed in a circle, over the circle's. */
export const polygonisedAreaRatio = (quadSegs: number) => {
  const n = 4 * quadSegs;
  return (n / (2 * Math.PI)) * Math.sin((2 * Math.PI) / n);
};

/** The area split by the Outer Ring, on the projected plane, as GEOS geometries (prepared once). */
export interface GeosParts {
  inside: Ptr | null;
  outside: Ptr | null;
  insideM2: number;
  outsideM2: number;
}

export class GeosBaseline {
  private readonly areaPtr: Ptr;

  private constructor(readonly geos: Geos, readonly projection: Projection) {
    this.areaPtr = geos.Module._malloc(8);
  }

  static async create(projection: Projection): Promise<GeosBaseline> {
    return new GeosBaseline(await initGeosJs(), projection);
  }

  area(g: Ptr): number {
    this.geos.GEOSArea(g, this.areaPtr);
    return this.geos.Module.getValue(this.areaPtr, 'double') as number;
  }

  /** A GeoJSON polygon / multipolygon in WGS-84, projected onto the plane, as a valid GEOS geometry. */
  fromLonLat(g: Polygon | MultiPolygon): Ptr {
    const p = new Float64Array(2);
    const ring = (r: number[][]) => r.map((c) => {
      this.projection.forward(c[0]!, c[1]!, p);
      return [p[0]!, p[1]!];
    });
    const projected: Geometry = g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
    const geom = helpers.geojsonToGeosGeom(projected, this.geos);
    if (this.geos.GEOSisValid(geom) === 1) return geom;
    const valid = this.geos.GEOSMakeValid(geom);
    this.geos.GEOSGeom_destroy(geom);
    return valid;
  }

  /** A collection of geometries (it takes ownership of them). */
  private collection(geoms: readonly Ptr[]): Ptr {
    const { Module } = this.geos;
    const arr = Module._malloc(4 * Math.max(1, geoms.length));
    // Emscripten's setValue is (ptr, value, type); geos-wasm's typings have the last two swapped.
    const setValue = Module.setValue as unknown as (ptr: number, value: number, type: string) => void;
    geoms.forEach((g, i) => setValue(arr + 4 * i, g, 'i32'));
    const c = this.geos.GEOSGeom_createCollection(GEOS_GEOMETRYCOLLECTION, arr, geoms.length);
    Module._free(arr);
    return c;
  }

  /** The union of areas (lon/lat polygons) split by the Outer Ring area: the parts the rule counts. */
  parts(areas: ReadonlyArray<Polygon | MultiPolygon>, ring: ReadonlyArray<Polygon | MultiPolygon>): GeosParts {
    const g = this.geos;
    const whole = areas.length === 1 ? this.fromLonLat(areas[0]!) : (() => {
      const c = this.collection(areas.map((a) => this.fromLonLat(a)));
      const u = g.GEOSUnaryUnion(c);
      g.GEOSGeom_destroy(c);
      return u;
    })();
    const ringC = this.collection(ring.map((r) => this.fromLonLat(r)));
    const ringU = g.GEOSUnaryUnion(ringC);
    g.GEOSGeom_destroy(ringC);
    const inside = g.GEOSIntersection(whole, ringU);
    const outside = g.GEOSDifference(whole, ringU);
    g.GEOSGeom_destroy(whole);
    g.GEOSGeom_destroy(ringU);
    return { inside, outside, insideM2: this.area(inside), outsideM2: this.area(outside) };
  }

  /**
   * Covered share of the parts under the rule: buffer → union → intersection → area (the timed step).
   * @param quadSegs segments per quarter circle of each buffer.
   */
  share(parts: GeosParts, sites: readonly BenchSite[], rule: CoverageRule, quadSegs: number): { share: number; coveredM2: number } {
    const g = this.geos;
    const xy = new Float64Array(2 * sites.length);
    const p = new Float64Array(2);
    sites.forEach((s, i) => {
      this.projection.forward(s.lon, s.lat, p);
      xy[2 * i] = p[0]!;
      xy[2 * i + 1] = p[1]!;
    });
    let covered = 0;
    let total = 0;
    for (const [part, km, m2] of [[parts.inside, rule.insideKm, parts.insideM2], [parts.outside, rule.outsideKm, parts.outsideM2]] as const) {
      if (part === null || km === null) continue;
      total += m2;
      const discs: Ptr[] = [];
      for (let i = 0; i < sites.length; i++) {
        const pt = g.GEOSGeom_createPointFromXY(xy[2 * i]!, xy[2 * i + 1]!);
        discs.push(g.GEOSBuffer(pt, km * 1000, quadSegs));
        g.GEOSGeom_destroy(pt);
      }
      const c = this.collection(discs);
      const u = g.GEOSUnaryUnion(c);
      g.GEOSGeom_destroy(c);
      const cov = g.GEOSIntersection(part, u);
      covered += this.area(cov);
      g.GEOSGeom_destroy(u);
      g.GEOSGeom_destroy(cov);
    }
    return { share: total > 0 ? covered / total : 0, coveredM2: covered };
  }
}
