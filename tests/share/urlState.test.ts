/**
 * Share-link state: random states survive encode → decode (coordinates within the stated 1e-6°,
 * checked as ground distance with turf), scenarios built on the sample travel as a difference and
 * come back whole, and tampered, truncated, foreign-version or malformed links are refused with a
 * message that says what is wrong.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distance } from '@turf/turf';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from '../../src/domain/scenarioFile';
import { siteStatusSchema, type Site } from '../../src/domain/site';
import { LAYER_GROUPS } from '../../src/map/baseStyle';
import { toBase64Url } from '../../src/share/base64url';
import { crc32 } from '../../src/domain/crc32';
import { STATUS_V1 } from '../../src/share/compactSites';
import {
  decodeShareState,
  encodeShareState,
  LAYER_BITS_V1,
  mapFragment,
  MAX_STATE_CHARS,
  resolveSharedScenario,
  stateFromFragment,
  viewFromMapFragment,
  type DecodedShare,
  type ShareState,
} from '../../src/share/urlState';
import { shareStateArb, sitesArb } from './arbitraries';

/** Half a micro-degree, the most rounding to 1e-6° can move a coordinate (plus float noise). */
const HALF_MICRO = 0.5e-6 + 1e-12;

function expectSameSite(got: Site, want: Site) {
  const { lon, lat, ...rest } = want;
  const { lon: gotLon, lat: gotLat, ...gotRest } = got;
  expect(gotRest).toEqual(rest);
  expect(Math.abs(gotLon - lon)).toBeLessThanOrEqual(HALF_MICRO);
  expect(Math.abs(gotLat - lat)).toBeLessThanOrEqual(HALF_MICRO);
  // The stated precision on the ground: within 0.1 m (turf, great-circle).
  expect(distance([lon, lat], [gotLon, gotLat], { units: 'meters' })).toBeLessThan(0.1);
}

function decodeOk(text: string): DecodedShare {
  const r = decodeShareState(text);
  if (!r.ok) throw new Error(`decode failed: ${r.error.code}: ${r.error.detail}`);
  return r.state;
}

function encodeOk(state: ShareState, sample: Parameters<typeof encodeShareState>[1] = null): string {
  const r = encodeShareState(state, sample);
  if (!r.ok) throw new Error(`encode failed: ${JSON.stringify(r)}`);
  return r.text;
}

/** Link text for any JSON, made like the encoder does (deflate, CRC-32, base64url), to test the decoder's checks. */
function packRaw(json: unknown, version = 1): string {
  const bytes = strToU8(JSON.stringify(json));
  const deflated = deflateSync(bytes);
  const out = new Uint8Array(deflated.length + 4);
  out.set(deflated);
  new DataView(out.buffer).setUint32(deflated.length, crc32(bytes));
  return `${version}.${toBase64Url(out)}`;
}

const SITE = { id: 'a', type: 'ev-charging-station', lon: 121.4, lat: 31.1, status: 'existing' } as const satisfies Site;
const plainState = (sites: Site[]): ShareState => ({
  view: { lon: 121.47, lat: 31.23, zoom: 10.5 },
  lang: 'en',
  layers: Object.fromEntries(LAYER_GROUPS.map((g) => [g, g !== 'metro'])) as ShareState['layers'],
  district: '310112',
  zone: 'zizhu',
  coverage: { viewId: 'ev-charging-pile|inside:0.9', mode: 'gaps' },
  scenario: { meta: null, sites },
});

/** A minimal valid raw payload (format 1) for the malformed-content tests to break. */
const rawPayload = () => ({
  w: null,
  l: 'zh',
  y: 511,
  d: null,
  z: null,
  c: null,
  m: null,
  s: { i: ['a', 'b'], T: ['ev-charging-station'], t: [0, 0], a: [0, 1], x: [121400000, 1000], y: [31100000, -1000], n: [], q: [], k: [], f: '' },
});

describe('share link round trip', () => {
  it('gives back any state: view, layers, selection, language, coverage layer, meta and every site', () => {
    fc.assert(
      fc.property(shareStateArb(), (state) => {
        const r = encodeShareState(state);
        if (!r.ok) {
          // Only size may stop a valid state, and then the figure says by how much.
          expect(r.reason).toBe('too-large');
          if (r.reason === 'too-large') expect(r.chars).toBeGreaterThan(MAX_STATE_CHARS);
          return;
        }
        expect(r.text.length).toBeLessThanOrEqual(MAX_STATE_CHARS);
        expect(r.text).toMatch(/^1\.[A-Za-z0-9_-]+$/);
        const got = decodeOk(r.text);
        expect(got.lang).toBe(state.lang);
        expect(got.layers).toEqual(state.layers);
        expect(got.district).toBe(state.district);
        expect(got.zone).toBe(state.zone);
        expect(got.coverage).toEqual(state.coverage);
        if (state.view === null) expect(got.view).toBeNull();
        else {
          expect(Math.abs(got.view!.lon - state.view.lon)).toBeLessThanOrEqual(HALF_MICRO);
          expect(Math.abs(got.view!.lat - state.view.lat)).toBeLessThanOrEqual(HALF_MICRO);
          expect(Math.abs(got.view!.zoom - state.view.zoom)).toBeLessThanOrEqual(0.005 + 1e-9);
        }
        const resolved = resolveSharedScenario(got.scenario, null);
        expect(resolved.ok).toBe(true);
        if (!resolved.ok) return;
        expect(resolved.scenario.meta).toEqual(state.scenario.meta);
        expect(resolved.scenario.sites.map((s) => s.id)).toEqual(state.scenario.sites.map((s) => s.id));
        resolved.scenario.sites.forEach((s, i) => expectSameSite(s, state.scenario.sites[i]!));
      }),
      { numRuns: 200 },
    );
  });

  it('sends a scenario built on the sample as its difference, and rebuilds it from the same sample', () => {
    const edited = fc
      .record({
        sample: sitesArb(60).map((sites) => sites.map((s) => ({ ...s, id: `s:${s.id}` }))),
        added: sitesArb(8).map((sites) => sites.map((s) => ({ ...s, id: `new:${s.id}` }))),
        removeMask: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        changeMask: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
      })
      .map(({ sample, added, removeMask, changeMask }) => {
        const kept = sample.filter((_, i) => !removeMask[i]);
        const changed = kept.map((s) =>
          changeMask[sample.indexOf(s)] ? { ...s, status: 'candidate' as const, lat: Math.min(s.lat + 0.001, 32.1) } : s,
        );
        return { sample, scenario: [...changed, ...added], removed: sample.filter((_, i) => removeMask[i]).map((s) => s.id) };
      });
    fc.assert(
      fc.property(edited, shareStateArb(fc.constant([])), ({ sample, scenario, removed }, base) => {
        const sampleContent = { meta: null, sites: sample };
        const state: ShareState = { ...base, scenario: { meta: null, sites: scenario } };
        const r = encodeShareState(state, sampleContent);
        if (!r.ok) return; // too large either way: covered above
        const got = decodeOk(r.text);
        const resolved = resolveSharedScenario(got.scenario, sampleContent);
        expect(resolved.ok).toBe(true);
        if (!resolved.ok) return;
        // The documented order: the sample's kept sites in sample order, then the added ones.
        expect(resolved.scenario.sites.map((s) => s.id)).toEqual(scenario.map((s) => s.id));
        resolved.scenario.sites.forEach((s, i) => expectSameSite(s, scenario[i]!));
        if (got.scenario.kind === 'sample-diff') expect(got.scenario.remove.sort()).toEqual([...removed].sort());
      }),
      { numRuns: 100 },
    );
  });

  it('fits the bundled 3,180-site sample with a few edits in a link, which the whole list would not', () => {
    const text = readFileSync(fileURLToPath(new URL('../../public/data/sample-scenario.geojson', import.meta.url)), 'utf8');
    const sample = parseScenarioFile(JSON.parse(text));
    expect(sample.sites.length).toBeGreaterThan(3000);
    const sites = sample.sites.filter((s) => s.id !== sample.sites[10]!.id).map((s, i) => (i === 20 ? { ...s, lon: Number((s.lon + 0.01).toFixed(6)) } : s));
    sites.push({ id: 'my-new-charger', type: 'ev-charging-station', lon: 121.401234, lat: 31.105678, status: 'planned', capacity: 12 });
    const state = { ...plainState(sites), scenario: { meta: sample.meta, sites } };
    expect(encodeShareState(state)).toMatchObject({ ok: false, reason: 'too-large' });
    const linkText = encodeOk(state, sample);
    expect(linkText.length).toBeLessThan(1000);
    const got = decodeOk(linkText);
    expect(got.scenario.kind).toBe('sample-diff');
    const resolved = resolveSharedScenario(got.scenario, sample);
    if (!resolved.ok) throw new Error(resolved.error.detail);
    expect(resolved.scenario.meta).toEqual(sample.meta);
    expect(resolved.scenario.sites).toEqual(sites);
  });

  it('refuses to rebuild a difference against another sample, saying so', () => {
    const sampleA = { meta: null, sites: [SITE, { ...SITE, id: 'b' }] };
    const sampleB = { meta: null, sites: [SITE, { ...SITE, id: 'b', lon: 121.5 }] };
    const linkText = encodeOk(plainState([SITE]), sampleA);
    const got = decodeOk(linkText);
    expect(got.scenario.kind).toBe('sample-diff');
    const r = resolveSharedScenario(got.scenario, sampleB);
    expect(r).toMatchObject({ ok: false, error: { code: 'sample-mismatch' } });
    expect(resolveSharedScenario(got.scenario, null)).toMatchObject({ ok: false, error: { code: 'sample-mismatch' } });
    expect(resolveSharedScenario(got.scenario, sampleA)).toMatchObject({ ok: true, scenario: { sites: [SITE] } });
  });

  it('says a scenario is too large for a link, with its size', () => {
    // 3,000 sites at random positions with random ids do not compress into 8,000 characters.
    const sites: Site[] = Array.from({ length: 3000 }, (_, i) => ({
      ...SITE,
      id: `site-${(i * 7919) % 100_003}-${i}`,
      lon: 121 + ((i * 0.6180339887) % 1) * 0.8,
      lat: 30.8 + ((i * 0.4142135623) % 1) * 0.8,
    }));
    const r = encodeShareState(plainState(sites));
    expect(r).toMatchObject({ ok: false, reason: 'too-large', limit: MAX_STATE_CHARS });
    if (!r.ok && r.reason === 'too-large') expect(r.chars).toBeGreaterThan(MAX_STATE_CHARS);
  });
});

describe('bad links', () => {
  const good = encodeOk(plainState([SITE, { ...SITE, id: 'b', lon: 121.45, name: '站 2', capacity: 4 }]));
  const original = decodeOk(good);

  it('refuses every truncation of a link with a message', () => {
    for (let n = 0; n < good.length; n++) {
      const r = decodeShareState(good.slice(0, n));
      expect(r.ok, `prefix of ${n} characters`).toBe(false);
      if (!r.ok) {
        expect(['not-a-link', 'damaged']).toContain(r.error.code);
        expect(r.error.detail.length).toBeGreaterThan(10);
      }
    }
  });

  it('refuses a link with any one character changed, unless the change falls in unused padding bits', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let refused = 0;
    for (let i = 2; i < good.length; i++) {
      for (const shift of [1, 17, 40]) {
        const c = alphabet[(alphabet.indexOf(good[i]!) + shift) % 64]!;
        const tampered = good.slice(0, i) + c + good.slice(i + 1);
        const r = decodeShareState(tampered);
        if (r.ok) expect(r.state).toEqual(original); // same bytes read: nothing was really changed
        else {
          refused++;
          expect(['damaged', 'invalid']).toContain(r.error.code);
        }
      }
    }
    // All but the bits that carry no data are caught: the last character's spare bits, and the
    // padding after the deflate stream's final block (a change there reads back the same bytes, which
    // the loop above asserts; with the townships' layer bit this link has one such character).
    expect(refused).toBeGreaterThanOrEqual((good.length - 2) * 3 - 6);
  });

  it('names the version of a link from another version of the map', () => {
    const body = good.slice(2);
    expect(decodeShareState(`0.${body}`)).toMatchObject({ ok: false, error: { code: 'unsupported-version' } });
    const older = decodeShareState(`0.${body}`);
    if (!older.ok) expect(older.error.detail).toMatch(/older version.*format 0.*reads format 1/);
    const newer = decodeShareState(`2.${body}`);
    expect(newer).toMatchObject({ ok: false, error: { code: 'unsupported-version' } });
    if (!newer.ok) expect(newer.error.detail).toMatch(/newer version.*format 2/);
  });

  it('refuses text that is not a link, characters outside base64url, and over-long links', () => {
    expect(decodeShareState('hello')).toMatchObject({ ok: false, error: { code: 'not-a-link' } });
    const stray = decodeShareState(`${good.slice(0, 10)}+${good.slice(11)}`);
    expect(stray).toMatchObject({ ok: false, error: { code: 'damaged' } });
    if (!stray.ok) expect(stray.error.detail).toContain('character 9 ("+") is not base64url');
    expect(decodeShareState(`1.${'A'.repeat(MAX_STATE_CHARS)}`)).toMatchObject({ ok: false, error: { code: 'too-long' } });
  });

  it('refuses a checksum that does not match the content', () => {
    const bytes = strToU8(JSON.stringify(rawPayload()));
    const deflated = deflateSync(bytes);
    const out = new Uint8Array(deflated.length + 4);
    out.set(deflated);
    new DataView(out.buffer).setUint32(deflated.length, crc32(bytes) ^ 1);
    const r = decodeShareState(`1.${toBase64Url(out)}`);
    expect(r).toMatchObject({ ok: false, error: { code: 'damaged' } });
    if (!r.ok) expect(r.error.detail).toContain('checksum');
  });

  it('accepts the hand-made payload the malformed cases start from', () => {
    const got = decodeOk(packRaw(rawPayload()));
    const r = resolveSharedScenario(got.scenario, null);
    expect(r.ok && r.scenario.sites).toEqual([
      { id: 'a', type: 'ev-charging-station', lon: 121.4, lat: 31.1, status: 'existing' },
      { id: 'b', type: 'ev-charging-station', lon: 121.401, lat: 31.099, status: 'planned' },
    ]);
  });

  const invalid: Array<[string, (p: ReturnType<typeof rawPayload>) => unknown, RegExp]> = [
    ['a site outside the Shanghai region, naming the site and field', (p) => ((p.s.x[1] = 5_000_000), p), /site 2 \("b"\), lon/],
    ['duplicate site ids', (p) => ((p.s.i[1] = 'a'), p), /duplicate site id "a"/],
    ['a column shorter than the id list', (p) => ((p.s.x = [121400000]), p), /s › x: has 1 entries for 2 sites/],
    ['a type index outside the type list', (p) => ((p.s.t[1] = 3), p), /s › t\[1\]: type 3 is not in the type list/],
    ['an unknown facility type', (p) => ((p.s.T = ['teleporter'] as never), p), /s › T\[0\]/],
    ['an unknown zone', (p) => ((p.z = 'atlantis' as never), p), /^z: atlantis is not a zone of any plan/],
    ['a zone of another district (one selection)', (p) => ({ ...p, d: '310110', z: 'zizhu' }), /^z: zone zizhu lies in district 310112, not 310110/],
    ['a zone without its district', (p) => ({ ...p, d: null, z: 'daning' }), /^z: zone daning lies in district 310106, not none/],
    ['a malformed adcode', (p) => ((p.d = '999999' as never), p), /^d: adcode must look like 3101xx/],
    ['layer bits beyond the known groups', (p) => ((p.y = 1024), p), /^y: /],
    ['an unknown member', (p) => ({ ...p, extra: 1 }), /extra/],
    ['removed sites without a sample', (p) => ({ ...p, r: ['a'] }), /^r: removed sites need a sample/],
    ['a JSON array instead of an object', () => [1, 2, 3], /object/],
  ];
  for (const [what, breakIt, message] of invalid) {
    it(`refuses ${what}`, () => {
      const r = decodeShareState(packRaw(breakIt(rawPayload())));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid');
        expect(r.error.detail).toMatch(message);
      }
    });
  }
});

describe('format constants', () => {
  it('has a layer bit for every layer group of the app (a new group needs a new bit or format version)', () => {
    expect([...LAYER_BITS_V1].sort()).toEqual([...LAYER_GROUPS].sort());
  });
  it('has a status code for every site status', () => {
    expect([...STATUS_V1].sort()).toEqual([...siteStatusSchema.options].sort());
  });
});

describe('URL fragments', () => {
  it('finds the state among fragment parameters and reads MapLibre’s view fragment', () => {
    expect(stateFromFragment('#s=1.abc')).toBe('1.abc');
    expect(stateFromFragment('#10/31/121&s=1.x-_')).toBe('1.x-_');
    expect(stateFromFragment('#10/31.2/121.4')).toBeNull();
    expect(viewFromMapFragment('#10.5/31.123456/121.654321')).toEqual({ zoom: 10.5, lat: 31.123456, lon: 121.654321 });
    expect(viewFromMapFragment('#s=1.abc')).toBeNull();
    expect(mapFragment({ lon: 121.6543214, lat: 31.1234567, zoom: 10.456 })).toBe('#10.46/31.123457/121.654321');
  });
});

describe('a township in the link', () => {
  it('round-trips a township of the district; a link without one is as before; one outside the district is refused', () => {
    const base = { ...plainState([SITE]), district: '310106', zone: null };
    const plain = encodeOk(base);
    expect(decodeOk(plain).township).toBeUndefined();
    const withTownship = encodeOk({ ...base, township: '310106019' });
    expect(withTownship).not.toBe(plain);
    expect(decodeOk(withTownship).township).toBe('310106019');
    // A township outside the link's district is not written (the app's selection never holds one).
    expect(encodeOk({ ...base, township: '310110001' })).toBe(plain);
  });
});
