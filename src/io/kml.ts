/**
 * Reads the Placemarks of a KML file (Google Earth, 奥维互动地图 and most GIS tools export it) as
 * plain records: a row number, the point's coordinates as text, and the placemark's fields.
 *
 * Why a small hand-written reader instead of DOMParser: the import runs in a Web Worker, where
 * DOMParser does not exist, and in the CLI under Node. KML site files are flat — Placemark → name,
 * ExtendedData, Point/coordinates — so a tolerant scan of those elements is enough; anything else
 * (folders, styles, LineStrings) is skipped or reported. It never throws.
 *
 * Row numbers are the placemark's 1-based position in the file, like GeoJSON features.
 */

export interface KmlPlacemark {
  row: number;
  /** `Point` (one, alone), or what else was found (`MultiGeometry`, `LineString`, `Polygon` …), or null. */
  geometry: string | null;
  /** The Point's `lon,lat[,alt]` text, split (may be non-numeric: the validator reports it). */
  lon?: string;
  lat?: string;
  /** `name`, `description` and every ExtendedData `Data`/`SimpleData` field, by name. */
  fields: Record<string, string>;
  /**
   * Each `Polygon`'s rings as the file writes them (`lon,lat[,alt]` tuples, whitespace between):
   * the outer boundary, then the inner ones. Present only when the placemark holds polygons (alone or
   * in a MultiGeometry): a key zone's boundary (src/io/zoneFile.ts).
   */
  polygons?: { outer: string; inner: string[] }[];
}

export interface KmlDocument {
  placemarks: KmlPlacemark[];
  /** Null when the text looks like KML; else why not. */
  problem: string | null;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * `s` without its tags: every `<…>` dropped, in one pass (a regex `<[^>]*>` rescans to the end from
 * every `<` of a run with no `>` after it — quadratic, minutes for a hostile megabyte). A `<` with no
 * `>` after it is kept as text.
 */
function stripTags(s: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lt = s.indexOf('<', at);
    if (lt < 0) break;
    const gt = s.indexOf('>', lt + 1);
    if (gt < 0) break;
    out += s.slice(at, lt);
    at = gt + 1;
  }
  return out + s.slice(at);
}

/** Text content of an element: CDATA kept verbatim, entities decoded, tags (if any) dropped. */
function textOf(inner: string): string {
  const plain = (s: string) => decodeEntities(stripTags(s));
  let out = '';
  let at = 0;
  for (;;) {
    const start = inner.indexOf('<![CDATA[', at);
    const end = start < 0 ? -1 : inner.indexOf(']]>', start + 9);
    if (end < 0) break;
    out += plain(inner.slice(at, start)) + inner.slice(start + 9, end);
    at = end + 3;
  }
  return (out + plain(inner.slice(at))).trim();
}

/** `text` without the parts from `open` to `close` (comments, ExtendedData); indexOf keeps it linear. */
function without(text: string, open: RegExp, close: RegExp): string {
  let out = '';
  let at = 0;
  for (;;) {
    open.lastIndex = at;
    const o = open.exec(text);
    if (!o) break;
    close.lastIndex = o.index + o[0].length;
    const c = close.exec(text);
    if (!c) break;
    out += text.slice(at, o.index);
    at = c.index + c[0].length;
  }
  return out + text.slice(at);
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

/**
 * `<tag …>inner</tag>` bodies for a local name, any namespace prefix (kml:Point). Tags are found in
 * `xml`; the attributes and bodies are taken from `source` at the same places (the reader scans a
 * copy with CDATA sections masked, so markup-like text inside CDATA is never taken for elements).
 * Forward only, each `>` and closing tag found with indexOf or a sticky scan from where the last one
 * ended: a file full of unclosed tags costs linear time, not quadratic.
 */
function elements(xml: string, tag: string, source = xml): { attrs: string; inner: string }[] {
  const open = new RegExp(`<(?:[\\w-]+:)?${tag}(?=[\\s/>])`, 'g');
  const close = new RegExp(`</(?:[\\w-]+:)?${tag}\\s*>`, 'g');
  const out: { attrs: string; inner: string }[] = [];
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const gt = xml.indexOf('>', open.lastIndex);
    if (gt < 0) break; // no tag after this one is complete either
    const raw = source.slice(open.lastIndex, gt);
    if (raw.endsWith('/')) {
      out.push({ attrs: raw.slice(0, -1), inner: '' });
      open.lastIndex = gt + 1;
      continue;
    }
    close.lastIndex = gt + 1;
    const c = close.exec(xml);
    if (!c) break; // no closing tag after this one, so none after any later one either
    out.push({ attrs: raw, inner: source.slice(gt + 1, c.index) });
    open.lastIndex = c.index + c[0].length;
  }
  return out;
}

/**
 * `text` with the inside of every CDATA section masked (`<` and `>` made spaces, same length), for
 * finding elements: a description's CDATA may hold `<Placemark>` as text.
 */
function maskCdata(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = text.indexOf('<![CDATA[', at);
    if (start < 0) break;
    const end = text.indexOf(']]>', start + 9);
    const stop = end < 0 ? text.length : end;
    out += text.slice(at, start + 9) + text.slice(start + 9, stop).replace(/[<>]/g, ' ');
    at = stop;
    if (end < 0) break;
  }
  return out + text.slice(at);
}

/** `text` without its document type declaration (with any internal subset of `<!ENTITY …>`): nothing in it is content. */
function withoutDoctype(text: string): string {
  const start = text.search(/<!DOCTYPE/i);
  if (start < 0) return text;
  const gt = text.indexOf('>', start);
  const bracket = text.indexOf('[', start);
  let end: number;
  if (bracket >= 0 && (gt < 0 || bracket < gt)) {
    // An internal subset: up to "]" then ">".
    const close = text.indexOf(']', bracket);
    end = close < 0 ? -1 : text.indexOf('>', close);
  } else end = gt;
  return end < 0 ? text.slice(0, start) : text.slice(0, start) + text.slice(end + 1);
}

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : undefined;
};

const GEOMETRIES = ['MultiGeometry', 'Point', 'LineString', 'LinearRing', 'Polygon', 'Track', 'Model'] as const;

function readPlacemark(inner: string, row: number): KmlPlacemark {
  const fields: Record<string, string> = {};
  const masked = maskCdata(inner);
  // Fields first from ExtendedData, then name/description (a `name` data field does not hide <name>).
  for (const d of elements(masked, 'Data', inner)) {
    const name = attr(d.attrs, 'name');
    const value = elements(maskCdata(d.inner), 'value', d.inner)[0];
    if (name !== undefined && value) fields[name] = textOf(value.inner);
  }
  for (const d of elements(masked, 'SimpleData', inner)) {
    const name = attr(d.attrs, 'name');
    if (name !== undefined) fields[name] = textOf(d.inner);
  }
  // <name> of the placemark itself: strip ExtendedData first so a <Data name=…> is not mistaken.
  const ownText = without(inner, /<(?:[\w-]+:)?ExtendedData[\s>]/g, /<\/(?:[\w-]+:)?ExtendedData\s*>/g);
  const own = maskCdata(ownText);
  const name = elements(own, 'name', ownText)[0];
  if (name) fields.name = textOf(name.inner);
  const description = elements(own, 'description', ownText)[0];
  if (description && fields.description === undefined) fields.description = textOf(description.inner);

  // A MultiGeometry (even of Points) is not one site: reported as such, never read as its first point,
  // like a GeoJSON MultiPoint.
  const points = elements(own, 'Point', ownText);
  const point = points.length === 1 && elements(own, 'MultiGeometry').length === 0 ? points[0] : undefined;
  if (points.length > 1 && elements(own, 'MultiGeometry').length === 0) return { row, geometry: `${points.length} Points`, fields };
  if (point) {
    const coords = elements(maskCdata(point.inner), 'coordinates', point.inner)[0];
    // KML wants `lon,lat[,alt]` tuples separated by whitespace; some exporters write `lon, lat`.
    const parts = coords ? textOf(coords.inner).replace(/\s*,\s*/g, ',').split(/\s+/)[0]!.split(',') : [];
    return { row, geometry: 'Point', fields, ...(parts[0] ? { lon: parts[0].trim() } : {}), ...(parts[1] ? { lat: parts[1].trim() } : {}) };
  }
  const other = GEOMETRIES.find((g) => elements(own, g).length > 0) ?? null;
  const polygons = elements(own, 'Polygon', ownText).map((p) => {
    const masked = maskCdata(p.inner);
    const ringText = (boundary: { inner: string }) => {
      const c = elements(maskCdata(boundary.inner), 'coordinates', boundary.inner)[0];
      return c ? textOf(c.inner).replace(/\s*,\s*/g, ',') : '';
    };
    const outer = elements(masked, 'outerBoundaryIs', p.inner)[0];
    return { outer: outer ? ringText(outer) : '', inner: elements(masked, 'innerBoundaryIs', p.inner).map(ringText) };
  });
  return { row, geometry: other, fields, ...(polygons.length > 0 ? { polygons } : {}) };
}

/** Reads every Placemark; never throws. */
export function readKml(text: string): KmlDocument {
  const head = text.slice(0, 4096);
  if (!/<(?:[\w-]+:)?kml[\s>]/i.test(head) && !/<(?:[\w-]+:)?(Document|Placemark)[\s>]/.test(text)) {
    return { placemarks: [], problem: 'not a KML document (no <kml> element)' };
  }
  // Comments could hide or fake placemarks; so could the document type declaration (a <Placemark>
  // written inside an <!ENTITY …> is not a placemark) and CDATA text.
  const body = withoutDoctype(without(text, /<!--/g, /-->/g));
  const placemarks = elements(maskCdata(body), 'Placemark', body).map((p, i) => readPlacemark(p.inner, i + 1));
  return { placemarks, problem: null };
}
