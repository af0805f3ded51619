/**
 * Answers kept between visits (src/worker/answerKey.ts, src/io/answerCache.ts): the key is a
 * function of everything an answer depends on — two sessions given the same inputs in another order
 * get the same key and compute the same figures; a change of any one input, the layers, the cell
 * size or the build gives another key. The canonical text never prints two different values alike.
 * Kept answers read back equal on a real IndexedDB (fake-indexeddb runs the same idb code), the
 * newest ANSWERS_KEPT only.
 */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { answerKey, canonicalBytes, digestOf, JsonText, layersDigest } from '../../src/worker/answerKey';
import { ANSWERS_KEPT, keepAnswer, keptAnswerCount, readKeptAnswer } from '../../src/io/answerCache';
import { CoverageSession, type SessionUpdate } from '../../src/worker/coverageSession';
import { assumptionValues } from '../../src/domain/assumptions';
import { BUNDLED_ASSUMPTIONS } from '../../src/domain/bundledPlans';
import { censusPopulationInput, fileSource, type PopulationInput } from '../../src/domain/population';
import { parsePopulationCsv } from '../../src/io/loadGeodata';
import { data, dataText } from '../geodata/load';
import { sampleSites } from './shippedSession';

const CELL_M = 200;
const CHARGING_VIEW = 'ev-charging-pile+ev-charging-station+ev-fast-charging-pile|inside:0.9,outside:1.5';
const sources = { districts: data('districts.geojson') as never, zones: data('zones.geojson') as never, outerRing: data('outer-ring-area.geojson') as never, land: data('land.geojson') as never };
const census = () => censusPopulationInput((parsePopulationCsv(dataText('district-population.csv')) as { value: never }).value);
const text = (v: unknown) => new TextDecoder().decode(canonicalBytes(v));
/** One grid for the sessions that only need one (built on first use). */
const grid = {
  made: null as CoverageSession['grid'] | null,
  get grid() {
    return (this.made ??= new CoverageSession(sources, { cellM: CELL_M }).grid);
  },
};

/** The figures of an update: what a kept answer holds (no picture, no timings, no spreading time). */
function figures(u: SessionUpdate) {
  const population = u.population ? { ...u.population, buildMs: 0 } : u.population;
  return { results: u.results, view: u.view, compare: u.compare, timeline: u.timeline, population };
}

const keyOf = (session: CoverageSession, over: Partial<{ buildId: string; cellM: number; sourcesDigest: string }> = {}) =>
  answerKey({ buildId: 'build-a', cellM: CELL_M, sourcesDigest: 'layers-a', inputs: session.answerInputs(), ...over });

describe('the canonical text of an answer’s inputs', () => {
  it('tells apart what plain JSON prints alike', () => {
    expect(text(new Float32Array([1, 2]))).not.toBe(text(new Float32Array([1, 3])));
    expect(canonicalBytes(new Float32Array([1, 2]))).not.toEqual(canonicalBytes(new Float32Array([1, 3])));
    expect(text({ a: new Map([['x', 1]]) })).not.toBe(text({ a: {} }));
    expect(text(new Set([1]))).not.toBe(text(new Set([2])));
    expect(text([NaN])).not.toBe(text([null]));
    expect(text([Infinity])).not.toBe(text([-Infinity]));
    expect(text({ a: undefined })).not.toBe(text({}));
    // A typed array and the plain object JSON would make of it.
    expect(text(new Uint8Array([7]))).not.toBe(text({ 0: 7 }));
    // A list put in as its JSON text: another text, another key; never the list itself, nor the text as a string.
    expect(text({ s: new JsonText('[1]') })).not.toBe(text({ s: new JsonText('[2]') }));
    expect(text({ s: new JsonText('[1]') })).not.toBe(text({ s: [1] }));
    expect(text({ s: new JsonText('[1]') })).not.toBe(text({ s: '[1]' }));
    expect(text([new JsonText('[1]'), new JsonText('[2]')])).not.toBe(text([new JsonText('[1][2]'), new JsonText('')]));
  });

  it('hashes equal values alike, however they were made', async () => {
    const a = await digestOf({ x: [1, 2, new Uint16Array([3, 4])], y: new Map([[1, 'a']]) });
    const b = await digestOf({ x: [1, 2, new Uint16Array(new Uint16Array([3, 4]).buffer)], y: new Map([[1, 'a']]) });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the key of a coverage answer', () => {
  it('two sessions with the same inputs, given in another order, share the key and compute the same figures', async () => {
    const sites = sampleSites();
    const a = new CoverageSession(sources, { cellM: CELL_M });
    a.applySites({ replace: sites });
    a.setAssumptions(assumptionValues(BUNDLED_ASSUMPTIONS));
    a.setView(CHARGING_VIEW, 'gaps');
    a.setPopulation(census());
    const b = new CoverageSession(sources, { cellM: CELL_M, grid: a.grid });
    b.setPopulation(census());
    b.setView(CHARGING_VIEW, 'gaps');
    b.setAssumptions({ ...assumptionValues(BUNDLED_ASSUMPTIONS) });
    b.applySites({ replace: sites.slice(0, 100) });
    b.applySites({ remove: [], upsert: sites.slice(100) });
    expect(await keyOf(b)).toBe(await keyOf(a));
    expect(figures(b.compute())).toEqual(figures(a.compute()));

    // Any one input changed: another key.
    const base = await keyOf(a);
    const changed: string[] = [];
    const moved = { ...sites[0]!, lon: sites[0]!.lon + 1e-5 };
    b.applySites({ remove: [], upsert: [moved] });
    changed.push(await keyOf(b));
    b.applySites({ remove: [], upsert: [sites[0]!] });
    expect(await keyOf(b)).toBe(base);
    const assumptions = assumptionValues(BUNDLED_ASSUMPTIONS);
    const someKey = Object.keys(assumptions)[0]!;
    b.setAssumptions({ ...assumptions, [someKey]: assumptions[someKey]! + 0.1 });
    changed.push(await keyOf(b));
    b.setAssumptions(assumptions);
    b.setAsOf(2021);
    changed.push(await keyOf(b));
    b.setAsOf(null);
    b.setView(CHARGING_VIEW, 'gaps', 'polygon');
    changed.push(await keyOf(b));
    b.setView(CHARGING_VIEW, 'distance');
    changed.push(await keyOf(b));
    b.setView(CHARGING_VIEW, 'gaps');
    b.setCompare(sites.slice(1));
    changed.push(await keyOf(b));
    b.setCompare(null);
    b.setPatchArea({ kind: 'district', code: '310112' } as never);
    changed.push(await keyOf(b));
    b.setPatchArea(null);
    b.setPopulation(null);
    changed.push(await keyOf(b));
    b.setPopulation(census());
    expect(await keyOf(b)).toBe(base);
    changed.push(await keyOf(b, { buildId: 'build-b' }), await keyOf(b, { cellM: 100 }), await keyOf(b, { sourcesDigest: 'layers-b' }));
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });

  it('residents asked but not yet spread key as once spread; a refused file after a layer keys by both, and only the last refused counts', async () => {
    const far = (name: string, n: number): PopulationInput => ({
      kind: 'raster',
      source: fileSource('raster', name),
      raster: { width: 1, height: 1, west: 100, north: 20, dLon: 0.1, dLat: 0.1, values: new Float32Array([n]) },
    });
    const sites = sampleSites().slice(0, 300);
    const make = () => {
      const s = new CoverageSession(sources, { cellM: CELL_M, grid: grid.grid });
      s.applySites({ replace: sites });
      s.setAssumptions(assumptionValues(BUNDLED_ASSUMPTIONS));
      s.setView(CHARGING_VIEW, 'gaps');
      return s;
    };
    // Spread at once (the previous visit, after its computation) and asked only (the next visit, before its look-up).
    const spread = make();
    spread.setPopulation(census());
    const asked = make();
    asked.askPopulation(census());
    expect(await keyOf(asked)).toBe(await keyOf(spread));
    expect(figures(asked.compute())).toEqual(figures(spread.compute()));

    // census, then two files refused: the layer is the census, the status the last refusal's.
    spread.setPopulation(far('one.tif', 5));
    spread.setPopulation(far('two.tif', 7));
    const direct = make();
    direct.askPopulation(census());
    direct.askPopulation(far('two.tif', 7));
    expect(await keyOf(direct)).toBe(await keyOf(spread));
    const u = figures(direct.compute());
    expect(u).toEqual(figures(spread.compute()));
    expect(u.population!.source.name).toBe('two.tif');
    expect(u.view!.population!.source.kind).toBe('district-census');
    // The first refusal's status is another answer.
    const other = make();
    other.askPopulation(census());
    other.askPopulation(far('one.tif', 5));
    expect(await keyOf(other)).not.toBe(await keyOf(spread));
    // A file taken after them: only it counts.
    spread.setPopulation(census());
    const again = make();
    again.askPopulation(census());
    expect(await keyOf(again)).toBe(await keyOf(spread));
  });

  it('the layers’ digest changes with one vertex moved by a millimetre', async () => {
    const districts = structuredClone(sources.districts) as { features: Array<{ geometry: { coordinates: number[][][][] | number[][][] } }> };
    const ring = districts.features[0]!.geometry.coordinates[0]! as unknown as number[][] | number[][][];
    const first = (Array.isArray(ring[0]![0]) ? (ring as number[][][])[0]![0]! : (ring as number[][])[0]!) as number[];
    first[0] = first[0]! + 1e-8;
    expect(await layersDigest({ ...sources, districts })).not.toBe(await layersDigest(sources));
  });

  it('the layers’ digest is the same for a copy, another for one name or one id changed', async () => {
    expect(await layersDigest(structuredClone(sources))).toBe(await layersDigest(sources));
    const renamed = structuredClone(sources.districts) as { features: Array<{ properties: Record<string, unknown> }> };
    renamed.features[0]!.properties.name = `${String(renamed.features[0]!.properties.name)} `;
    expect(await layersDigest({ ...sources, districts: renamed })).not.toBe(await layersDigest(sources));
    const zones = structuredClone(sources.zones) as { features: Array<{ properties: Record<string, unknown> }> };
    zones.features[0]!.properties.id = `${String(zones.features[0]!.properties.id)}x`;
    expect(await layersDigest({ ...sources, zones })).not.toBe(await layersDigest(sources));
  });
});

describe('answers kept in IndexedDB', () => {
  it('read back equal; only the newest are kept', async () => {
    const factory = new IDBFactory();
    const session = new CoverageSession(sources, { cellM: CELL_M });
    session.applySites({ replace: sampleSites() });
    session.setAssumptions(assumptionValues(BUNDLED_ASSUMPTIONS));
    session.setView(CHARGING_VIEW, 'gaps');
    const answer = figures(session.compute());
    expect(await readKeptAnswer('k0', factory)).toBeNull();
    // None kept (a first visit): the worker reads its kept grid without waiting for a look-up.
    expect(await keptAnswerCount(factory)).toBe(0);
    await keepAnswer('k0', answer, factory, 1);
    expect(await keptAnswerCount(factory)).toBe(1);
    expect(await readKeptAnswer('k0', factory)).toEqual(answer);
    for (let i = 1; i <= ANSWERS_KEPT; i++) await keepAnswer(`k${i}`, { i }, factory, 1 + i);
    expect(await readKeptAnswer('k0', factory)).toBeNull(); // the oldest went
    expect(await readKeptAnswer('k1', factory)).toEqual({ i: 1 });
    expect(await readKeptAnswer(`k${ANSWERS_KEPT}`, factory)).toEqual({ i: ANSWERS_KEPT });
    expect(await keptAnswerCount(factory)).toBe(ANSWERS_KEPT);
  });
});
