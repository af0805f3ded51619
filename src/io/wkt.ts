/**
 * Well-known text (WKT) of the geometries a population table carries: POINT, POLYGON and
 * MULTIPOLYGON (an `SRID=4326;` prefix and Z / M ordinates are accepted and dropped). Returns GeoJSON
 * geometry, or throws an Error saying what is wrong, at which character.
 */
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';

export type WktGeometry = Point | Polygon | MultiPolygon;

/**
 * Parses one WKT geometry.
 * @example parseWkt('POLYGON((121 31, 121.1 31, 121.1 31.1, 121 31))') // { type: 'Polygon', coordinates: [[…]] }
 */
export function parseWkt(text: string): WktGeometry {
  let s = text.trim();
  const srid = /^SRID=(\d+);/i.exec(s);
  if (srid) {
    if (srid[1] !== '4326') throw new Error(`SRID ${srid[1]} is not 4326 (WGS-84 longitude/latitude)`);
    s = s.slice(srid[0].length);
  }
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at character ${i + 1} of "${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`);
  };
  const space = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const expect = (ch: string) => {
    space();
    if (s[i] !== ch) fail(`expected "${ch}"`);
    i++;
  };
  const word = (): string => {
    space();
    const m = /^[A-Za-z]+/.exec(s.slice(i));
    if (!m) fail('expected a geometry type');
    i += m![0].length;
    return m![0].toUpperCase();
  };
  const position = (): Position => {
    const nums: number[] = [];
    for (;;) {
      space();
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
      if (!m) break;
      nums.push(Number(m[0]));
      i += m[0].length;
    }
    if (nums.length < 2) fail('expected a coordinate pair');
    return [nums[0]!, nums[1]!];
  };
  const list = <T,>(item: () => T): T[] => {
    expect('(');
    const out = [item()];
    for (;;) {
      space();
      if (s[i] === ',') {
        i++;
        out.push(item());
      } else break;
    }
    expect(')');
    return out;
  };
  const ring = (): Position[] => {
    const r = list(position);
    if (r.length < 4) fail(`a ring needs 4 positions or more, this one has ${r.length}`);
    const [a, b] = [r[0]!, r[r.length - 1]!];
    if (a[0] !== b[0] || a[1] !== b[1]) r.push([a[0]!, a[1]!]); // close it, as most writers do
    return r;
  };
  const polygon = () => list(ring);
  const type = word();
  // Z, M or ZM after the type name.
  space();
  const dims = /^(ZM|Z|M)\b/i.exec(s.slice(i));
  if (dims) i += dims[0].length;
  space();
  if (/^EMPTY\b/i.test(s.slice(i))) fail(`${type} EMPTY has no coordinates`);
  let g: WktGeometry;
  if (type === 'POINT') {
    expect('(');
    g = { type: 'Point', coordinates: position() };
    expect(')');
  } else if (type === 'POLYGON') g = { type: 'Polygon', coordinates: polygon() };
  else if (type === 'MULTIPOLYGON') g = { type: 'MultiPolygon', coordinates: list(polygon) };
  else return fail(`${type} is not a point or a polygon`);
  space();
  if (i < s.length) fail('unexpected text after the geometry');
  return g;
}
