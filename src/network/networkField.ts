/**
 * Network distance from every joined cell to its nearest site, kept up to date while sites are
 * added, moved and removed — the network counterpart of src/coverage/distance.ts (rule sites) and
 * src/coverage/ownReach.ts (sites with their own radius).
 *
 * - {@link NetworkDistanceField}: per cell, the network distance (m) to the nearest site, capped at
 *   `maxM` (+Infinity beyond, and for cells the network does not reach).
 *   Full recompute: one multi-source capped Dijkstra from every site's join (src/network/search.ts),
 *   then every joined cell from the labels of its edge's ends (and the sites on its own edge).
 *   Add: a capped search from the new site alone; the cells joined to the edges it reached take the
 *   new distance where it is smaller. Remove: the cells whose nearest it was (all within `maxM` of
 *   it in a straight line, since no network distance is shorter than the straight one) are reset,
 *   and recomputed by one multi-source search from the sites that can reach them — those within
 *   `maxM` of the freed cells' box — that labels only nodes whose distance plus their straight
 *   distance to that box is within `maxM` (NodeSearch.run). Move = remove + add.
 * - {@link NetworkOwnReach}: per cell, the least network distance / own radius over the sites that
 *   carry one, up to `capRatio` radii. Each such site is searched alone (radii differ, so one
 *   multi-source search cannot serve them); they are few.
 *
 * Every cell ends at fround(min over sites of the same double), whatever the order of the edits, so
 * incremental updates equal a full recompute to the bit (tests/network/incremental.test.ts).
 */
import { discCellBox, unionBox, type CellBox } from '../coverage/cellBox';
import { alongEdge, joinSite, seedSite, throughEnd, throughEnds, type NetworkContext, type SiteJoin } from './context';
import { NetworkSites, distanceToBox, type Box } from './networkSites';
import { NodeSearch } from './search';

/** Margin (m) of the removal's boxes, far above the rounding of the doubles. */
const EPS_M = 1;

export interface NetworkSite {
  id: string;
  lon: number;
  lat: number;
}

/** What the two fields share: the values, the nearest site per join, the single-site update and the freeing of a removed site's cells. */
abstract class FieldBase {
  readonly ctx: NetworkContext;
  /** Per grid cell (see the subclasses). */
  readonly values: Float32Array;
  /** Per join: the slot of the site that gave the cell its value, −1 for none. */
  readonly nearest: Int32Array;
  protected readonly sites: NetworkSites;
  protected readonly search: NodeSearch;
  private readonly edgeMark: Int32Array;
  private stamp = 0;
  protected dirty: CellBox | null = null;

  constructor(ctx: NetworkContext, bucketM: number, search?: NodeSearch) {
    this.ctx = ctx;
    const { grid, joins, graph } = ctx;
    this.values = new Float32Array(grid.cols * grid.rows).fill(Infinity);
    this.nearest = new Int32Array(joins.cell.length).fill(-1);
    this.sites = new NetworkSites(bucketM, graph.edgeCount);
    this.search = search ?? new NodeSearch(graph);
    this.edgeMark = new Int32Array(graph.edgeCount);
  }

  /** The cap (m) of a site's search. */
  protected abstract capOf(slot: number): number;
  /** The unit a site's distance is divided by (1 m, or its own radius). */
  protected abstract unitOf(slot: number): number;

  get size(): number {
    return this.sites.size;
  }

  has(id: string): boolean {
    return this.sites.has(id);
  }

  /** The cells changed since the last call (null: none). */
  takeDirty(): CellBox | null {
    const d = this.dirty;
    this.dirty = null;
    return d;
  }

  /** Id of the site that gives cell k its value, or undefined. */
  nearestSiteOf(k: number): string | undefined {
    const j = this.ctx.joins.joinOf[k]!;
    if (j < 0 || this.nearest[j]! < 0) return undefined;
    return this.sites.idOf(this.nearest[j]!);
  }

  protected discBox(s: SiteJoin, cap: number): CellBox | null {
    const { grid } = this.ctx;
    return discCellBox(grid, s.x - grid.x0, s.y - grid.y0, cap);
  }

  /** Offers join j the value of site `slot` (total distance `total`); keeps the smaller. */
  protected offer(j: number, total: number, slot: number): void {
    if (!(total <= this.capOf(slot))) return;
    const k = this.ctx.joins.cell[j]!;
    const v = Math.fround(total / this.unitOf(slot));
    if (v < this.values[k]!) {
      this.values[k] = v;
      this.nearest[j] = slot;
    }
  }

  /** A search from site `slot` alone; every cell joined to an edge it reached takes its distance where smaller. */
  protected spread(slot: number): void {
    const s = this.sites.join(slot)!;
    const cap = this.capOf(slot);
    this.dirty = unionBox(this.dirty, this.discBox(s, cap));
    if (s.edge < 0) return;
    const { graph, joins } = this.ctx;
    const search = this.search;
    search.reset();
    seedSite(graph, s, slot, (n, d, sl) => search.seed(n, d, sl));
    search.run(cap);
    const mark = this.edgeMark;
    const stamp = ++this.stamp;
    const visit = (e: number) => {
      if (mark[e] === stamp) return;
      mark[e] = stamp;
      for (let q = joins.edgeStart[e]!; q < joins.edgeStart[e + 1]!; q++) {
        const j = joins.edgeJoins[q]!;
        let m = throughEnds(this.ctx, j, search.dist);
        if (e === s.edge) {
          const c = alongEdge(this.ctx, j, s);
          if (c < m) m = c;
        }
        this.offer(j, joins.access[j]! + m, slot);
      }
    };
    visit(s.edge);
    for (let i = 0; i < search.touchedCount; i++) {
      const node = search.touched[i]!;
      if (search.dist[node] === Infinity) continue;
      for (let q = graph.incStart[node]!; q < graph.incStart[node + 1]!; q++) visit(graph.incEdge[q]!);
    }
    search.reset();
  }

  /**
   * Lets site `id` go and resets the cells whose value came from it.
   * @returns those joins and the box of their cell centres on the plane (null when none); null when the id is unknown.
   */
  protected takeOut(id: string): { freed: number[]; box: Box | null } | null {
    const slot = this.sites.slot(id);
    if (slot === undefined) return null;
    const out = this.release(slot);
    this.sites.remove(id);
    return out;
  }

  private release(slot: number): { freed: number[]; box: Box | null } {
    const s = this.sites.join(slot)!;
    const cellBox = this.discBox(s, this.capOf(slot));
    this.dirty = unionBox(this.dirty, cellBox);
    const freed: number[] = [];
    if (!cellBox || s.edge < 0) return { freed, box: null };
    const { grid, joins } = this.ctx;
    const box: Box = { x0: Infinity, x1: -Infinity, y0: Infinity, y1: -Infinity };
    for (let row = cellBox.r0; row <= cellBox.r1; row++) {
      for (let col = cellBox.c0; col <= cellBox.c1; col++) {
        const k = row * grid.cols + col;
        const j = joins.joinOf[k]!;
        if (j < 0 || this.nearest[j] !== slot) continue;
        this.nearest[j] = -1;
        this.values[k] = Infinity;
        freed.push(j);
        const x = grid.x0 + (col + 0.5) * grid.cellM;
        const y = grid.y0 + (row + 0.5) * grid.cellM;
        if (x < box.x0) box.x0 = x;
        if (x > box.x1) box.x1 = x;
        if (y < box.y0) box.y0 = y;
        if (y > box.y1) box.y1 = y;
      }
    }
    return { freed, box: freed.length > 0 ? box : null };
  }
}

/** Network distance to the nearest site without an own radius (see the module head). */
export class NetworkDistanceField extends FieldBase {
  readonly maxM: number;

  constructor(ctx: NetworkContext, maxM: number, search?: NodeSearch) {
    if (!(maxM > 0)) throw new RangeError('maxM must be positive');
    super(ctx, maxM, search);
    this.maxM = maxM;
  }

  /** Distance (m) per grid cell; +Infinity beyond `maxM` or off the network. Live view: do not write. */
  get dist(): Float32Array {
    return this.values;
  }

  protected capOf(): number {
    return this.maxM;
  }

  protected unitOf(): number {
    return 1;
  }

  /** Replaces every site and recomputes every cell. Duplicate ids: the last wins. */
  setSites(list: readonly NetworkSite[]): void {
    this.sites.clear();
    const last = new Map<string, NetworkSite>();
    for (const s of list) last.set(s.id, s);
    for (const s of last.values()) this.sites.add(s.id, joinSite(this.ctx, s.lon, s.lat, this.maxM));
    this.values.fill(Infinity);
    this.nearest.fill(-1);
    const { grid, graph, joins } = this.ctx;
    const search = this.search;
    search.reset();
    const seed = (n: number, d: number, sl: number) => search.seed(n, d, sl);
    for (const slot of this.sites.slots()) seedSite(graph, this.sites.join(slot)!, slot, seed);
    search.run(this.maxM);
    for (let j = 0; j < joins.cell.length; j++) this.settle(j);
    search.reset();
    this.dirty = { c0: 0, c1: grid.cols - 1, r0: 0, r1: grid.rows - 1 };
  }

  /** Join j's value from the labels of the last multi-source search and the sites on its edge. */
  private settle(j: number): void {
    const search = this.search;
    let m = throughEnds(this.ctx, j, search.dist);
    let slot = throughEnd < 0 ? -1 : search.src[throughEnd]!;
    const on = this.sites.onEdgeOf(this.ctx.joins.edge[j]!);
    if (on) {
      for (const s of on) {
        const c = alongEdge(this.ctx, j, this.sites.join(s)!);
        if (c < m) {
          m = c;
          slot = s;
        }
      }
    }
    if (slot >= 0) this.offer(j, this.ctx.joins.access[j]! + m, slot);
  }

  /** Adds a site, or moves it when the id is held. */
  addSite(site: NetworkSite): void {
    if (this.sites.has(site.id)) this.removeSite(site.id);
    const slot = this.sites.add(site.id, joinSite(this.ctx, site.lon, site.lat, this.maxM));
    this.spread(slot);
  }

  /** Moves a site; false when the id is unknown. */
  moveSite(id: string, lon: number, lat: number): boolean {
    if (!this.removeSite(id)) return false;
    this.addSite({ id, lon, lat });
    return true;
  }

  /** Removes a site; false when the id is unknown. */
  removeSite(id: string): boolean {
    const out = this.takeOut(id);
    if (!out) return false;
    const { freed, box } = out;
    if (!box) return true;
    const { graph } = this.ctx;
    const search = this.search;
    search.reset();
    const seed = (n: number, d: number, sl: number) => search.seed(n, d, sl);
    this.sites.near(box, this.maxM + EPS_M, (s) => seedSite(graph, this.sites.join(s)!, s, seed));
    search.run(this.maxM, box, EPS_M);
    for (const j of freed) this.settle(j);
    search.reset();
    return true;
  }
}

export interface NetworkOwnSite extends NetworkSite {
  /** The site's own radius (m, > 0). */
  radiusM: number;
}

/** Least network distance / own radius over the sites with their own radius (see the module head). */
export class NetworkOwnReach extends FieldBase {
  readonly capRatio: number;
  private radius: number[] = [];
  private maxCap = 0;

  constructor(ctx: NetworkContext, capRatio = 1, search?: NodeSearch) {
    if (!(capRatio > 0)) throw new RangeError('capRatio must be positive');
    super(ctx, 1000, search);
    this.capRatio = capRatio;
  }

  /** d / r per grid cell; +Infinity beyond `capRatio` radii. Live view: do not write. */
  get ratio(): Float32Array {
    return this.values;
  }

  protected capOf(slot: number): number {
    return this.radius[slot]! * this.capRatio;
  }

  protected unitOf(slot: number): number {
    return this.radius[slot]!;
  }

  /** The own radius (m) of a held site. */
  get(id: string): { radiusM: number } | undefined {
    const slot = this.sites.slot(id);
    return slot === undefined ? undefined : { radiusM: this.radius[slot]! };
  }

  /** Adds a site, or moves / re-sizes it when the id is held. */
  add(site: NetworkOwnSite): void {
    if (!(site.radiusM > 0)) throw new RangeError(`site ${site.id}: own radius must be positive`);
    this.remove(site.id);
    const cap = site.radiusM * this.capRatio;
    const slot = this.sites.add(site.id, joinSite(this.ctx, site.lon, site.lat, cap));
    this.radius[slot] = site.radiusM;
    if (cap > this.maxCap) this.maxCap = cap;
    this.spread(slot);
  }

  /** Removes a site; false when the id is unknown. */
  remove(id: string): boolean {
    const out = this.takeOut(id);
    if (!out) return false;
    const { freed, box } = out;
    if (!box) return true;
    const { graph, joins } = this.ctx;
    const search = this.search;
    this.sites.near(box, this.maxCap + EPS_M, (sl) => {
      const s = this.sites.join(sl)!;
      const cap = this.capOf(sl);
      if (s.edge < 0 || distanceToBox(s.x, s.y, box) > cap + EPS_M) return;
      search.reset();
      seedSite(graph, s, sl, (n, d, x) => search.seed(n, d, x));
      search.run(cap, box, EPS_M);
      for (const j of freed) {
        let m = throughEnds(this.ctx, j, search.dist);
        if (joins.edge[j] === s.edge) {
          const c = alongEdge(this.ctx, j, s);
          if (c < m) m = c;
        }
        this.offer(j, joins.access[j]! + m, sl);
      }
    });
    search.reset();
    return true;
  }

  /** Replaces every site. */
  setSites(list: readonly NetworkOwnSite[]): void {
    this.sites.clear();
    this.radius = [];
    this.maxCap = 0;
    this.values.fill(Infinity);
    this.nearest.fill(-1);
    for (const s of list) this.add(s);
    const { grid } = this.ctx;
    this.dirty = { c0: 0, c1: grid.cols - 1, r0: 0, r1: grid.rows - 1 };
  }
}
