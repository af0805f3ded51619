/**
 * Published datasets (src/io/publishedData.ts): the deployer's index and files, served by a fetcher
 * over files in memory (the browser test serves them over HTTP). The station fixtures are the import
 * tests' (tests/fixtures/import): GB18030 Chinese headers, GCJ-02 coordinates, with a WGS-84 truth.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { embedUserTiles, loadDeployerSettings, loadPublished, publishedIndexSchema, type PublishedEntry } from '../../src/io/publishedData';

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url))));
const truth = JSON.parse(new TextDecoder().decode(fixture('stations.truth.json'))) as { sites: Array<{ id: string; lon: number; lat: number }> };

type Files = Record<string, { body: string | Uint8Array<ArrayBuffer>; type?: string; status?: number }>;
const server =
  (files: Files) =>
  async (url: string): Promise<Response> => {
    const path = url.replace(/^\/base\//, '');
    const f = files[decodeURIComponent(path)];
    if (!f) return new Response('not found', { status: 404 });
    return new Response(f.body, { status: f.status ?? 200, headers: { 'content-type': f.type ?? 'application/octet-stream' } });
  };
const entry = (over: Partial<PublishedEntry> & { id: string; file: string }): PublishedEntry => ({
  title: { zh: `${over.id} 数据`, en: `${over.id} data` },
  date: '2022-06-30',
  source: '某区发展和改革委员会',
  licence: 'CC BY 4.0',
  ...over,
});
const index = (...entries: unknown[]) => ({ body: JSON.stringify(entries), type: 'application/json' });

describe('published datasets', () => {
  it('nothing published: no index, the server’s HTML page for every path, or the empty index the build ships, keeps the sample', async () => {
    expect(await loadPublished('/base/', null, server({}))).toEqual({ kind: 'sample' });
    const spa = server({ 'published/index.json': { body: '<!doctype html><html></html>', type: 'text/html; charset=utf-8' } });
    expect(await loadPublished('/base/', null, spa)).toEqual({ kind: 'sample' });
    // The build's own published/index.json: an empty list.
    const shipped = readFileSync(fileURLToPath(new URL('../../public/published/index.json', import.meta.url)), 'utf8');
    expect(await loadPublished('/base/', null, server({ 'published/index.json': { body: shipped, type: 'application/json' } }))).toEqual({ kind: 'sample' });
  });

  it('opens the first entry: a GCJ-02 CSV converted to WGS-84, titled and sourced, never illustrative', async () => {
    const files: Files = {
      'published/index.json': index(entry({ id: 'chargers-2022', file: 'stations-gcj02.csv', crs: 'gcj02' }), entry({ id: 'gbk', file: 'stations-gbk.csv' })),
      'published/stations-gcj02.csv': { body: fixture('stations-gcj02.csv') },
      'published/stations-gbk.csv': { body: fixture('stations-gbk.csv') },
    };
    const got = await loadPublished('/base/', null, server(files));
    if (got.kind !== 'published') throw new Error('expected the published entry');
    expect(got.problems).toEqual([]);
    expect(got.entry!.id).toBe('chargers-2022');
    expect(got.meta).toMatchObject({ name_zh: 'chargers-2022 数据', illustrative: false, published: { id: 'chargers-2022', source: '某区发展和改革委员会', licence: 'CC BY 4.0', date: '2022-06-30' } });
    expect(got.sites.length).toBe(truth.sites.length);
    expect(got.sites.every((s) => s.illustrative !== true)).toBe(true);
    // GCJ-02 → WGS-84 by the app's inverse; the fixture's truth is the WGS-84 it was made from, both
    // written to 1e-6°: measured 1.2e-6° at most.
    for (const s of got.sites) {
      const want = truth.sites.find((t) => t.id === s.id)!;
      expect(Math.abs(s.lon - want.lon)).toBeLessThan(3e-6);
      expect(Math.abs(s.lat - want.lat)).toBeLessThan(3e-6);
    }
    // ?published=gbk: the GB18030 file with Chinese headers.
    const gbk = await loadPublished('/base/', 'gbk', server(files));
    if (gbk.kind !== 'published') throw new Error('expected the published entry');
    expect(gbk.entry!.id).toBe('gbk');
    expect(gbk.sites[0]!.name).toBe('白银路站充电站');
    // An id that is not listed: said so, the first shown.
    const unknown = await loadPublished('/base/', 'nope', server(files));
    if (unknown.kind !== 'published') throw new Error('expected the published entry');
    expect(unknown.entry!.id).toBe('chargers-2022');
    expect(unknown.problems).toEqual([{ file: 'published/index.json', message: 'no dataset with id "nope" (published=nope); showing "chargers-2022"' }]);
  });

  it('a broken file: every bad row named by file, row and field; the good rows kept', async () => {
    const csv = 'name,type,lon,lat,capacity\nA,charging,121.47,31.23,4\nB,charging,abc,31.2,2\nC,charging,121.5,31.24,-3\nD,charging,121.48,31.22,1\n';
    const files: Files = { 'published/index.json': index(entry({ id: 'p', file: 'piles.csv' })), 'published/piles.csv': { body: csv } };
    const got = await loadPublished('/base/', null, server(files));
    if (got.kind !== 'published') throw new Error('expected the published entry');
    expect(got.sites.map((s) => s.name)).toEqual(['A', 'D']);
    expect(got.problems.map((p) => p.file)).toEqual(['published/piles.csv', 'published/piles.csv']);
    expect(got.problems[0]!.message).toMatch(/^row 3, lon: /);
    expect(got.problems[1]!.message).toMatch(/^row 4, capacity: capacity must be a whole number/);
  });

  it('a broken index or a missing file is reported, and nothing falls back to the sample', async () => {
    const bad = async (body: string) => loadPublished('/base/', null, server({ 'published/index.json': { body, type: 'application/json' } }));
    const notJson = await bad('[{');
    expect(notJson).toMatchObject({ kind: 'published', sites: [], problems: [{ file: 'published/index.json' }] });
    expect((notJson as { problems: Array<{ message: string }> }).problems[0]!.message).toMatch(/^not valid JSON/);
    for (const [body, says] of [
      [JSON.stringify([entry({ id: 'a', file: '../secret.csv' })]), 'file'],
      [JSON.stringify([entry({ id: 'a', file: 'a.csv' }), entry({ id: 'a', file: 'b.csv' })]), 'listed twice'],
      [JSON.stringify([{ ...entry({ id: 'a', file: 'a.csv' }), crs: 'epsg:3857' }]), 'crs'],
    ] as const) {
      const got = await bad(body);
      expect(got.kind).toBe('published');
      expect((got as { problems: Array<{ file: string; message: string }> }).problems[0]!.message).toContain(says);
    }
    const missing = await loadPublished('/base/', null, server({ 'published/index.json': index(entry({ id: 'a', file: 'gone.geojson' })) }));
    expect(missing).toMatchObject({ kind: 'published', sites: [], problems: [{ file: 'published/gone.geojson', message: 'HTTP 404' }] });
    expect(publishedIndexSchema.safeParse([entry({ id: 'x', file: 'x.csv', date: '30/06/2022' })]).success).toBe(false);
  });

  it('an index written as an object: its datasets, and the deployer’s embed tiles (archive or template)', async () => {
    const files: Files = {
      'published/index.json': { body: JSON.stringify({ datasets: [entry({ id: 'p', file: 'p.csv' })], embed: { tiles: { archive: 'city.pmtiles', opacity: 0.8 } } }), type: 'application/json' },
      'published/p.csv': { body: 'name,type,lon,lat\nA,charging,121.47,31.23\n' },
    };
    const got = await loadPublished('/base/', null, server(files));
    expect(got).toMatchObject({ kind: 'published', sites: [{ name: 'A' }], problems: [] });
    expect(await loadDeployerSettings('/base/', server(files))).toEqual({ tiles: { archive: 'city.pmtiles', opacity: 0.8 }, lang: null, view: null });
    // No index, or a plain list: no settings.
    expect((await loadDeployerSettings('/base/', server({}))).tiles).toBeNull();
    expect((await loadDeployerSettings('/base/', server({ 'published/index.json': index(entry({ id: 'p', file: 'p.csv' })) }))).tiles).toBeNull();
    // Tiles only (nothing published): the sample stays.
    expect(await loadPublished('/base/', null, server({ 'published/index.json': { body: JSON.stringify({ embed: { tiles: { template: 'tiles/{z}/{x}/{y}.png' } } }), type: 'application/json' } }))).toEqual({ kind: 'sample' });
    // A template relative to the served folder becomes a same-origin URL; an archive outside published/ is refused.
    expect(embedUserTiles({ template: './tiles/{z}/{x}/{y}.png', crs: 'gcj02' }, 'https://maps.example.org/siting/')).toMatchObject({
      template: 'https://maps.example.org/siting/tiles/{z}/{x}/{y}.png',
      crs: 'gcj02',
      minzoom: 0,
      visible: true,
    });
    expect(embedUserTiles({ template: 'tiles/{z}/{x}.png' }, 'https://maps.example.org/')).toMatchObject({ file: 'published/index.json' });
    const outside = await loadPublished('/base/', null, server({ 'published/index.json': { body: JSON.stringify({ embed: { tiles: { archive: '../city.pmtiles' } } }), type: 'application/json' } }));
    expect(outside).toMatchObject({ kind: 'published', problems: [{ file: 'published/index.json' }] });
  });

  it('the deployer’s default language and view; a bad one is named by loadPublished and gives no settings', async () => {
    const withDefaults = (extra: object): Files => ({
      'published/index.json': { body: JSON.stringify({ datasets: [entry({ id: 'p', file: 'p.csv' })], ...extra }), type: 'application/json' },
      'published/p.csv': { body: 'name,type,lon,lat\nA,charging,121.47,31.23\n' },
    });
    const good = withDefaults({ lang: 'en', view: { lon: 121.4737, lat: 31.2304, zoom: 14 } });
    expect(await loadDeployerSettings('/base/', server(good))).toEqual({ tiles: null, lang: 'en', view: { lon: 121.4737, lat: 31.2304, zoom: 14 } });
    expect(await loadPublished('/base/', null, server(good))).toMatchObject({ kind: 'published', problems: [] });
    for (const [extra, says] of [
      [{ lang: 'fr' }, 'lang'],
      [{ view: { lon: 31.23, lat: 121.47, zoom: 12 } }, 'view › lon: a longitude near Shanghai, 120.5–122.5 (°E; lat and lon swapped?)'],
      [{ view: { lon: 116.4, lat: 39.9, zoom: 12 } }, 'view › lat: a latitude near Shanghai'],
      [{ view: { lon: 121.47, lat: 31.23 } }, 'view › zoom'],
      [{ view: { lon: 121.47, lat: 31.23, zoom: 12, pitch: 40 } }, 'pitch'],
    ] as const) {
      const files = withDefaults(extra);
      expect(await loadDeployerSettings('/base/', server(files))).toEqual({ tiles: null, lang: null, view: null });
      const got = await loadPublished('/base/', null, server(files));
      expect(got).toMatchObject({ kind: 'published', sites: [], problems: [{ file: 'published/index.json' }] });
      expect((got as { problems: Array<{ message: string }> }).problems[0]!.message).toContain(says);
    }
  });
});
