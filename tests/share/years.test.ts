/**
 * Years in share links (issue #18): each site's `year` and the as-of year travel in the link and
 * come back the same; a link made before years (its text fixed below, encoded by the app as it was
 * at commit 6936e69) still decodes to the same state; the embed reads `year=`.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VISIBILITY } from '../../src/domain/layerVisibility';
import type { Site } from '../../src/domain/site';
import { compactSites, expandSites } from '../../src/share/compactSites';
import { embedUrl, parseEmbedOptions } from '../../src/share/embedOptions';
import { decodeShareState, encodeShareState, resolveSharedScenario, type ShareState } from '../../src/share/urlState';

const OLD_SITES: Site[] = [
  { id: 'a', type: '5g-macro', lon: 121.4, lat: 31.1, status: 'existing', name: '甲' },
  { id: 'b', type: 'ev-charging-pile', lon: 121.41, lat: 31.11, status: 'planned', capacity: 8 },
];
const OLD_LINK =
  '1.TY9NDoIwEIXv8tYl6VCJpudwR1hURCAWVPyHcAtP4qW8hq9GjF2033yZTl8HXGFTiWU211zKSGw-IKJ1puBh0VdQuMMmIgprCiNaJKbsYduz9wr5BM0ER9gBNWfDsXEFzlqGKimjxuXdjrK4RHnlurJuy2hf-yL0nNjDx0nuR7dvwpCLJuy0DJSakPJftpS8hdfjiYz1IdSiFoG3ZB4bfgDj-AZUIwGm';

const state = (sites: Site[], asOf?: number | null): ShareState => ({
  view: { lon: 121.47, lat: 31.23, zoom: 11 },
  lang: 'zh',
  layers: DEFAULT_VISIBILITY,
  district: '310112',
  zone: null,
  coverage: null,
  ...(asOf === undefined ? {} : { asOf }),
  scenario: { meta: null, sites },
});

function roundTrip(s: ShareState, sample: ShareState['scenario'] | null = null) {
  const enc = encodeShareState(s, sample);
  if (!enc.ok) throw new Error(JSON.stringify(enc));
  const dec = decodeShareState(enc.text);
  if (!dec.ok) throw new Error(JSON.stringify(dec.error));
  const resolved = resolveSharedScenario(dec.state.scenario, sample);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  return { text: enc.text, state: dec.state, sites: resolved.scenario.sites };
}

describe('years in share links', () => {
  const withYears: Site[] = [
    { ...OLD_SITES[0]!, year: 2019 },
    OLD_SITES[1]!,
    { id: 'c', type: '5g-pole', lon: 121.42, lat: 31.12, status: 'candidate', year: 2022 },
  ];

  it('each site keeps its year (or its lack of one), and the as-of year comes back', () => {
    const r = roundTrip(state(withYears, 2021));
    expect(r.sites).toEqual(withYears);
    expect(r.state.asOf).toBe(2021);
  });

  it('as a difference from a sample: a changed year alone is carried', () => {
    const sample = { meta: null, sites: OLD_SITES };
    const changed = [{ ...OLD_SITES[0]!, year: 2020 }, OLD_SITES[1]!];
    expect(roundTrip(state(changed), sample).sites).toEqual(changed);
  });

  it('a link made before years still decodes: same sites, no year, every site', () => {
    const dec = decodeShareState(OLD_LINK);
    if (!dec.ok) throw new Error(JSON.stringify(dec.error));
    expect(dec.state.asOf).toBeUndefined();
    const resolved = resolveSharedScenario(dec.state.scenario, null);
    expect(resolved.ok && resolved.scenario.sites).toEqual(OLD_SITES);
    // And the same state without years encodes to that very text today.
    const enc = encodeShareState(state(OLD_SITES));
    expect(enc.ok && enc.text).toBe(OLD_LINK);
  });

  it('the compact form leaves Y out without years and refuses a year out of range or order', () => {
    expect('Y' in compactSites(OLD_SITES)).toBe(false);
    const c = compactSites(withYears);
    expect(c.Y).toEqual([[0, 2019], [2, 2022]]);
    expect(expandSites({ ...c, Y: [[0, 1800]] })).toMatchObject({ error: expect.stringMatching(/site 1 \("a"\), year/) });
  });

  it('an as-of year outside 2019–2025 is not written', () => {
    expect(roundTrip(state(OLD_SITES, 2030)).state.asOf).toBeUndefined();
  });

  it('the embed reads year= (2019–2025) and ignores anything else', () => {
    expect(parseEmbedOptions('?year=2021', 'https://x.org').asOf).toBe(2021);
    expect(parseEmbedOptions('?year=2018', 'https://x.org').asOf).toBeNull();
    expect(parseEmbedOptions('?year=abc', 'https://x.org').asOf).toBeNull();
    expect(parseEmbedOptions('', 'https://x.org').asOf).toBeNull();
    expect(embedUrl({ embedUrl: 'https://x.org/embed.html', state: null, lang: null, locked: false, origins: [], asOf: 2021 })).toBe('https://x.org/embed.html?year=2021');
  });
});
