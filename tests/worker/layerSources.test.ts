/**
 * The coverage worker's layers sent as texts (src/worker/layerSources.ts): the layers the worker makes
 * from the shipped files' texts equal the page's, field for field; only layers read from a noted text
 * go so (a user's zone boundary or township file goes as objects); the digest follows every text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGeodata, type Geodata } from '../../src/io/loadGeodata';
import { shippedSources } from '../../src/ui/coverage/earlyCoverage';
import { layerTextsOf, sessionLayersDigest, sourcesFromTexts } from '../../src/worker/layerSources';
import { layersDigest } from '../../src/worker/answerKey';
import { mergeTownships } from '../../src/domain/townships';
import { zonesInUse } from '../../src/domain/userZones';
import type { SessionSources } from '../../src/worker/coverageSession';

const PUBLIC = join(__dirname, '..', '..', 'public');
const fetcher = async (url: string) => new Response(readFileSync(join(PUBLIC, url)));
let data: Geodata;
let sources: SessionSources;

beforeAll(async () => {
  data = (await loadGeodata('data/', fetcher)).data;
  sources = shippedSources(data)!;
});

describe('layers sent as texts', () => {
  it('make, in the worker, the very layers the page validated', () => {
    const texts = layerTextsOf(sources, data.townships);
    expect(texts).not.toBeNull();
    expect(Object.keys(texts!).sort()).toEqual(['districts', 'land', 'outerRing', 'townships', 'zones']);
    // The texts are the files as served.
    expect(texts!.districts).toBe(readFileSync(join(PUBLIC, 'data', 'districts.geojson'), 'utf8'));
    const made = sourcesFromTexts(texts!);
    expect(made).toEqual(sources);
    // Structured-cloned, as postMessage would have sent them, the objects are the same too.
    expect(made).toEqual(structuredClone(sources));
  });

  it('only for layers read from a noted text: a user’s zone boundary or township file goes as objects', () => {
    const zone = data.zones!.features[0]!;
    const userZones = new Map([[zone.properties.id, { geometry: zone.geometry, source: 'drawn.geojson', savedAt: '2026-12-01' } as never]]);
    expect(layerTextsOf({ ...sources, zones: zonesInUse(data.zones!, userZones) }, data.townships)).toBeNull();
    const shipped = data.townships!.features;
    const imported = [{ code: shipped[0]!.properties.code, name: 'x', district: shipped[0]!.properties.district, geometry: shipped[1]!.geometry }];
    expect(layerTextsOf({ ...sources, townships: mergeTownships(shipped, imported as never) }, data.townships)).toBeNull();
    // A copy of a layer was not read from a text.
    expect(layerTextsOf({ ...sources, land: structuredClone(sources.land) }, data.townships)).toBeNull();
    // Absent layers stay absent.
    const bare: SessionSources = { districts: sources.districts, zones: sources.zones, outerRing: sources.outerRing };
    expect(Object.keys(layerTextsOf(bare, data.townships)!).sort()).toEqual(['districts', 'outerRing', 'zones']);
  });

  it('the digest follows each text, and falls back to the layers’ JSON without texts', async () => {
    const texts = layerTextsOf(sources, data.townships)!;
    const digest = await sessionLayersDigest(null, texts);
    expect(await sessionLayersDigest(sources, texts)).toBe(digest);
    for (const key of Object.keys(texts) as Array<keyof typeof texts>) {
      expect(await sessionLayersDigest(null, { ...texts, [key]: `${texts[key]} ` })).not.toBe(digest);
    }
    expect(await sessionLayersDigest(null, { ...texts, land: undefined })).not.toBe(digest);
    expect(await sessionLayersDigest(sources, undefined)).toBe(await layersDigest(sources));
    await expect(sessionLayersDigest(null, undefined)).rejects.toThrow();
  });
});
