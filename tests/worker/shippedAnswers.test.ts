/**
 * The answers shipped with a build (scripts/ship-answers.ts writes them, src/worker/shippedAnswers.ts
 * reads them): computed from the app's own shipped folder, written to a real folder, served on a real
 * socket and read back as the worker reads them — found only under the key of exactly the inputs they
 * were computed from, and only for the build that wrote them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeShippedAnswers, firstVisitInputs, writeShippedAnswers, type ShippedAnswer } from '../../scripts/ship-answers';
import { ShippedAnswers, SHIPPED_ANSWERS_DIR, SHIPPED_ANSWERS_INDEX } from '../../src/worker/shippedAnswers';
import { answerKey } from '../../src/worker/answerKey';
import { layerTextsOf, sessionLayersDigest } from '../../src/worker/layerSources';
import { startStaticServer, type StaticServer } from '../e2e/support/staticServer';
import { loadGeodata } from '../../src/io/loadGeodata';
import { loadBaseScenario } from '../../src/io/publishedData';
import { shippedSources } from '../../src/ui/coverage/earlyCoverage';
import { selectedArea, NO_SELECTION } from '../../src/ui/state/selection';

const PUBLIC = join(__dirname, '..', '..', 'public');
const BUILD = 'b'.repeat(64);
let out: string;
let server: StaticServer;
let answers: ShippedAnswer[];

beforeAll(async () => {
  // The main app's 100 m start only: the same code as 50 m and as the embed's, a quarter of the cells.
  answers = await computeShippedAnswers(PUBLIC, BUILD, { page: 'app', cellM: 100 });
  out = mkdtempSync(join(tmpdir(), 'shipped-answers-'));
  writeShippedAnswers(out, BUILD, answers);
  server = await startStaticServer(out);
}, 120_000);

afterAll(async () => {
  await server.close();
  rmSync(out, { recursive: true, force: true });
});

const reader = (build = BUILD) => new ShippedAnswers(new URL('/', server.url), build);

describe('answers shipped with the build', () => {
  it("computes the sample's answer with a figure for every target of the bundled plans", () => {
    expect(answers).toHaveLength(1);
    const figures = answers[0]!.figures as { results: Array<{ targetId: string; current: number | null }>; population: unknown };
    expect(figures.results.length).toBeGreaterThan(40);
    expect(figures.results.filter((r) => r.current !== null).length).toBeGreaterThan(20);
    // The census residents were asked for, as the page asks on a first visit.
    expect(figures.population).toMatchObject({ error: null, problem: null, report: expect.anything() });
  });

  it('reads the answer back under its key, and nothing under any other', async () => {
    const [a] = answers;
    expect(await reader().hasAnswerAt(100)).toBe(true);
    expect(await reader().hasAnswerAt(50)).toBe(false);
    expect(await reader().answer(a!.key)).toEqual(a!.figures);
    expect(await reader().answer('0'.repeat(64))).toBeNull();
  });

  it("asks for its page's answer at the worker's cell size as soon as the index is read, once, and no other", async () => {
    const asked: string[] = [];
    const counting = (cellM: number, page: 'app' | 'embed' = 'app') => {
      const r = new ShippedAnswers(new URL('/', server.url), BUILD, (url) => (asked.push(new URL(url).pathname), fetch(url)));
      r.prefetch(cellM, page);
      return r;
    };
    const file = `/${SHIPPED_ANSWERS_DIR}/${answers[0]!.key}.json`;
    const at100 = counting(100);
    await expect.poll(() => asked).toEqual([`/${SHIPPED_ANSWERS_DIR}/${SHIPPED_ANSWERS_INDEX}`, file]);
    expect(await at100.answer(answers[0]!.key)).toEqual(answers[0]!.figures);
    expect(await at100.answer('0'.repeat(64))).toBeNull();
    expect(asked).toHaveLength(2);
    asked.length = 0;
    const at50 = counting(50);
    expect(await at50.answer(answers[0]!.key)).toEqual(answers[0]!.figures);
    // Not prefetched at 50 m (nothing listed there): the key's file asked for when looked up.
    expect(asked).toEqual([`/${SHIPPED_ANSWERS_DIR}/${SHIPPED_ANSWERS_INDEX}`, file]);
    asked.length = 0;
    // Nor for the embed (the app's answer only is listed here).
    const embed = counting(100, 'embed');
    expect(await embed.answer('0'.repeat(64))).toBeNull();
    expect(asked).toEqual([`/${SHIPPED_ANSWERS_DIR}/${SHIPPED_ANSWERS_INDEX}`]);
  });

  it('gives another key when any input differs (one site moved 1 m, another cell size)', async () => {
    const fetcher = async (url: string) => new Response(readFileSync(join(PUBLIC, url)));
    const loaded = await loadGeodata('data/', fetcher);
    const base = await loadBaseScenario('', null, fetcher);
    const sites = base.scenario!.sites;
    const sources = shippedSources(loaded.data)!;
    const sourcesDigest = await sessionLayersDigest(sources, layerTextsOf(sources, loaded.data.townships) ?? undefined);
    const keyOf = (list: typeof sites, cellM: number) => answerKey({ buildId: BUILD, cellM, sourcesDigest, inputs: firstVisitInputs(list, { census: loaded.data.population, patchArea: selectedArea(NO_SELECTION) }).answerInputs() });
    expect(await keyOf(sites, 100)).toBe(answers[0]!.key);
    const moved = sites.map((s, i) => (i === 7 ? { ...s, lat: s.lat + 1e-5 } : s));
    expect(await keyOf(moved, 100)).not.toBe(answers[0]!.key);
    expect(await keyOf(sites, 50)).not.toBe(answers[0]!.key);
  });

  it("is not used by another build, nor from a missing or broken index", async () => {
    expect(await reader('c'.repeat(64)).answer(answers[0]!.key)).toBeNull();
    const index = join(out, SHIPPED_ANSWERS_DIR, SHIPPED_ANSWERS_INDEX);
    const kept = readFileSync(index);
    try {
      writeFileSync(index, '{"build": "' + BUILD + '", "answers": [{"key": "../../etc/passwd"}]}');
      expect(await reader().answer(answers[0]!.key)).toBeNull();
      writeFileSync(index, 'not json');
      expect(await reader().answer(answers[0]!.key)).toBeNull();
      rmSync(index);
      expect(await reader().answer(answers[0]!.key)).toBeNull();
    } finally {
      writeFileSync(index, kept);
    }
  });

  it('writes nothing where the default start has no sites', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'shipped-empty-'));
    try {
      writeShippedAnswers(empty, BUILD, []);
      expect(() => readFileSync(join(empty, SHIPPED_ANSWERS_DIR, SHIPPED_ANSWERS_INDEX))).toThrow();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
