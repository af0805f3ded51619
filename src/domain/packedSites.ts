/**
 * A site list in columns: numbers in typed arrays, ids and names in one string each. Handing
 * 200,000 site objects to a worker or to IndexedDB costs the page a structured clone of 200,000
 * objects (~400 ms and ~700 ms in one task, measured in bench/big.ts); these columns clone as a few
 * memory copies. Packing and unpacking are exact: `unpackSites(packSites(s))` equals `s`, absent
 * optional fields stay absent. Types and statuses are stored as their own strings in small tables,
 * so an unknown value comes back as it was and validation (zod) still decides.
 */
import type { Site } from './site';

export interface PackedSites {
  /** Marks the form (a record or message holding it says what it is). */
  packed: 1;
  count: number;
  /** JSON arrays of strings (ids) and of string-or-null (names). */
  ids: string;
  names: string;
  /** The distinct type and status strings; `type[i]` / `status[i]` index them. */
  typeTable: string[];
  statusTable: string[];
  type: Uint16Array;
  status: Uint8Array;
  lon: Float64Array;
  lat: Float64Array;
  /** NaN: absent. */
  capacity: Float64Array;
  radiusKm: Float64Array;
  /** 0: absent. */
  year: Uint16Array;
  /** 0: absent, 1: false, 2: true. */
  illustrative: Uint8Array;
}

const packs = new WeakMap<readonly Site[], PackedSites>();

/** The columns of `sites` (made once per list: lists are never changed in place). */
export function packSites(sites: readonly Site[]): PackedSites {
  const known = packs.get(sites);
  if (known) return known;
  const n = sites.length;
  const typeIndex = new Map<string, number>();
  const statusIndex = new Map<string, number>();
  const indexOf = (m: Map<string, number>, v: string) => {
    let i = m.get(v);
    if (i === undefined) m.set(v, (i = m.size));
    return i;
  };
  const out: PackedSites = {
    packed: 1,
    count: n,
    ids: JSON.stringify(sites.map((s) => s.id)),
    names: JSON.stringify(sites.map((s) => s.name ?? null)),
    typeTable: [],
    statusTable: [],
    type: new Uint16Array(n),
    status: new Uint8Array(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    capacity: new Float64Array(n),
    radiusKm: new Float64Array(n),
    year: new Uint16Array(n),
    illustrative: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const s = sites[i]!;
    out.type[i] = indexOf(typeIndex, s.type);
    out.status[i] = indexOf(statusIndex, s.status);
    out.lon[i] = s.lon;
    out.lat[i] = s.lat;
    out.capacity[i] = s.capacity ?? NaN;
    out.radiusKm[i] = s.radiusKm ?? NaN;
    out.year[i] = s.year ?? 0;
    out.illustrative[i] = s.illustrative === undefined ? 0 : s.illustrative ? 2 : 1;
  }
  out.typeTable = [...typeIndex.keys()];
  out.statusTable = [...statusIndex.keys()];
  packs.set(sites, out);
  return out;
}

/** The sites back, as objects (fields in the order siteSchema lists them). Not validated: callers parse. */
export function unpackSites(p: PackedSites): Site[] {
  const ids = JSON.parse(p.ids) as string[];
  const names = JSON.parse(p.names) as Array<string | null>;
  const sites: Site[] = new Array(p.count);
  for (let i = 0; i < p.count; i++) {
    const s: Record<string, unknown> = { id: ids[i], type: p.typeTable[p.type[i]!], lon: p.lon[i], lat: p.lat[i] };
    if (names[i] !== null && names[i] !== undefined) s.name = names[i];
    s.status = p.statusTable[p.status[i]!];
    if (!Number.isNaN(p.capacity[i])) s.capacity = p.capacity[i];
    if (!Number.isNaN(p.radiusKm[i])) s.radiusKm = p.radiusKm[i];
    if (p.illustrative[i] !== 0) s.illustrative = p.illustrative[i] === 2;
    if (p.year[i] !== 0) s.year = p.year[i];
    sites[i] = s as Site;
  }
  return sites;
}

/** Whether a value looks like packed sites (the full check is unpacking and validating). */
export function isPackedSites(v: unknown): v is PackedSites {
  return typeof v === 'object' && v !== null && (v as { packed?: unknown }).packed === 1;
}
