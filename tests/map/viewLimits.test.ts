import { describe, expect, it } from 'vitest';
import { clampView, MAP_MAX_ZOOM, MAP_MIN_ZOOM } from '../../src/map/viewLimits';

const bounds: [[number, number], [number, number]] = [
  [120.7, 30.55],
  [122.9, 32.0],
];

describe('view limits', () => {
  it('a view inside is kept as it is', () => {
    const view = { lon: 121.4, lat: 31.2, zoom: 12 };
    expect(clampView(view, bounds)).toEqual({ view, adjusted: null });
    expect(clampView({ ...view, zoom: MAP_MIN_ZOOM }, bounds).adjusted).toBeNull();
    expect(clampView({ ...view, zoom: MAP_MAX_ZOOM }, bounds).adjusted).toBeNull();
  });

  it('a zoom outside the range goes to its nearest end; a centre outside the extent to its nearest edge', () => {
    expect(clampView({ lon: 121.4, lat: 31.2, zoom: 3 }, bounds)).toEqual({
      view: { lon: 121.4, lat: 31.2, zoom: MAP_MIN_ZOOM },
      adjusted: { zoom: { from: 3, to: MAP_MIN_ZOOM }, centre: null },
    });
    expect(clampView({ lon: 120.2, lat: 32.5, zoom: 24 }, bounds)).toEqual({
      view: { lon: 120.7, lat: 32.0, zoom: MAP_MAX_ZOOM },
      adjusted: { zoom: { from: 24, to: MAP_MAX_ZOOM }, centre: { from: [120.2, 32.5], to: [120.7, 32.0] } },
    });
  });
});
