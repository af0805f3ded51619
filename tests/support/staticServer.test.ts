/**
 * The test server's `caching` option sends deploy/nginx.conf's caching headers, so the start-up bench
 * measures a next visit as a deployment serves it: hashed assets cached a year, everything else
 * revalidated (304 when unchanged, the whole file when it changed). Real files on a real socket.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../e2e/support/staticServer';

let root: string;
let server: StaticServer;
let plain: StaticServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-server-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'main-abc123.js'), 'export {};');
  writeFileSync(join(root, 'data', 'districts.geojson'), '{"type":"FeatureCollection","features":[]}');
  server = await startStaticServer(root, { 'blank.html': '<p>blank</p>' }, { caching: true });
  plain = await startStaticServer(root);
});

afterAll(async () => {
  await server.close();
  await plain.close();
  rmSync(root, { recursive: true, force: true });
});

describe('startStaticServer with caching', () => {
  it('caches the hashed assets a year and has the rest revalidated', async () => {
    const asset = await fetch(`${server.url}assets/main-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['', 'index.html', 'data/districts.geojson', 'blank.html']) {
      const r = await fetch(`${server.url}${path}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(r.headers.get('etag')).toMatch(/^"[0-9a-f-]+"$/);
    }
  });

  it('answers a revalidation with 304 while the file is unchanged, with the new file once it changed', async () => {
    const url = `${server.url}data/districts.geojson`;
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    expect(await first.text()).toContain('FeatureCollection');
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const file = join(root, 'data', 'districts.geojson');
    writeFileSync(file, '{"type":"FeatureCollection","features":[],"changed":true}');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain('changed');
  });

  it('sends no caching headers without the option, and never 304', async () => {
    const r = await fetch(`${plain.url}data/districts.geojson`, { headers: { 'if-none-match': '"x"' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBeNull();
    expect(r.headers.get('etag')).toBeNull();
  });
});
