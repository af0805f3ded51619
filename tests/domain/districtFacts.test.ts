import { describe, expect, it } from 'vitest';
import { districtFacts } from '../../src/domain/districtFacts';
import type { District, PopulationRow } from '../../src/domain/geodata';

// A 0.1° × 0.1° square at 31° N, worked by hand: 0.1° of latitude ≈ 11.12 km (Earth radius
// 6,371,008.8 m × π/1800) and 0.1° of longitude ≈ 11.12 km × cos(31.05°) ≈ 9.527 km,
// so the area ≈ 105.9 km².
const square: District = {
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [[[121.3, 31.0], [121.4, 31.0], [121.4, 31.1], [121.3, 31.1], [121.3, 31.0]]] },
  properties: { adcode: '310112', name: '闵行区', name_en: 'Minhang District', name_pinyin: 'Minhang', area_km2_geodesic: 1 },
};
const rows: PopulationRow[] = [
  { adcode: '310112', name: '闵行区', name_en: 'Minhang District', population_2020_census: 1_059_000, area_km2_geodesic_polygon: 1 },
];

describe('districtFacts', () => {
  it('computes the area from the polygon, not from the recorded value', () => {
    const facts = districtFacts(square, rows, []);
    const R = 6371008.8;
    const side = (R * Math.PI) / 1800 / 1000;
    const expected = side * side * Math.cos((31.05 * Math.PI) / 180);
    expect(Math.abs(facts.areaKm2 - expected) / expected).toBeLessThan(0.002);
  });

  it('joins the census row and works out density', () => {
    const facts = districtFacts(square, rows, []);
    expect(facts.population).toBe(1_059_000);
    expect(facts.densityPerKm2! * facts.areaKm2).toBeCloseTo(1_059_000, 3);
    expect(facts.plan?.number).toBe('闵府发〔2020〕16号');
  });

  it('has no population or plan for a district without them', () => {
    const other = { ...square, properties: { ...square.properties, adcode: '310101' } };
    const facts = districtFacts(other, rows, undefined);
    expect(facts.population).toBeNull();
    expect(facts.densityPerKm2).toBeNull();
    expect(facts.plan).toBeUndefined();
  });
});
