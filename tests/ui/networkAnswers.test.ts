/** What the app sends the network worker (edits by identity, rule, ground) and how its pictures fold in. */
import { describe, expect, it } from 'vitest';
import type { Site } from '../../src/domain/site';
import type { PictureTile } from '../../src/coverage/picture';
import { applyNetworkPicture, networkChangeOf, networkTargets, NOTHING_SENT, type NetworkWanted } from '../../src/ui/network/networkAnswers';
import type { Target } from '../../src/domain/plan';
import { comparisonRows } from '../../src/ui/network/networkAnswers';
import type { CoverageBreakdown, CoverageResult } from '../../src/domain/coverageResults';

const site = (id: string, lon: number, radiusKm?: number): Site =>
  ({ id, type: 'ev-charging-station', status: 'existing', lon, lat: 31.23, ...(radiusKm === undefined ? {} : { radiusKm }) }) as Site;

const want = (sites: Site[], rule: NetworkWanted['rule'], ground: NetworkWanted['ground'], more: Partial<NetworkWanted> = {}): NetworkWanted => ({ sites, rule, ground, targets: [], compare: null, ...more });

describe('networkChangeOf', () => {
  it('sends everything first, then edits by identity, the rule and the ground only when they change', () => {
    const a = site('a', 121.47);
    const b = site('b', 121.48, 0.5);
    const rule = { insideKm: 0.9, outsideKm: 1.5 };
    const first = networkChangeOf(NOTHING_SENT, want([a, b], rule, 'land'))!;
    expect(first.change).toEqual({ sites: { replace: [{ id: 'a', lon: 121.47, lat: 31.23 }, { id: 'b', lon: 121.48, lat: 31.23, radiusKm: 0.5 }] }, rule, ground: 'land', targets: [] });
    expect(networkChangeOf(first.sent, want([a, b], { ...rule }, 'land'))).toBeNull();
    // A drag step: one upsert; the same rule by value is not sent again.
    const a2 = { ...a, lon: 121.471 };
    const drag = networkChangeOf(first.sent, want([a2, b], { ...rule }, 'land'))!;
    expect(drag.change).toEqual({ sites: { upsert: [{ id: 'a', lon: 121.471, lat: 31.23 }], remove: [] } });
    // Removed, rule and ground changed.
    const next = networkChangeOf(drag.sent, want([a2], { insideKm: 0.5, outsideKm: 0.5 }, 'polygon'))!;
    expect(next.change).toEqual({ sites: { upsert: [], remove: ['b'] }, rule: { insideKm: 0.5, outsideKm: 0.5 }, ground: 'polygon' });
    expect(networkChangeOf(next.sent, want([a2], { insideKm: 0.5, outsideKm: 0.5 }, 'polygon'))).toBeNull();
  });

  it('sends the targets when they change, and the compared sites when their list changes', () => {
    const a = site('a', 121.47);
    const rule = { insideKm: 0.9, outsideKm: 1.5 };
    const first = networkChangeOf(NOTHING_SENT, want([a], rule, 'land'))!;
    const target = { target: { id: 't1' } as Target, parts: [{ part: 'all' as const, radiusKm: 0.9 }] };
    const withTarget = networkChangeOf(first.sent, want([a], rule, 'land', { targets: [target] }))!;
    expect(withTarget.change).toEqual({ targets: [target] });
    const other = [site('x', 121.46)];
    const compared = networkChangeOf(withTarget.sent, want([a], rule, 'land', { targets: [{ ...target }], compare: other }))!;
    expect(compared.change).toEqual({ compare: [{ id: 'x', lon: 121.46, lat: 31.23 }] });
    expect(networkChangeOf(compared.sent, want([a], rule, 'land', { targets: [target], compare: other }))).toBeNull();
    expect(networkChangeOf(compared.sent, want([a], rule, 'land', { targets: [target], compare: null }))!.change).toEqual({ compare: null });
  });
});

describe('networkTargets', () => {
  it('resolves plan and assumption radii; leaves out other targets and unresolved assumptions', () => {
    const t = (id: string, metric: string, rule: unknown[]) => ({ id, metric, goal: { rule } }) as unknown as Target;
    const all = [
      t('plan', 'service-radius', [{ part: 'inside', radiusKm: 0.9 }, { part: 'outside', radiusKm: 1.5 }]),
      t('assumed', 'service-radius', [{ part: 'all', radiusFrom: 'assumption:5g-basic' }]),
      t('missing', 'service-radius', [{ part: 'all', radiusFrom: 'assumption:nope' }]),
      t('count', 'count', []),
      t('other', 'service-radius', [{ part: 'all', radiusKm: 1 }]),
    ];
    const got = networkTargets(all, ['plan', 'assumed', 'missing', 'count'], { '5g-basic': 0.5 });
    expect(got.map((g) => [g.target.id, g.parts])).toEqual([
      ['plan', [{ part: 'inside', radiusKm: 0.9 }, { part: 'outside', radiusKm: 1.5 }]],
      ['assumed', [{ part: 'all', radiusKm: 0.5 }]],
    ]);
  });
});

describe('applyNetworkPicture', () => {
  const tile = (id: number): PictureTile => ({ id, c0: 0, r0: 0, width: 1, height: 1, corners: [[0, 0], [0, 1], [1, 1], [1, 0]] });
  const layout = new Map([1, 2].map((id) => [id, tile(id)]));
  const make = (rgba: Uint8ClampedArray) => [...rgba].join();
  const px = (v: number) => new Uint8ClampedArray([v, 0, 0, 255]).buffer;
  it('keeps tiles by layer and id; a partial update changes only what it lists; a full one replaces all', () => {
    let tiles = applyNetworkPicture(new Map(), { full: true, tiles: [{ id: 1, layer: 'walk', rgba: px(1) }, { id: 1, layer: 'beyond', rgba: px(2) }] }, layout, make);
    expect([...tiles.keys()]).toEqual(['walk:1', 'beyond:1']);
    tiles = applyNetworkPicture(tiles, { full: false, tiles: [{ id: 1, layer: 'beyond', rgba: null }, { id: 2, layer: 'walk', rgba: px(3) }, { id: 9, layer: 'walk', rgba: px(4) }] }, layout, make);
    expect([...tiles.keys()].sort()).toEqual(['walk:1', 'walk:2']);
    expect(applyNetworkPicture(tiles, null, layout, make)).toBe(tiles);
    expect(applyNetworkPicture(tiles, { full: true, tiles: [] }, layout, make).size).toBe(0);
  });
});

describe('comparisonRows', () => {
  const result = (share: number): CoverageResult => {
    const ground = { share, areaKm2: 1, coveredKm2: share, uncoveredKm2: 1 - share, inside: null, outside: null };
    return { land: ground, polygon: ground };
  };
  const breakdown = (d: Record<string, number>, z: Record<string, number> = {}): CoverageBreakdown => ({
    all: result(0),
    districts: Object.fromEntries(Object.entries(d).map(([k, v]) => [k, result(v)])),
    zones: Object.fromEntries(Object.entries(z).map(([k, v]) => [k, result(v)])),
  });
  it('lists the areas the network reaches, districts then zones, with both figures', () => {
    const rows = comparisonRows(breakdown({ '310101': 1, '310104': 0.9 }, { bund: 1 }), breakdown({ '310101': 0.6, '310104': 0.1 }, { bund: 0.5 }), breakdown({ '310101': 0.8, '310104': 0 }, { bund: 0.3 }));
    expect(rows.map((r) => [r.kind, r.id, r.straight?.land.share, r.network.land.share, r.reached.land.share])).toEqual([
      ['district', '310101', 1, 0.6, 0.8],
      ['zone', 'bund', 1, 0.5, 0.3],
    ]);
  });
});
