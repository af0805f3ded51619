/**
 * The nodes of an OSM file (XML or PBF) and the ways that use them. OSM files list every node before
 * the ways, and a way names its nodes by id, so every node's position is kept (16 bytes a node in
 * typed arrays: a city extract of 5 million nodes in 80 MB) until the ways are read.
 *
 * Lookup by id: files written by osmium, osmconvert, Overpass and the OSM API list nodes in
 * ascending id order, and then a binary search over the ids needs nothing more; a file in any other
 * order (JOSM's, with negative ids for new nodes) gets a hash map of the ids once the first way asks.
 */
import { COORD_SCALE, RoadSetBuilder, type WayTags } from './roads';
import { idHalves, IntPairMap } from './pairMap';

export class OsmNodeStore {
  private ids = new Float64Array(4096);
  private lonQ = new Int32Array(4096);
  private latQ = new Int32Array(4096);
  private n = 0;
  private sorted = true;
  private map: IntPairMap | null = null;
  private readonly halves = new Int32Array(2);

  get size(): number {
    return this.n;
  }

  /** Adds a node; lon / lat in degrees. */
  add(id: number, lon: number, lat: number): void {
    if (this.n === this.ids.length) this.grow();
    if (this.n > 0 && !(id > this.ids[this.n - 1]!)) this.sorted = false;
    this.ids[this.n] = id;
    this.lonQ[this.n] = Math.round(lon * COORD_SCALE);
    this.latQ[this.n++] = Math.round(lat * COORD_SCALE);
    this.map = null;
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const ids = new Float64Array(cap);
    ids.set(this.ids);
    const lo = new Int32Array(cap);
    lo.set(this.lonQ);
    const la = new Int32Array(cap);
    la.set(this.latQ);
    this.ids = ids;
    this.lonQ = lo;
    this.latQ = la;
  }

  /** Index of node `id`, or −1 when the file does not hold it. */
  find(id: number): number {
    if (this.sorted) {
      let lo = 0;
      let hi = this.n - 1;
      const ids = this.ids;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = ids[mid]!;
        if (v < id) lo = mid + 1;
        else if (v > id) hi = mid - 1;
        else return mid;
      }
      return -1;
    }
    if (!this.map) {
      this.map = new IntPairMap(this.n);
      // A repeated id keeps its first position.
      for (let i = 0; i < this.n; i++) {
        idHalves(this.ids[i]!, this.halves);
        this.map.getOrSet(this.halves[0]!, this.halves[1]!, i);
      }
    }
    idHalves(id, this.halves);
    return this.map.get(this.halves[0]!, this.halves[1]!);
  }

  lon(i: number): number {
    return this.lonQ[i]! / COORD_SCALE;
  }

  lat(i: number): number {
    return this.latQ[i]! / COORD_SCALE;
  }
}

/**
 * Feeds an OSM way to the builder: its node ids resolved to positions. A way that names nodes the
 * file does not hold (an extract cut at its edge) is split there into the pieces of 2 or more
 * vertices that remain; the missing references are counted.
 * @returns the number of node references the file did not hold.
 */
export function addOsmWay(builder: RoadSetBuilder, nodes: OsmNodeStore, wayId: number, refs: ArrayLike<number>, tags: WayTags): number {
  let missing = 0;
  let lon: number[] = [];
  let lat: number[] = [];
  let piece = 0;
  const flush = () => {
    if (lon.length >= 2) builder.addWay(tags, lon, lat, () => `way ${wayId}${piece > 0 ? ` (piece ${piece + 1})` : ''}`);
    if (lon.length > 0) piece++;
    lon = [];
    lat = [];
  };
  for (let i = 0; i < refs.length; i++) {
    const k = nodes.find(refs[i]!);
    if (k < 0) {
      missing++;
      flush();
      continue;
    }
    lon.push(nodes.lon(k));
    lat.push(nodes.lat(k));
  }
  flush();
  return missing;
}
