/**
 * The embed's host-page API over `window.postMessage`: what a host page may ask of the embedded map
 * and what the map tells it, as zod schemas, plus the origin allow-list. Pure (no DOM).
 *
 * Every message carries `api: "shanghai-siting-map"` and `v: 1`, so the map tells its own messages
 * from other postMessage traffic on the page (browser extensions, other widgets): foreign messages
 * are ignored silently; a message that names this API but does not fit a schema is answered with an
 * `error` event naming the field, so the host's developer sees why.
 *
 * Host → map (commands):
 *   { api, v: 1, type: "setView", view: { lon, lat, zoom } }  or  { …, type: "setView", bounds: [w, s, e, n] }
 *   { api, v: 1, type: "selectDistrict", adcode: "310112" | null, fit?: true }   (fit: zoom to it)
 *   { api, v: 1, type: "selectZone", zone: "<zone id>" | null }
 *   { api, v: 1, type: "setLayers", layers: { metro: false, … } }   (groups not named keep their state)
 *   { api, v: 1, type: "setLanguage", lang: "zh" | "en" }
 *   { api, v: 1, type: "getScorecard" }
 * Map → host (events):
 *   { api, v: 1, type: "ready", state, scorecard }   after the map is drawn and the first numbers are in
 *   { api, v: 1, type: "selectionChanged", district, zone }
 *   { api, v: 1, type: "scorecard", scorecard }     whenever the numbers change, and on getScorecard
 *   { api, v: 1, type: "error", message }           a message for this API that was malformed
 *
 * Origins: the embed URL's `origins=` option lists the host origins (comma-separated, e.g.
 * `origins=https://www.shmh.gov.cn,https://cms.example.org`). Commands from any other origin are
 * ignored and events are posted to listed origins only — never to "*". Without the option the list
 * is the embed's own origin: a host page on the map's own site works as is, and a page on another
 * site must be named explicitly, so no unknown page can steer the map or read its events.
 */
import { z } from 'zod';
import { adcodeSchema } from '../domain/geodata';
import { zoneIdSchema } from '../domain/zoneIds';
import { zoneDistrict } from '../domain/bundledPlans';
import { LAYER_BITS_V1 } from './urlState';

export const HOST_API = 'shanghai-siting-map';
export const HOST_API_VERSION = 1;

const envelope = { api: z.literal(HOST_API), v: z.literal(HOST_API_VERSION) };

const lon = z.number().min(120).max(124);
const lat = z.number().min(30).max(33);
const layerGroupSchema = z.enum(LAYER_BITS_V1 as [string, ...string[]]);

export const hostCommandSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...envelope,
      type: z.literal('setView'),
      view: z.object({ lon, lat, zoom: z.number().min(0).max(22) }).strict().optional(),
      bounds: z.tuple([lon, lat, lon, lat]).optional(),
    })
    .strict()
    .refine((m) => (m.view === undefined) !== (m.bounds === undefined), { message: 'give either view or bounds' })
    .refine((m) => !m.bounds || (m.bounds[0] < m.bounds[2] && m.bounds[1] < m.bounds[3]), {
      message: 'bounds must be [west, south, east, north]',
      path: ['bounds'],
    }),
  z.object({ ...envelope, type: z.literal('selectDistrict'), adcode: adcodeSchema.nullable(), fit: z.boolean().optional() }).strict(),
  z.object({ ...envelope, type: z.literal('selectZone'), zone: zoneIdSchema.refine((id) => zoneDistrict(id) !== null, { message: 'not a zone of any plan' }).nullable() }).strict(),
  z.object({ ...envelope, type: z.literal('setLayers'), layers: z.partialRecord(layerGroupSchema, z.boolean()) }).strict(),
  z.object({ ...envelope, type: z.literal('setLanguage'), lang: z.enum(['zh', 'en']) }).strict(),
  z.object({ ...envelope, type: z.literal('getScorecard') }).strict(),
]);
export type HostCommand = z.infer<typeof hostCommandSchema>;

const statusCounts = {
  targets: z.number().int().nonnegative(),
  met: z.number().int().nonnegative(),
  short: z.number().int().nonnegative(),
  notComputed: z.number().int().nonnegative(),
  notCheckable: z.number().int().nonnegative(),
};

export const scorecardSummarySchema = z.object({
  scope: z.object({ district: z.string().nullable(), zone: z.string().nullable() }),
  /**
   * The plan districts: target counts by status, and the coverage layer's covered share (0..1) of the
   * district's land (`coveredShare`) and of its whole polygon (`coveredSharePolygon`).
   */
  districts: z.array(
    z.object({
      adcode: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      ...statusCounts,
      coveredShare: z.number().nullable(),
      coveredSharePolygon: z.number().nullable(),
    }),
  ),
  /** The selected district's targets (those of the selected zone when one is), empty for the city. */
  targets: z.array(
    z.object({
      id: z.string(),
      zone: z.string().nullable(),
      facility: z.string(),
      metric: z.string(),
      status: z.enum(['met', 'short', 'not-computed', 'not-checkable']),
      current: z.number().nullable(),
      target: z.number().nullable(),
      unit: z.enum(['units', 'per-km2', 'share']),
      /** Shares and densities: the ground `current` is measured on; `polygon`: the same over the whole polygon. */
      ground: z.enum(['land', 'polygon']).nullable(),
      polygon: z.number().nullable(),
    }),
  ),
  /** The coverage layer: the city's covered share of land (`cityShare`) and of the polygons (`citySharePolygon`). */
  coverage: z
    .object({ viewId: z.string(), mode: z.enum(['gaps', 'distance', 'none']), ground: z.literal('land'), cityShare: z.number(), citySharePolygon: z.number() })
    .nullable(),
  /** True when the scenario holds made-up (illustrative) sites. */
  illustrative: z.boolean(),
});
export type ScorecardSummary = z.infer<typeof scorecardSummarySchema>;

const embedStateSchema = z.object({
  lang: z.enum(['zh', 'en']),
  district: z.string().nullable(),
  zone: z.string().nullable(),
  layers: z.record(z.string(), z.boolean()),
  locked: z.boolean(),
  sites: z.number().int().nonnegative(),
});
export type EmbedStateSummary = z.infer<typeof embedStateSchema>;

export const hostEventSchema = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('ready'), state: embedStateSchema, scorecard: scorecardSummarySchema }),
  z.object({ ...envelope, type: z.literal('selectionChanged'), district: z.string().nullable(), zone: z.string().nullable() }),
  z.object({ ...envelope, type: z.literal('scorecard'), scorecard: scorecardSummarySchema }),
  z.object({ ...envelope, type: z.literal('error'), message: z.string() }),
]);
export type HostEvent = z.infer<typeof hostEventSchema>;
/** An event before its envelope is added. */
export type HostEventBody = HostEvent extends infer E ? (E extends HostEvent ? Omit<E, 'api' | 'v'> : never) : never;

export function hostEvent(body: HostEventBody): HostEvent {
  return { api: HOST_API, v: HOST_API_VERSION, ...body } as HostEvent;
}

export type InboundMessage = { kind: 'foreign' } | { kind: 'invalid'; message: string } | { kind: 'command'; command: HostCommand };

/** Sorts a received message: not ours, ours but malformed (with the reason), or a command. */
export function classifyInbound(data: unknown): InboundMessage {
  if (typeof data !== 'object' || data === null || (data as { api?: unknown }).api !== HOST_API) return { kind: 'foreign' };
  const parsed = hostCommandSchema.safeParse(data);
  if (parsed.success) return { kind: 'command', command: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { kind: 'invalid', message: `${where}${issue.message}` };
}

export interface OriginList {
  origins: string[];
  /** Entries that are not an http(s) origin, ignored (shown to whoever set up the embed). */
  rejected: string[];
}

/**
 * The allow-list from the embed's `origins=` option (comma-separated). Each entry must be an origin
 * exactly — scheme, host and port, no path — as browsers report it in `MessageEvent.origin`. No
 * wildcard: "*" is rejected like any other non-origin.
 * @param ownOrigin the embed's own origin, the list when the option is absent or empty.
 */
export function parseOriginList(option: string | null, ownOrigin: string): OriginList {
  const entries = (option ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const own = isHttpOrigin(ownOrigin) ? [ownOrigin] : [];
  if (entries.length === 0) return { origins: own, rejected: [] };
  const origins: string[] = [];
  const rejected: string[] = [];
  for (const entry of entries) {
    const origin = normaliseOrigin(entry);
    if (origin === null) rejected.push(entry);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, rejected };
}

function isHttpOrigin(text: string): boolean {
  return normaliseOrigin(text) === text;
}

/** `https://Example.org:443` → `https://example.org`; null for anything that is not just an origin. */
function normaliseOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  // A trailing slash is forgiven (people paste origins that way); any other path is not an origin.
  if (url.pathname !== '/') return null;
  return url.origin;
}

export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.includes(origin);
}

/**
 * Where to post events: the allowed origins, narrowed to the parent's origin when the browser tells
 * it (`location.ancestorOrigins`, Chromium and Safari) so no event is even attempted towards an
 * origin the parent is not.
 */
export function eventTargets(allowed: readonly string[], parentOrigin: string | null): string[] {
  if (parentOrigin === null) return [...allowed];
  return allowed.includes(parentOrigin) ? [parentOrigin] : [];
}
