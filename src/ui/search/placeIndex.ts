/**
 * Place search: districts, townships, key zones, metro stations, the current scenario's sites and
 * the names read from a loaded vector tile archive ("base-map names"),
 * found by their Chinese name (any part of it), pinyin (whole or from any syllable on, with or without
 * spaces), pinyin initials ("rmgc") or English words. Pure (no React, no map): the header's box
 * loads it on first use (it carries pinyin-pro's dictionary, ~300 kB) and the tests run it in Node.
 *
 * Libraries: pinyin-pro turns names into syllables (its dictionary handles polyphones by word:
 * 长宁 is "changning", not "zhangning"); MiniSearch ranks prefix matches over the tokens made here.
 * A name's tokens are its suffixes — of its characters, of its syllables joined, of its initials —
 * so a prefix search over them finds any part of the name.
 */
import MiniSearch from 'minisearch';
import { pinyin } from 'pinyin-pro';

export type PlaceKind = 'district' | 'township' | 'zone' | 'station' | 'site' | 'basemap';
export const PLACE_KINDS: readonly PlaceKind[] = ['district', 'township', 'zone', 'station', 'site', 'basemap'];

export interface Place {
  /** Unique in the index: kind and the place's own id. */
  key: string;
  kind: PlaceKind;
  /** The place's own id: adcode, township code, zone id, station name, site id, base-map name. */
  id: string;
  zh: string;
  /** The English name shown ('' when none). */
  en: string;
  /** More words it is found by, not shown (a station's pinyin as signed, a site's id). */
  alt?: string;
  /** Where to go: a point, or a box [west, south, east, north]. */
  at: { lon: number; lat: number } | { box: [number, number, number, number] };
  /** The district it lies in (adcode), when known. */
  district?: string;
}

/** Sites (or base-map names) past this many are found by their name and id as written, not by pinyin (turning 20,000 names into pinyin takes ~1 s). */
export const SITE_PINYIN_LIMIT = 5_000;

const CJK = /[\u3400-\u9fff]/;

/** Syllables of the CJK characters of `text` (other characters dropped), lower case. */
function syllables(text: string): string[] {
  if (!CJK.test(text)) return [];
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).map((s) => s.toLowerCase());
}

function suffixes(parts: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) out.push(parts.slice(i).join(''));
  return out;
}

/** The text a name is searched by: a field per way of writing it, each a list of tokens joined by spaces. */
interface Doc {
  key: string;
  zh: string;
  py: string;
  ini: string;
  en: string;
}

const normalise = (s: string) => s.toLowerCase().replace(/['’`]/g, '');

export function placeDoc(p: Pick<Place, 'key' | 'zh' | 'en' | 'alt'>, withPinyin = true): Doc {
  const chars = [...p.zh.replace(/[\s·・()（）\-–—]/g, '')];
  const py = withPinyin ? syllables(p.zh) : [];
  const latin = normalise(`${p.en} ${p.alt ?? ''}`);
  return {
    key: p.key,
    zh: suffixes(chars).join(' '),
    py: suffixes(py).join(' '),
    ini: suffixes(py.map((s) => s[0]!)).join(' '),
    // Words, and the English name run together ("peoplessquare").
    en: latin
      .split(/[^a-z0-9\u00c0-\u024f]+/)
      .filter(Boolean)
      .concat(normalise(p.en).replace(/[^a-z0-9]/g, ''))
      .join(' '),
  };
}

export interface PlaceHit {
  place: Place;
  score: number;
}

export interface PlaceIndex {
  /** Matches of `query`, best first, at most `perKind` of each kind. */
  search(query: string, perKind?: number): PlaceHit[];
  readonly size: number;
}

export function buildPlaceIndex(places: readonly Place[]): PlaceIndex {
  const byKey = new Map(places.map((p) => [p.key, p]));
  const search = new MiniSearch<Doc>({
    idField: 'key',
    fields: ['zh', 'py', 'ini', 'en'],
    tokenize: (text) => text.split(' ').filter(Boolean),
    processTerm: (term) => term,
    searchOptions: {
      prefix: true,
      combineWith: 'AND',
      boost: { zh: 3, en: 2, py: 1.5, ini: 1 },
      tokenize: (q) => normalise(q).split(/[^a-z0-9\u00c0-\u024f\u3400-\u9fff]+/).filter(Boolean),
    },
  });
  // The kinds that can be many: pinyin only while they are few.
  const withPinyin = (kind: PlaceKind) => (kind !== 'site' && kind !== 'basemap') || places.filter((p) => p.kind === kind).length <= SITE_PINYIN_LIMIT;
  const pinyinKinds = new Map(PLACE_KINDS.map((k) => [k, withPinyin(k)]));
  search.addAll(places.map((p) => placeDoc(p, pinyinKinds.get(p.kind))));
  return {
    size: places.length,
    search(query, perKind = 6) {
      const q = query.trim();
      if (q === '') return [];
      const counts = new Map<PlaceKind, number>();
      const hits: PlaceHit[] = [];
      for (const r of search.search(q)) {
        const place = byKey.get(r.id as string);
        if (!place) continue;
        const n = counts.get(place.kind) ?? 0;
        if (n >= perKind) continue;
        counts.set(place.kind, n + 1);
        // A name that is the query exactly, or starts with it, comes first.
        const exact = place.zh === q || normalise(place.en) === normalise(q) ? 2 : place.zh.startsWith(q) ? 1 : 0;
        hits.push({ place, score: r.score * (1 + exact) });
      }
      return hits.sort((a, b) => b.score - a.score);
    },
  };
}

/** The hits grouped by kind, in the order of PLACE_KINDS (groups without hits left out). */
export function groupHits(hits: readonly PlaceHit[]): Array<{ kind: PlaceKind; hits: PlaceHit[] }> {
  return PLACE_KINDS.map((kind) => ({ kind, hits: hits.filter((h) => h.place.kind === kind) })).filter((g) => g.hits.length > 0);
}
