/**
 * The density picture (src/map/siteDensity.ts): every site in the box lies in exactly one cell, the
 * cell the map draws at its place — checked against a hand computation of the Web Mercator row and
 * the column — and cells without a site stay transparent.
 */
import { describe, expect, it } from 'vitest';
import { siteDensity } from '../../src/map/siteDensity';
import type { Site } from '../../src/domain/site';

const site = (id: string, lon: number, lat: number, type = 'ev-charging-station'): Site => ({ id, type, lon, lat, status: 'existing' }) as Site;

describe('site density picture', () => {
  it('puts each site in the cell under it (Mercator rows) and counts them', () => {
    const box: [number, number, number, number] = [121, 31, 122, 32];
    // Hand-worked: 4×4 cells; Mercator y of 31° and 32° (radians form ln tan(π/4 + φ/2)).
    const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const rowOf = (lat: number) => Math.floor(((y(32) - y(lat)) / (y(32) - y(31))) * 4);
    // 31.5005° lies in row 2 in Mercator (2.003 rows from the top), in row 1 if cut in degrees (1.998).
    expect(rowOf(31.5005)).toBe(2);
    expect(Math.floor((32 - 31.5005) * 4)).toBe(1);
    const own = [site('a', 121.1, 31.9), site('b', 121.12, 31.95), site('c', 121.6, 31.5005)];
    const others = [site('x', 121.9, 31.05, '5g-macro'), site('out', 123, 31.5, '5g-macro')];
    const d = siteDensity(own, others, box, () => 'charging', 4);
    expect([...d.counts]).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const alpha = (c: number) => d.data[c * 4 + 3];
    expect(alpha(0)).toBeGreaterThan(alpha(10)!); // two sites: stronger than one
    expect(alpha(15)).toBeLessThan(alpha(10)!); // others only: faint
    expect(alpha(1)).toBe(0);
    expect([d.data[0], d.data[1], d.data[2]]).toEqual([0, 128, 96]);
  });

  it('draws 200,000 sites with every one counted once', () => {
    let x = 5;
    const r = () => (x = (x * 48271) % 2147483647) / 2147483647;
    const sites = Array.from({ length: 200_000 }, (_, i) => site(`s${i}`, 121.25 + r() * 0.4, 31.05 + r() * 0.25));
    const d = siteDensity(sites, [], [121.2, 31.0, 121.7, 31.35], () => 'charging');
    expect(d.counts.reduce((a, b) => a + b, 0)).toBe(200_000);
  });
});
