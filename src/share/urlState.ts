/**
 * The map's state in a share link: view, visible layers, selected district / zone, language,
 * coverage layer and the scenario's sites, as one compressed, versioned, checksummed string that
 * sits in the URL fragment (`#s=1.<base64url>`; the fragment never reaches the server, so neither a
 * static host's URL length limit nor its logs see the scenario).
 *
 * Wire format, version 1: `1.` + base64url( deflate-raw(JSON) ‖ CRC-32(JSON) as 4 big-endian bytes ).
 * - The version is outside the compressed data so an unknown version is named before anything
 *   is decompressed.
 * - The CRC catches a link changed or cut short anywhere (fflate does not check deflate's own
 *   integrity), so such a link is refused with a message instead of being read as another scenario.
 * - The JSON is validated by zod; sites are then checked like every other input.
 *
 * Size: the encoded state is at most {@link MAX_STATE_CHARS} characters (≈ 8 kB; whole links stay
 * under the ~8 kB request-line limit of common servers and the lengths chat apps and mail clients
 * pass through). A scenario that does not fit is refused with its size, so the UI can offer a file
 * export instead. Sites are sent compactly ({@link compactSites}, coordinates at 1e-6° ≈ 0.1 m),
 * and a scenario built on the bundled sample is sent as its difference from the sample (sites
 * added, changed, removed), so editing a few of the sample's 3,180 sites still makes a short link.
 *
 * Pure: no DOM; runs in unit tests and workers.
 */
import { AS_OF_YEARS } from '../domain/siteYear';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { adcodeSchema } from '../domain/geodata';
import { zoneIdSchema } from '../domain/zoneIds';
import { zoneDistrict } from '../domain/bundledPlans';
import { scenarioMetaSchema, type ScenarioMeta } from '../domain/scenarioFile';
import type { Site } from '../domain/site';
import { DEFAULT_VISIBILITY, type LayerGroup, type LayerVisibility } from '../domain/layerVisibility';
import { describeZodError } from '../io/describeZodError';
import { fromBase64Url, toBase64Url } from './base64url';
import { crc32 } from '../domain/crc32';
import { SHARE_PARAM, stateFromFragment } from './fragment';

export { SHARE_PARAM, stateFromFragment };
import { compactSites, compactSitesSchema, expandSites, sameAtLinkPrecision, toMicro, COORD_SCALE } from './compactSites';

export const SHARE_VERSION = 1;
/** Longest encoded state (the text after `#s=`) a link may carry. */
export const MAX_STATE_CHARS = 8000;
/** Longest JSON a link may expand to: refuses a crafted link that inflates to megabytes. */
const MAX_JSON_BYTES = 2 * 1024 * 1024;

/**
 * Layer groups in bit order, format version 1 (bit i = group i visible). Fixed here rather than
 * taken from LAYER_GROUPS so a group added to the app later cannot shift the bits of old links;
 * a unit test fails when LAYER_GROUPS has a group this list lacks. A new group goes at the end: an
 * older link has its bit 0, which reads as off (townships: off by default too).
 */
export const LAYER_BITS_V1: readonly LayerGroup[] = ['districts', 'outerRing', 's20', 'zones', 'rivers', 'roads', 'metro', 'stations', 'labels', 'townships'];

export type ShareLang = 'zh' | 'en';
export type ShareCoverageMode = 'gaps' | 'distance' | 'none';

export interface MapViewState {
  lon: number;
  lat: number;
  zoom: number;
}

export interface ScenarioContent {
  meta: ScenarioMeta | null;
  sites: readonly Site[];
}

export interface ShareState {
  /** null: the default view (the whole city). Centre at 1e-6°, zoom at 0.01. */
  view: MapViewState | null;
  lang: ShareLang;
  layers: LayerVisibility;
  district: string | null;
  zone: string | null;
  /** A township of the district (9-digit NBS code); left out or null: none (links before townships). */
  township?: string | null;
  /** Coverage layer id and picture mode; null: the app's default. */
  coverage: { viewId: string; mode: ShareCoverageMode } | null;
  /** The as-of year (sites built by its end); left out or null: every site (links before years). */
  asOf?: number | null;
  scenario: ScenarioContent;
}

/** The scenario as the link carries it: whole, or as a difference from the bundled sample. */
export type SharedScenario =
  | { kind: 'full'; meta: ScenarioMeta | null; sites: Site[] }
  | { kind: 'sample-diff'; sampleKey: string; meta: ScenarioMeta | null | 'sample'; upsert: Site[]; remove: string[] };

export interface DecodedShare extends Omit<ShareState, 'scenario'> {
  scenario: SharedScenario;
}

export type ShareErrorCode = 'not-a-link' | 'unsupported-version' | 'too-long' | 'damaged' | 'invalid' | 'sample-mismatch';

/** Why a link could not be read: a code the UI translates, and the technical detail (English). */
export interface ShareError {
  code: ShareErrorCode;
  detail: string;
}

export type EncodeResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-large'; chars: number; limit: number }
  /** The state itself is not valid (a bug in the caller: the decoder would refuse the link). */
  | { ok: false; reason: 'invalid'; detail: string };
export type DecodeResult = { ok: true; state: DecodedShare } | { ok: false; error: ShareError };
export type ResolveResult = { ok: true; scenario: { meta: ScenarioMeta | null; sites: Site[] } } | { ok: false; error: ShareError };

const viewSchema = z.tuple([
  z.number().int().min(120 * COORD_SCALE).max(124 * COORD_SCALE),
  z.number().int().min(30 * COORD_SCALE).max(33 * COORD_SCALE),
  z.number().int().min(0).max(2400),
]);

const payloadSchema = z
  .object({
    /** View: [lon µ°, lat µ°, zoom × 100], or null. */
    w: viewSchema.nullable(),
    l: z.enum(['zh', 'en']),
    /** Visible layer groups, bit i = LAYER_BITS_V1[i]. */
    y: z.number().int().min(0).max(2 ** LAYER_BITS_V1.length - 1),
    d: adcodeSchema.nullable(),
    z: zoneIdSchema.nullable(),
    /** Township (9-digit NBS code) of the district; absent: none. Older apps refuse a link that has it. */
    t: z.string().regex(/^3101\d{5}$/, 'a township code has 9 digits starting 3101').optional(),
    c: z.tuple([z.string().min(1).max(300), z.enum(['gaps', 'distance', 'none'])]).nullable(),
    /** As-of year (one of AS_OF_YEARS); absent: every site. Older apps refuse a link that has it. */
    a: z.number().int().refine((y) => AS_OF_YEARS.includes(y), { message: `an as-of year is one of ${AS_OF_YEARS.join(', ')}` }).optional(),
    /** Scenario description; 'sample' (only with `b`): the bundled sample's. */
    m: z.union([scenarioMetaSchema, z.null(), z.literal('sample')]),
    /** Sample fingerprint: present when `s` and `r` are a difference from the bundled sample. */
    b: z.string().regex(/^[0-9a-f]{8}$/, 'must be 8 hex digits').optional(),
    /** Sites (all of them, or with `b` those added or changed). */
    s: compactSitesSchema,
    /** With `b`: ids of sample sites removed. */
    r: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.b === undefined && p.r !== undefined) ctx.addIssue({ code: 'custom', path: ['r'], message: 'removed sites need a sample to remove them from' });
    if (p.b === undefined && p.m === 'sample') ctx.addIssue({ code: 'custom', path: ['m'], message: "'sample' needs a sample" });
    // One selection: a zone belongs to its district, and is selected only with it.
    const zoneIn = p.z === null ? null : zoneDistrict(p.z);
    if (p.z !== null && zoneIn === null) ctx.addIssue({ code: 'custom', path: ['z'], message: `${p.z} is not a zone of any plan` });
    else if (p.z !== null && p.d !== zoneIn) ctx.addIssue({ code: 'custom', path: ['z'], message: `zone ${p.z} lies in district ${zoneIn}, not ${p.d ?? 'none'}` });
    if (p.t !== undefined && p.t.slice(0, 6) !== p.d) ctx.addIssue({ code: 'custom', path: ['t'], message: `township ${p.t} lies in district ${p.t.slice(0, 6)}, not ${p.d ?? 'none'}` });
  });
type Payload = z.infer<typeof payloadSchema>;

function layerBits(layers: LayerVisibility): number {
  return LAYER_BITS_V1.reduce((bits, group, i) => (layers[group] ? bits | (1 << i) : bits), 0);
}

function layersOf(bits: number): LayerVisibility {
  const out: LayerVisibility = { ...DEFAULT_VISIBILITY };
  LAYER_BITS_V1.forEach((group, i) => {
    out[group] = (bits & (1 << i)) !== 0;
  });
  return out;
}

/** FNV-1a, 32 bits, as 8 hex digits: tells one bundled sample from another. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Fingerprint of a sample scenario (its description and its sites at link precision). */
export function sampleKey(sample: ScenarioContent): string {
  return fnv1a(JSON.stringify([sample.meta, compactSites(sample.sites)]));
}

function sameMeta(a: ScenarioMeta | null, b: ScenarioMeta | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function basePayload(state: ShareState): Omit<Payload, 'm' | 's'> {
  const view = state.view ? viewSchema.safeParse([toMicro(state.view.lon), toMicro(state.view.lat), Math.round(state.view.zoom * 100)]) : null;
  return {
    // A view outside the map's range is left out rather than making a link the decoder refuses.
    w: view?.success ? view.data : null,
    l: state.lang,
    y: layerBits(state.layers),
    d: state.district,
    z: state.zone as Payload['z'],
    // Only when set: a link without a township stays byte for byte what it was before townships.
    ...(state.township && state.district !== null && state.township.startsWith(state.district) ? { t: state.township } : {}),
    c: state.coverage ? [state.coverage.viewId, state.coverage.mode] : null,
    // Only when set, as the township: a link without a year stays what it was.
    ...(state.asOf !== undefined && state.asOf !== null && AS_OF_YEARS.includes(state.asOf) ? { a: state.asOf } : {}),
  };
}

/** The scenario as a difference from the sample: sites added or changed, sample ids removed. */
function diffPayload(scenario: ScenarioContent, sample: ScenarioContent): Pick<Payload, 'm' | 'b' | 's' | 'r'> {
  const current = new Map(scenario.sites.map((s) => [s.id, s]));
  const base = new Map(sample.sites.map((s) => [s.id, s]));
  const upsert = scenario.sites.filter((s) => {
    const was = base.get(s.id);
    return !was || !sameAtLinkPrecision(was, s);
  });
  const remove = sample.sites.filter((s) => !current.has(s.id)).map((s) => s.id);
  return {
    m: sameMeta(scenario.meta, sample.meta) ? 'sample' : scenario.meta,
    b: sampleKey(sample),
    s: compactSites(upsert),
    r: remove,
  };
}

function pack(payload: Payload): string {
  // Checked here too, so a link this function makes is always one the decoder accepts.
  payloadSchema.parse(payload);
  const json = strToU8(JSON.stringify(payload));
  const deflated = deflateSync(json, { level: 9 });
  const bytes = new Uint8Array(deflated.length + 4);
  bytes.set(deflated);
  new DataView(bytes.buffer).setUint32(deflated.length, crc32(json));
  return `${SHARE_VERSION}.${toBase64Url(bytes)}`;
}

/**
 * The state as link text (what follows `#s=`). With `sample` (the bundled sample as loaded), the
 * sites go as a difference from it when that is shorter.
 */
export function encodeShareState(state: ShareState, sample: ScenarioContent | null = null): EncodeResult {
  const base = basePayload(state);
  let text: string;
  try {
    text = pack({ ...base, m: state.scenario.meta, s: compactSites(state.scenario.sites) });
    if (sample && sample.sites.length > 0) {
      const diff = pack({ ...base, ...diffPayload(state.scenario, sample) });
      if (diff.length < text.length) text = diff;
    }
  } catch (e) {
    return { ok: false, reason: 'invalid', detail: e instanceof z.ZodError ? describeZodError(e) : (e as Error).message };
  }
  if (text.length > MAX_STATE_CHARS) return { ok: false, reason: 'too-large', chars: text.length, limit: MAX_STATE_CHARS };
  return { ok: true, text };
}

const fail = (code: ShareErrorCode, detail: string): { ok: false; error: ShareError } => ({ ok: false, error: { code, detail } });

/** Reads link text (what follows `#s=`). Never throws: a bad link gives a code and a detail. */
export function decodeShareState(text: string): DecodeResult {
  const match = /^(\d{1,4})\.(.*)$/s.exec(text);
  if (!match) return fail('not-a-link', 'the state must start with a version number and a dot, like "1."');
  const version = Number(match[1]);
  if (version !== SHARE_VERSION) {
    const age = version < SHARE_VERSION ? 'an older' : 'a newer';
    return fail('unsupported-version', `the link was made by ${age} version of the map (format ${version}); this map reads format ${SHARE_VERSION}`);
  }
  if (text.length > MAX_STATE_CHARS) return fail('too-long', `${text.length} characters, more than the ${MAX_STATE_CHARS} a link may carry`);
  const bytes = fromBase64Url(match[2]!);
  if ('error' in bytes) return fail('damaged', bytes.error);
  if (bytes.length < 5) return fail('damaged', 'too short to hold a map state');
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4);
  let json: Uint8Array;
  try {
    json = inflateSync(bytes.subarray(0, bytes.length - 4));
  } catch (e) {
    return fail('damaged', `the data does not decompress (${(e as Error).message})`);
  }
  if (json.length > MAX_JSON_BYTES) return fail('damaged', `expands to ${json.length} bytes, more than a map state can be`);
  if (crc32(json) !== stored) return fail('damaged', 'the checksum does not match: the link was changed or cut short');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(json));
  } catch (e) {
    return fail('invalid', `not valid JSON (${(e as Error).message})`);
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return fail('invalid', describeZodError(parsed.error));
  const p = parsed.data;
  const sites = expandSites(p.s);
  if ('error' in sites) return fail('invalid', sites.error);
  const scenario: SharedScenario =
    p.b === undefined
      ? { kind: 'full', meta: p.m === 'sample' ? null : p.m, sites: sites.sites }
      : { kind: 'sample-diff', sampleKey: p.b, meta: p.m, upsert: sites.sites, remove: p.r ?? [] };
  return {
    ok: true,
    state: {
      view: p.w ? { lon: p.w[0] / COORD_SCALE, lat: p.w[1] / COORD_SCALE, zoom: p.w[2] / 100 } : null,
      lang: p.l,
      layers: layersOf(p.y),
      district: p.d,
      zone: p.z,
      ...(p.t === undefined ? {} : { township: p.t }),
      coverage: p.c ? { viewId: p.c[0], mode: p.c[1] } : null,
      ...(p.a === undefined ? {} : { asOf: p.a }),
      scenario,
    },
  };
}

/**
 * The scenario a decoded link describes. A difference is applied to the bundled sample, which must
 * be the one the link was made against (same fingerprint): against another sample it would show
 * other sites than the sender saw. Order: the sample's sites in sample order (changed ones in
 * place), then the added ones in link order.
 */
export function resolveSharedScenario(shared: SharedScenario, sample: ScenarioContent | null): ResolveResult {
  if (shared.kind === 'full') return { ok: true, scenario: { meta: shared.meta, sites: shared.sites } };
  if (!sample) return fail('sample-mismatch', 'the link builds on the bundled sample, which could not be loaded');
  const key = sampleKey(sample);
  if (key !== shared.sampleKey) {
    return fail('sample-mismatch', `the link was made against another version of the bundled sample (${shared.sampleKey}; this map has ${key})`);
  }
  const removed = new Set(shared.remove);
  const upsert = new Map(shared.upsert.map((s) => [s.id, s]));
  const sites: Site[] = [];
  const placed = new Set<string>();
  for (const s of sample.sites) {
    if (removed.has(s.id)) continue;
    sites.push(upsert.get(s.id) ?? s);
    placed.add(s.id);
  }
  for (const s of shared.upsert) if (!placed.has(s.id)) sites.push(s);
  return { ok: true, scenario: { meta: shared.meta === 'sample' ? sample.meta : shared.meta, sites } };
}

/**
 * MapLibre's own fragment for a view (`#zoom/lat/lon`, what the map reads at start with `hash: true`).
 * Coordinates with six decimals, the link's precision.
 */
export function mapFragment(view: MapViewState): string {
  return `#${Number(view.zoom.toFixed(2))}/${Number(view.lat.toFixed(6))}/${Number(view.lon.toFixed(6))}`;
}

/** The view in MapLibre's fragment (`#zoom/lat/lon[/bearing[/pitch]]`), or null when it holds none. */
export function viewFromMapFragment(hash: string): MapViewState | null {
  const first = hash.replace(/^#/, '').split('&')[0] ?? '';
  const parts = first.split('/');
  if (parts.length < 3) return null;
  const [zoom, lat, lon] = parts.slice(0, 3).map(Number) as [number, number, number];
  if (![zoom, lat, lon].every(Number.isFinite)) return null;
  return { lon, lat, zoom };
}
