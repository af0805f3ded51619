import { describe, expect, it } from 'vitest';
import { positionSchema, polygonSchema } from '../../src/domain/geojson';

describe('positionSchema', () => {
  it('accepts a People’s Square position', () => {
    expect(positionSchema.safeParse([121.475, 31.232]).success).toBe(true);
  });
  it('rejects swapped latitude/longitude with a message that says so', () => {
    const r = positionSchema.safeParse([31.232, 121.475]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/outside the Shanghai region/);
  });
});

describe('polygonSchema', () => {
  it('rejects an unclosed ring', () => {
    const r = polygonSchema.safeParse({
      type: 'Polygon',
      coordinates: [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.3]]],
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/closed/);
  });
});
