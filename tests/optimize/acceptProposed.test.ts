import { describe, expect, it } from 'vitest';
import { siteSchema, type Site } from '../../src/domain/site';
import { proposedToSites } from '../../src/optimize/acceptProposed';

describe('proposed sites into the scenario', () => {
  it('get free ids, "<word> <n>" names, the chosen type and status, and pass the site schema', () => {
    const existing: Site[] = [
      { id: 'proposed-1', type: 'ev-charging-station', lon: 121.4, lat: 31.1, status: 'existing' },
      { id: 'proposed-3', type: 'ev-charging-station', lon: 121.41, lat: 31.1, status: 'existing' },
    ];
    const added = proposedToSites(existing, [{ lon: 121.45, lat: 31.2, n: 2 }, { lon: 121.46, lat: 31.21, n: 5 }, { lon: 121.47, lat: 31.22, n: 6 }], {
      type: 'ev-charging-pile',
      status: 'planned',
      nameWord: 'proposed',
    });
    expect(added.map((s) => s.id)).toEqual(['proposed-2', 'proposed-4', 'proposed-5']);
    expect(added.map((s) => s.name)).toEqual(['proposed 2', 'proposed 5', 'proposed 6']);
    for (const s of added) {
      expect(s.type).toBe('ev-charging-pile');
      expect(s.status).toBe('planned');
      expect(siteSchema.safeParse(s).success).toBe(true);
    }
    expect(added[1]).toMatchObject({ lon: 121.46, lat: 31.21 });
    expect(added.every((s) => !('year' in s))).toBe(true);
  });

  it('staged by year: each site carries its year and passes the schema', () => {
    const added = proposedToSites([], [{ lon: 121.45, lat: 31.2, n: 1, year: 2021 }, { lon: 121.46, lat: 31.21, n: 2, year: 2022 }], {
      type: 'ev-charging-pile',
      status: 'planned',
      nameWord: '拟建',
    });
    expect(added.map((s) => s.year)).toEqual([2021, 2022]);
    expect(added.every((s) => siteSchema.safeParse(s).success)).toBe(true);
  });
});
