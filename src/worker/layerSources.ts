/**
 * The coverage worker's layers sent as the texts they were validated from (issue #19's start-up).
 *
 * Sent as objects, the shipped layers (~1 MB of coordinates: districts, zones, Outer Ring, land,
 * townships) were cloned on the page's thread (~40 ms on a busy 2-core machine), cloned back in the
 * worker (70–300 ms before it could read the next message) and printed there as JSON to be hashed for
 * the answers' key (60–120 ms) — all before a first visit's shipped answer could be looked up. As
 * texts, the copy is a few strings; the worker hashes them at once (the key), and validates them with
 * the page's own code only when its grid is to be read or built, after the look-up.
 *
 * Only layers read by a loader that notes its text (src/io/layerTexts.ts) go as texts, and the
 * townships only as the shipped file merged with no file of the user's (src/domain/townships.ts
 * mergeTownships): anything else (a user's zone boundaries, a township file) goes as objects, as before.
 */
import { parseGeodataFile, parseTownships } from '../io/geodataFiles';
import { sourceTextOf } from '../io/layerTexts';
import { mergeTownships } from '../domain/townships';
import { sha256Hex } from '../coverage/gridKey';
import { layersDigest } from './answerKey';
import type { SessionSources } from './coverageSession';

/** The texts of a session's layers; `townships`: the shipped file's, merged with none of the user's. */
export interface LayerTexts {
  districts: string;
  zones?: string;
  outerRing?: string;
  land?: string;
  townships?: string;
}

/** The townships in use are the shipped collection's, merged with no file (its polygons, its codes, no more). */
function isShippedOnly(inUse: NonNullable<SessionSources['townships']>, shipped: { features: ReadonlyArray<{ geometry: unknown; properties: { code: string } }> }): boolean {
  const byCode = new Map(shipped.features.map((f) => [f.properties.code, f.geometry]));
  return inUse.features.length === byCode.size && inUse.features.every((f) => byCode.get(f.properties.code) === f.geometry && (f.properties as { source?: string }).source === 'shipped');
}

/**
 * The texts `sources` were validated from, or null when any layer was not read from a noted text.
 * @param shippedTownships the shipped townships collection as read (the session's townships are made from it)
 */
export function layerTextsOf(sources: SessionSources, shippedTownships?: object | null): LayerTexts | null {
  const text = (value: unknown) => (value === undefined ? undefined : (sourceTextOf(value) ?? null));
  const districts = text(sources.districts);
  const zones = text(sources.zones);
  const outerRing = text(sources.outerRing);
  const land = text(sources.land);
  let townships: string | null | undefined;
  if (sources.townships !== undefined) {
    const shipped = shippedTownships as Parameters<typeof isShippedOnly>[1] | null | undefined;
    townships = shipped && isShippedOnly(sources.townships, shipped) ? text(shipped) : null;
  }
  if (!districts || zones === null || outerRing === null || land === null || townships === null) return null;
  return { districts, ...(zones !== undefined ? { zones } : {}), ...(outerRing !== undefined ? { outerRing } : {}), ...(land !== undefined ? { land } : {}), ...(townships !== undefined ? { townships } : {}) };
}

/** The layers validated from their texts, as the page made them (its loaders' code; townships merged with no file). */
export function sourcesFromTexts(texts: LayerTexts): SessionSources {
  const valid = <T>(read: { value: T } | { error: { file: string; message: string } }): T => {
    if ('error' in read) throw new Error(`${read.error.file}: ${read.error.message}`);
    return read.value;
  };
  return {
    districts: valid(parseGeodataFile('districts', texts.districts)),
    ...(texts.zones !== undefined ? { zones: valid(parseGeodataFile('zones', texts.zones)) } : {}),
    ...(texts.outerRing !== undefined ? { outerRing: valid(parseGeodataFile('outerRingArea', texts.outerRing)) } : {}),
    ...(texts.land !== undefined ? { land: valid(parseGeodataFile('land', texts.land)) } : {}),
    ...(texts.townships !== undefined ? { townships: mergeTownships(valid(parseTownships(texts.townships)).features, []) } : {}),
  };
}

/**
 * The digest of the layers for the answers' key: of their texts where sent so (equal texts, equal
 * layers: the build's code, which validates them, is in the key too), else of the layers' JSON.
 */
export async function sessionLayersDigest(sources: SessionSources | null, texts: LayerTexts | undefined): Promise<string> {
  if (texts) {
    const named = (['districts', 'zones', 'outerRing', 'land', 'townships'] as const).map((k) => [k, texts[k] ?? null]);
    return sha256Hex(new TextEncoder().encode(JSON.stringify(['layer-texts', 1, named])));
  }
  if (!sources) throw new Error('an init without layers');
  return layersDigest(sources);
}
