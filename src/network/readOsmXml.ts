/**
 * Reads the highways of an OSM XML file (`.osm`: JOSM, the OSM API, Overpass, osmium): nodes'
 * positions, then ways with their `nd` references and tags. Relations are skipped.
 *
 * A small hand-written scanner rather than an XML library: OSM XML is flat and regular (node, way,
 * relation, with nd / tag / member children), the reader runs in a Web Worker (no DOMParser) and in
 * Node, and it takes the text in chunks (`push`), so a file of hundreds of megabytes is never one
 * string. Each element's attributes are read up to their closing quote, so a `>` inside a value is
 * read as text; entities are decoded in tag values; a DOCTYPE's entity declarations are never
 * expanded. The cost is linear in the text.
 *
 * Objects marked `action="delete"` (JOSM) or `visible="false"` are left out.
 */
import { OsmNodeStore, addOsmWay } from './osmNodes';
import { RoadFileError, RoadSetBuilder, type RoadSet, type WayTags } from './roads';

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const WANTED_TAGS = new Set(['highway', 'oneway', 'foot', 'access']);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class OsmXmlReader {
  private readonly builder: RoadSetBuilder;
  private readonly nodes = new OsmNodeStore();
  private carry = '';
  /** The open object: 'node', 'way', 'relation' or ''. */
  private open = '';
  private skipOpen = false;
  private wayId = 0;
  private refs: number[] = [];
  private tags: WayTags = {};
  private sawOsm = false;
  private missing = 0;
  private readonly attrs = new Map<string, string>();

  constructor(readonly fileName: string) {
    this.builder = new RoadSetBuilder(fileName);
  }

  /** Reads the next piece of the text. */
  push(text: string): void {
    const s = this.carry + text;
    let at = 0;
    for (;;) {
      const lt = s.indexOf('<', at);
      if (lt < 0) {
        at = s.length;
        break;
      }
      const end = this.element(s, lt);
      if (end < 0) {
        at = lt;
        break;
      }
      at = end;
    }
    this.carry = s.slice(at);
  }

  /** The roads read; call after the last `push`. */
  finish(): RoadSet {
    if (this.carry.trim() !== '') throw new RoadFileError(this.fileName, 'unreadable', 'the XML ends inside an element (a truncated file?)');
    if (!this.sawOsm) throw new RoadFileError(this.fileName, 'unreadable', 'no <osm> element: not an OSM XML file');
    const notes: string[] = [];
    if (this.missing > 0) notes.push(`${this.missing} node references of highways are not in the file (an extract cut at its edge): those ways are split there`);
    return this.builder.finish(notes);
  }

  /**
   * Reads the markup starting at `s[lt] === '<'`.
   * @returns the index after it, or −1 when the text ends before it does.
   */
  private element(s: string, lt: number): number {
    const c1 = s.charCodeAt(lt + 1);
    if (c1 !== c1) return -1; // NaN: nothing after '<' yet
    if (c1 === 33 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        const e = s.indexOf('-->', lt + 4);
        return e < 0 ? -1 : e + 3;
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const e = s.indexOf(']]>', lt + 9);
        return e < 0 ? -1 : e + 3;
      }
      // <!DOCTYPE …> with an internal subset in [ … ]: its declarations are skipped, never applied.
      const bracket = s.indexOf('[', lt);
      const gt = s.indexOf('>', lt);
      if (gt < 0) return -1;
      if (bracket >= 0 && bracket < gt) {
        const close = s.indexOf(']', bracket);
        if (close < 0) return -1;
        const e = s.indexOf('>', close);
        return e < 0 ? -1 : e + 1;
      }
      return gt + 1;
    }
    if (c1 === 63 /* ? */) {
      const e = s.indexOf('?>', lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (c1 === 47 /* / */) {
      const gt = s.indexOf('>', lt);
      if (gt < 0) return -1;
      this.close(s.slice(lt + 2, gt).trim());
      return gt + 1;
    }
    // A start tag: its name, then attributes, each read to its closing quote.
    let p = lt + 1;
    while (p < s.length && !isSpace(s.charCodeAt(p)) && s[p] !== '>' && s[p] !== '/') p++;
    if (p >= s.length) return -1;
    const name = s.slice(lt + 1, p);
    const attrs = this.attrs;
    attrs.clear();
    for (;;) {
      while (p < s.length && isSpace(s.charCodeAt(p))) p++;
      if (p >= s.length) return -1;
      const c = s[p];
      if (c === '>' || c === '/') {
        const selfClosing = c === '/';
        const gt = s.indexOf('>', p);
        if (gt < 0) return -1;
        this.start(name, attrs, selfClosing);
        return gt + 1;
      }
      const eq = s.indexOf('=', p);
      if (eq < 0) return -1;
      const key = s.slice(p, eq).trim();
      let q = eq + 1;
      while (q < s.length && isSpace(s.charCodeAt(q))) q++;
      if (q >= s.length) return -1;
      const quote = s[q];
      if (quote !== '"' && quote !== "'") throw new RoadFileError(this.fileName, 'unreadable', `attribute ${key} of <${name}> is not quoted`);
      const end = s.indexOf(quote, q + 1);
      if (end < 0) return -1;
      attrs.set(key, s.slice(q + 1, end));
      p = end + 1;
    }
  }

  private start(name: string, a: Map<string, string>, selfClosing: boolean): void {
    switch (name) {
      case 'osm':
        this.sawOsm = true;
        return;
      case 'node': {
        if (!dropped(a)) {
          const id = Number(a.get('id'));
          const lat = Number(a.get('lat'));
          const lon = Number(a.get('lon'));
          // Nodes without a position (deleted ones in some exports) are not stored: ways naming them split there.
          if (Number.isFinite(id) && a.has('lat') && a.has('lon')) {
            if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
              throw new RoadFileError(this.fileName, 'broken-geometry', `node ${a.get('id')}: lat="${a.get('lat')}" lon="${a.get('lon')}" is not a position`);
            }
            this.nodes.add(id, lon, lat);
          }
        }
        if (!selfClosing) this.open = 'node';
        return;
      }
      case 'way':
        this.wayId = Number(a.get('id'));
        this.skipOpen = dropped(a);
        this.refs = [];
        this.tags = {};
        if (selfClosing) this.endWay();
        else this.open = 'way';
        return;
      case 'relation':
        if (!selfClosing) this.open = 'relation';
        return;
      case 'nd':
        if (this.open === 'way') this.refs.push(Number(a.get('ref')));
        return;
      case 'tag':
        if (this.open === 'way') {
          const k = a.get('k');
          if (k !== undefined && WANTED_TAGS.has(k)) this.tags[k as keyof WayTags] = decode(a.get('v') ?? '');
        }
        return;
      default:
        return;
    }
  }

  private close(name: string): void {
    if (name === 'way' && this.open === 'way') this.endWay();
    if (name === this.open) this.open = '';
  }

  private endWay(): void {
    this.open = '';
    if (this.skipOpen || this.tags.highway === undefined) return;
    this.missing += addOsmWay(this.builder, this.nodes, this.wayId, this.refs, this.tags);
  }
}

function dropped(a: Map<string, string>): boolean {
  return a.get('action') === 'delete' || a.get('visible') === 'false';
}

/**
 * Reads an OSM XML file from its bytes (UTF-8), decoding and scanning it in pieces of `chunkBytes`.
 * @param onProgress called with the share of the bytes read.
 */
export function readOsmXml(fileName: string, bytes: Uint8Array, onProgress?: (fraction: number) => void, chunkBytes = 4 << 20): RoadSet {
  const reader = new OsmXmlReader(fileName);
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const end = Math.min(bytes.length, at + chunkBytes);
    reader.push(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
    onProgress?.(end / bytes.length);
  }
  return reader.finish();
}
