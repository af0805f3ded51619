/**
 * The coverage worker's compute step (src/worker/coverageSession.ts), run in Node on the shipped
 * districts, zones, Outer Ring and land with the illustrative sample, at 100 m cells:
 * - the layer's figures equal a fresh CoverageEngine's breakdown of the same sites;
 * - the picture after a one-site edit is the previous picture with only the changed tiles replaced,
 *   and equals a full repaint tile for tile;
 * - a change of layer, mode or ground repaints in full;
 * - engines are released when no longer needed: after the distance picture (twice the radius) and
 *   for a layer whose sites are all gone (no city-sized field of nothing is kept).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CoverageSession } from '../../src/worker/coverageSession';
import { CoverageEngine } from '../../src/coverage/engine';
import { resolveViewRule } from '../../src/domain/coverageViews';
import { assumptionValues } from '../../src/domain/assumptions';
import { BUNDLED_ASSUMPTIONS } from '../../src/domain/bundledPlans';
import type { Site } from '../../src/domain/site';
import type { PictureUpdate } from '../../src/worker/coverageProtocol';
import { sampleSites, shippedSession } from './shippedSession';

const CELL_M = 100;
let session: CoverageSession;
let sites: Site[];
const assumptions = assumptionValues(BUNDLED_ASSUMPTIONS);
const CHARGING_VIEW = 'ev-charging-pile+ev-charging-station+ev-fast-charging-pile|inside:0.9,outside:1.5';

beforeAll(() => {
  sites = sampleSites();
  session = shippedSession(CELL_M, { sites });
});

/** The whole picture as tile id → RGBA bytes, kept up to date from updates. */
function apply(held: Map<number, string>, update: PictureUpdate | null): void {
  if (!update) return;
  if (update.full) held.clear();
  for (const t of update.tiles) {
    if (t.rgba === null) held.delete(t.id);
    else held.set(t.id, Buffer.from(t.rgba).toString('base64'));
  }
}

describe('CoverageSession', () => {
  it('the layer figures are a fresh engine’s breakdown of the same sites, on land and on the polygon', () => {
    expect(session.views.has(CHARGING_VIEW)).toBe(true);
    session.setView(CHARGING_VIEW, 'gaps');
    const u = session.compute();
    expect(u.results.length).toBe(session.targets.length);
    const view = session.views.get(CHARGING_VIEW)!;
    const rule = resolveViewRule(view, assumptions)!;
    const types = new Set<string>(view.facilities);
    const engine = new CoverageEngine(session.grid, { maxDistanceM: 1500 });
    engine.setSites(sites.filter((s) => types.has(s.type)));
    expect(u.view!.breakdown).toEqual(engine.breakdown(rule));
    expect(u.view!.breakdown.districts['310112']!.land.areaKm2).toBeLessThan(u.view!.breakdown.districts['310112']!.polygon.areaKm2);
    expect(u.picture?.full).toBe(true);
  });

  it('a one-site move sends only the tiles it touches, and the patched picture equals a full repaint', () => {
    session.setView(CHARGING_VIEW, 'none');
    session.compute();
    session.setView(CHARGING_VIEW, 'gaps');
    const held = new Map<number, string>();
    const first = session.compute().picture;
    expect(first?.full).toBe(true);
    apply(held, first);
    const site = sites.find((s) => s.type === 'ev-charging-station' && s.lon > 121.3 && s.lon < 121.5 && s.lat > 31.05 && s.lat < 31.2)!;
    for (const [dLon, dLat] of [[0.004, 0], [0, -0.02], [0.2, 0.1]] as const) {
      const moved = { ...site, lon: site.lon + dLon, lat: site.lat + dLat };
      session.applySites({ upsert: [moved], remove: [] });
      const u = session.compute();
      expect(u.picture?.full).toBe(false);
      expect(u.picture!.tiles.length).toBeGreaterThan(0);
      expect(u.picture!.tiles.length).toBeLessThanOrEqual(8);
      apply(held, u.picture);
      // A fresh session painting everything from scratch.
      const fresh = shippedSession(CELL_M, { targets: session.targets, sites: sites.map((s) => (s.id === site.id ? moved : s)) });
      fresh.setView(CHARGING_VIEW, 'gaps');
      const all = new Map<number, string>();
      apply(all, fresh.compute().picture);
      expect(held).toEqual(all);
      session.applySites({ upsert: [site], remove: [] });
      apply(held, session.compute().picture);
    }
  });

  it('a change of layer, mode or ground repaints in full; no change sends no picture', () => {
    session.setView(CHARGING_VIEW, 'gaps');
    session.compute();
    expect(session.compute().picture).toBeNull();
    session.setView(CHARGING_VIEW, 'gaps', 'polygon');
    expect(session.compute().picture?.full).toBe(true);
    session.setView(CHARGING_VIEW, 'distance', 'polygon');
    expect(session.compute().picture).toMatchObject({ full: true, mode: 'distance' });
    session.setView(CHARGING_VIEW, 'none');
    expect(session.compute().picture).toMatchObject({ full: true, mode: 'none', tiles: [] });
    const other = [...session.views.keys()].find((id) => id !== CHARGING_VIEW)!;
    session.setView(other, 'gaps');
    expect(session.compute().picture).toMatchObject({ full: true, viewId: other });
  });

  it('the first picture apart: the figures come without it, paintDeferred gives the very picture painted inline; later pictures ride along', () => {
    const make = () => {
      const s = shippedSession(CELL_M, { targets: session.targets, sites });
      s.setView(CHARGING_VIEW, 'gaps');
      return s;
    };
    const inline = make().compute();
    const apart = make();
    // Before the layer is chosen (the start's first settings) nothing is drawn: the layer's picture still comes apart.
    apart.setView(null, 'gaps');
    expect(apart.compute({ firstPictureApart: true })).toMatchObject({ pictureFollows: false });
    apart.setView(CHARGING_VIEW, 'gaps');
    // A picture left unpainted (the sites came meanwhile) is painted by the next computation, apart again.
    expect(apart.compute({ firstPictureApart: true }).pictureFollows).toBe(true);
    const first = apart.compute({ firstPictureApart: true });
    expect(first.picture).toBeNull();
    expect(first.pictureFollows).toBe(true);
    expect(first.results).toEqual(inline.results);
    expect(first.view).toEqual(inline.view);
    const held = new Map<number, string>();
    const all = new Map<number, string>();
    apply(held, apart.paintDeferred());
    apply(all, inline.picture);
    expect(held.size).toBeGreaterThan(0);
    expect(held).toEqual(all);
    expect(apart.paintDeferred()).toBeNull(); // painted once
    // Once a picture is out, a new layer's whole picture rides with its figures.
    apart.setView(CHARGING_VIEW, 'distance');
    const next = apart.compute({ firstPictureApart: true });
    expect(next).toMatchObject({ pictureFollows: false, picture: { full: true, mode: 'distance' } });
  });

  it('the distance picture’s larger engine is released once it is off; a layer with no sites holds no engine', () => {
    const key = session.views.get(CHARGING_VIEW)!.facilities.join('+');
    session.setView(CHARGING_VIEW, 'distance');
    session.compute();
    expect(session.heldEngines().find((e) => e.key === key)?.capM).toBe(3000);
    session.setView(CHARGING_VIEW, 'gaps');
    session.compute(); // served by the larger engine once more, then released…
    session.compute(); // …and rebuilt at the rule's radius
    expect(session.heldEngines().find((e) => e.key === key)?.capM).toBe(1500);

    // Every charging site removed: the layer is all gap, and no charging engine is held.
    const types = new Set<string>(session.views.get(CHARGING_VIEW)!.facilities);
    session.applySites({ upsert: [], remove: sites.filter((s) => types.has(s.type)).map((s) => s.id) });
    const u = session.compute();
    expect(u.view!.sites).toBe(0);
    expect(u.view!.breakdown.all.land.share).toBe(0);
    expect(session.heldEngines().some((e) => e.key === key)).toBe(false);
    session.applySites({ replace: sites });
  });
});
