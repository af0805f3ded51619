/**
 * Host-page API: messages sorted into foreign / malformed (with the field at fault) / commands,
 * the origin allow-list (exact origins only, no wildcard, own origin by default), where events go,
 * and the embed options and snippet.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyInbound,
  eventTargets,
  hostEvent,
  hostEventSchema,
  HOST_API,
  isAllowedOrigin,
  parseOriginList,
} from '../../src/share/hostApi';
import { embedUrl, iframeSnippet, parseEmbedOptions } from '../../src/share/embedOptions';

const msg = (body: Record<string, unknown>) => ({ api: HOST_API, v: 1, ...body });

describe('inbound messages', () => {
  it('ignores messages of other senders on the page', () => {
    for (const data of [null, 'select 310112', 42, { type: 'selectDistrict', adcode: '310112' }, { api: 'other', v: 1 }, [HOST_API]]) {
      expect(classifyInbound(data)).toEqual({ kind: 'foreign' });
    }
  });

  it('accepts each command', () => {
    const commands = [
      msg({ type: 'setView', view: { lon: 121.4, lat: 31.1, zoom: 11 } }),
      msg({ type: 'setView', bounds: [121.2, 30.9, 121.6, 31.3] }),
      msg({ type: 'selectDistrict', adcode: '310112', fit: true }),
      msg({ type: 'selectDistrict', adcode: null }),
      msg({ type: 'selectZone', zone: 'zizhu' }),
      msg({ type: 'setLayers', layers: { metro: false, zones: true } }),
      msg({ type: 'setLanguage', lang: 'en' }),
      msg({ type: 'getScorecard' }),
    ];
    for (const c of commands) expect(classifyInbound(c)).toEqual({ kind: 'command', command: c });
  });

  it('answers a malformed message for this API with the field at fault', () => {
    const cases: Array<[unknown, RegExp]> = [
      [msg({ type: 'selectDistrict', adcode: 'Minhang' }), /^adcode: adcode must look like 3101xx/],
      [msg({ type: 'setLanguage', lang: 'fr' }), /^lang: /],
      [msg({ type: 'setView', view: { lon: 2.35, lat: 48.85, zoom: 11 } }), /^view\.lon: /],
      [msg({ type: 'setView', view: { lon: 121.4, lat: 31.1, zoom: 11 }, bounds: [121, 31, 122, 32] }), /either view or bounds/],
      [msg({ type: 'setView', bounds: [121.6, 30.9, 121.2, 31.3] }), /^bounds: bounds must be \[west, south, east, north\]/],
      [msg({ type: 'setLayers', layers: { teleporters: true } }), /^layers/],
      [msg({ type: 'selfDestruct' }), /^type: /],
      [msg({ type: 'selectZone', zone: 'atlantis' }), /^zone: not a zone of any plan/],
      [{ api: HOST_API, v: 2, type: 'getScorecard' }, /^v: /],
      [msg({ type: 'getScorecard', extra: 1 }), /extra/],
    ];
    for (const [data, message] of cases) {
      const r = classifyInbound(data);
      expect(r.kind, JSON.stringify(data)).toBe('invalid');
      if (r.kind === 'invalid') expect(r.message).toMatch(message);
    }
  });
});

describe('origin allow-list', () => {
  const own = 'https://maps.example.org';

  it('is the embed’s own origin when the option is absent or empty', () => {
    expect(parseOriginList(null, own)).toEqual({ origins: [own], rejected: [] });
    expect(parseOriginList(' , ', own)).toEqual({ origins: [own], rejected: [] });
    // An opaque own origin (file://, sandbox) allows no one.
    expect(parseOriginList(null, 'null')).toEqual({ origins: [], rejected: [] });
  });

  it('takes exact http(s) origins, normalised as browsers report them, and rejects the rest', () => {
    const r = parseOriginList('https://WWW.SHMH.gov.cn, http://127.0.0.1:8080/,https://a.example:443,*,https://x.org/page,javascript:alert(1),ftp://f.example,https://a.example', own);
    expect(r.origins).toEqual(['https://www.shmh.gov.cn', 'http://127.0.0.1:8080', 'https://a.example']);
    expect(r.rejected).toEqual(['*', 'https://x.org/page', 'javascript:alert(1)', 'ftp://f.example']);
  });

  it('matches origins exactly', () => {
    const allowed = ['https://www.shmh.gov.cn'];
    expect(isAllowedOrigin('https://www.shmh.gov.cn', allowed)).toBe(true);
    for (const o of ['http://www.shmh.gov.cn', 'https://www.shmh.gov.cn:8443', 'https://evil.shmh.gov.cn', 'https://www.shmh.gov.cn.evil.example', 'null']) {
      expect(isAllowedOrigin(o, allowed)).toBe(false);
    }
  });

  it('posts events only to allowed origins, narrowed to the parent’s when known', () => {
    const allowed = ['https://a.example', 'https://b.example'];
    expect(eventTargets(allowed, null)).toEqual(allowed);
    expect(eventTargets(allowed, 'https://b.example')).toEqual(['https://b.example']);
    expect(eventTargets(allowed, 'https://evil.example')).toEqual([]);
    expect(eventTargets([], null)).toEqual([]);
  });
});

describe('events', () => {
  it('wraps events in the API envelope, and they pass the published schema', () => {
    const e = hostEvent({ type: 'selectionChanged', district: '310112', zone: null });
    expect(e).toEqual({ api: HOST_API, v: 1, type: 'selectionChanged', district: '310112', zone: null });
    expect(hostEventSchema.safeParse(e).success).toBe(true);
    expect(hostEventSchema.safeParse({ ...e, district: 5 }).success).toBe(false);
  });
});

describe('embed options and snippet', () => {
  it('reads the options back from the URL the dialog makes', () => {
    const url = embedUrl({
      embedUrl: 'https://maps.example.org/siting/embed.html?old=1#old',
      state: '1.abc-_',
      lang: 'en',
      locked: true,
      origins: ['https://www.shmh.gov.cn', 'http://127.0.0.1:8080'],
    });
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/siting/embed.html');
    expect(parsed.hash).toBe('#s=1.abc-_');
    expect(parseEmbedOptions(parsed.search, 'https://maps.example.org')).toEqual({
      lang: 'en',
      locked: true,
      origins: { origins: ['https://www.shmh.gov.cn', 'http://127.0.0.1:8080'], rejected: [] },
      asOf: null,
    });
    expect(parseEmbedOptions('', 'https://maps.example.org')).toEqual({
      lang: null,
      locked: false,
      origins: { origins: ['https://maps.example.org'], rejected: [] },
      asOf: null,
    });
  });

  it('escapes the snippet’s attribute values', () => {
    const snippet = iframeSnippet('https://m.example/embed.html?a=1&b="x"', 640.4, 480, '闵行 <b>"coverage"</b>');
    expect(snippet).toBe(
      '<iframe src="https://m.example/embed.html?a=1&amp;b=&quot;x&quot;" width="640" height="480" title="闵行 &lt;b&gt;&quot;coverage&quot;&lt;/b&gt;" style="border:0" loading="lazy"></iframe>',
    );
  });
});
