/**
 * How the app talks to the network worker, as pure functions (unit-tested without a worker):
 * - what to send: the change from what the worker holds to what the app shows now (the coverage
 *   layer's sites, found by identity as for the coverage worker; the rule; the ground). One request
 *   is in flight at a time and the next is computed when it returns, so a drag's many steps fold
 *   into as many requests as the worker can answer;
 * - how an answer's picture tiles fold into the drawn ones.
 */
import type { Site } from '../../domain/site';
import type { CoverageBreakdown, CoverageResult } from '../../domain/coverageResults';
import type { Ground, ServiceRule } from '../../domain/serviceRule';
import type { EngineSite } from '../../coverage/engine';
import type { PictureTile } from '../../coverage/picture';
import type { NetworkPictureLayer } from '../../network/networkPictures';
import { siteOps } from '../../worker/siteOps';
import type { NetworkChange, NetworkPictureUpdate, NetworkTarget } from '../../worker/networkProtocol';
import type { Target } from '../../domain/plan';
import { assumptionKeyOf, type AssumptionValues } from '../../domain/assumptions';

/** What the app wants measured now. */
export interface NetworkWanted {
  /** The coverage layer's sites. */
  sites: readonly Site[];
  rule: ServiceRule | null;
  ground: Ground;
  /** The layer's service-radius targets with their radii resolved. */
  targets: readonly NetworkTarget[];
  /** The compared scenario's sites of the layer's types (null: no comparison). */
  compare: readonly Site[] | null;
}

/** What the worker holds (null: nothing sent yet). */
export interface NetworkSent {
  sites: ReadonlyMap<string, Site> | null;
  ruleKey: string | null;
  ground: Ground | null;
  targetsKey: string | null;
  /** The compared list last sent (by identity; undefined: nothing sent). */
  compare?: readonly Site[] | null;
}

export const NOTHING_SENT: NetworkSent = { sites: null, ruleKey: null, ground: null, targetsKey: null };

/**
 * The service-radius targets of a coverage layer (`targetIds`) with their radii resolved from the
 * plan or the assumptions; a target whose assumption has no value is left out (not measured).
 */
export function networkTargets(all: readonly Target[], targetIds: readonly string[], assumptions: AssumptionValues): NetworkTarget[] {
  const ids = new Set(targetIds);
  const out: NetworkTarget[] = [];
  for (const target of all) {
    if (target.metric !== 'service-radius' || !ids.has(target.id)) continue;
    const parts: NetworkTarget['parts'] = [];
    for (const r of target.goal.rule) {
      const radiusKm = r.radiusKm ?? (r.radiusFrom === undefined ? undefined : assumptions[assumptionKeyOf(r.radiusFrom) ?? '']);
      if (radiusKm === undefined) break;
      parts.push({ part: r.part, radiusKm });
    }
    if (parts.length === target.goal.rule.length) out.push({ target, parts });
  }
  return out;
}

/** A site as the engines take it: position and own radius only. */
export function engineSite(s: Site): EngineSite {
  return s.radiusKm === undefined ? { id: s.id, lon: s.lon, lat: s.lat } : { id: s.id, lon: s.lon, lat: s.lat, radiusKm: s.radiusKm };
}

/** The change that brings the worker from `sent` to `wanted`, and what it then holds; null when nothing changed. */
export function networkChangeOf(sent: NetworkSent, wanted: NetworkWanted): { change: NetworkChange; sent: NetworkSent } | null {
  const change: NetworkChange = {};
  if (sent.sites === null) change.sites = { replace: wanted.sites.map(engineSite) };
  else {
    const ops = siteOps(sent.sites, wanted.sites);
    if (ops) change.sites = 'replace' in ops ? { replace: ops.replace.map(engineSite) } : { upsert: ops.upsert.map(engineSite), remove: ops.remove };
  }
  const ruleKey = JSON.stringify(wanted.rule);
  if (ruleKey !== sent.ruleKey) change.rule = wanted.rule;
  if (wanted.ground !== sent.ground) change.ground = wanted.ground;
  const targetsKey = JSON.stringify(wanted.targets.map((t) => [t.target.id, t.parts]));
  if (targetsKey !== sent.targetsKey) change.targets = [...wanted.targets];
  if (sent.compare === undefined || wanted.compare !== sent.compare) {
    if (sent.compare !== undefined || wanted.compare !== null) change.compare = wanted.compare ? wanted.compare.map(engineSite) : null;
  }
  if (!change.sites && change.rule === undefined && change.ground === undefined && !change.targets && change.compare === undefined) return null;
  return {
    change,
    sent: { sites: change.sites || sent.sites === null ? new Map(wanted.sites.map((s) => [s.id, s])) : sent.sites, ruleKey, ground: wanted.ground, targetsKey, compare: wanted.compare },
  };
}

export interface DrawnNetworkTile<Image> {
  layer: NetworkPictureLayer;
  tile: PictureTile;
  image: Image;
}

/** The drawn tiles after an answer's picture update (a full update replaces them all). */
export function applyNetworkPicture<Image>(
  prev: ReadonlyMap<string, DrawnNetworkTile<Image>>,
  update: NetworkPictureUpdate | null,
  layout: ReadonlyMap<number, PictureTile>,
  makeImage: (rgba: Uint8ClampedArray, width: number, height: number) => Image,
): ReadonlyMap<string, DrawnNetworkTile<Image>> {
  if (!update) return prev;
  const tiles = new Map(update.full ? [] : prev);
  for (const t of update.tiles) {
    const tile = layout.get(t.id);
    if (!tile) continue;
    const key = `${t.layer}:${t.id}`;
    if (t.rgba === null) tiles.delete(key);
    else tiles.set(key, { layer: t.layer, tile, image: makeImage(new Uint8ClampedArray(t.rgba), tile.width, tile.height) });
  }
  return tiles;
}

/** One row of the comparison beside the coverage table (NetworkComparison). */
export interface Row {
  kind: 'district' | 'zone' | 'township';
  id: string;
  straight: CoverageResult | undefined;
  network: CoverageResult;
  reached: CoverageResult;
}

/** The areas the network reaches, each with its figure on both grounds: districts, then zones, then townships (when the breakdown has them). */
export function comparisonRows(straight: CoverageBreakdown | null, network: CoverageBreakdown, reached: CoverageBreakdown): Row[] {
  const rows: Row[] = [];
  const groups = [
    ['district', 'districts'],
    ['zone', 'zones'],
    ['township', 'townships'],
  ] as const;
  for (const [kind, key] of groups) {
    const net = network[key] ?? {};
    const got = reached[key] ?? {};
    for (const [id, r] of Object.entries(got)) {
      const n = net[id];
      if (!n || !(r.land.share > 0)) continue;
      rows.push({ kind, id, straight: straight?.[key]?.[id], network: n, reached: r });
    }
  }
  return rows;
}
