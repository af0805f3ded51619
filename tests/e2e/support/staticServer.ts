/**
 * A minimal static file server for the built app (dist/), on an ephemeral loopback port.
 * Our own, rather than `vite preview`, so tests control the headers and see every request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pmtiles': 'application/vnd.pmtiles',
};

/** Cross-origin isolation, as the README's deploy notes and vite's servers send it (SharedArrayBuffer for the coverage worker's helpers). */
export const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'credentialless' };

/**
 * The caching headers deploy/nginx.conf sends for a path: a year's immutable caching for the hashed
 * `assets/`, `no-cache` (revalidate, answered 304 when unchanged) for everything else.
 */
function deployedCaching(path: string): string {
  return path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** A file's bytes, or the one range asked for (`Range: bytes=a-b`, as PMTiles readers ask) with 206. */
function send(req: IncomingMessage, res: ServerResponse, name: string, body: Buffer, validator: string | null = null): void {
  const type = MIME[extname(name)] ?? 'application/octet-stream';
  if (validator !== null) {
    res.setHeader('etag', validator);
    if (req.headers['if-none-match'] === validator) {
      res.writeHead(304).end();
      return;
    }
  }
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (!range) {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'accept-ranges': 'bytes' }).end(body);
    return;
  }
  const start = Number(range[1]);
  const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
  if (start > end) {
    res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
    return;
  }
  res.writeHead(206, { 'content-type': type, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${body.length}` }).end(body.subarray(start, end + 1));
}

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * @param overlay files served before the folder's, by path without the leading slash (a deployer's
 *   `published/` folder beside the build, in the tests that need one)
 * @param options.isolated send {@link ISOLATION_HEADERS} with every answer (default true, as deployed)
 * @param options.caching send deploy/nginx.conf's caching headers and answer a revalidation with 304
 *   (default false: every answer fetched afresh, as the browser tests want)
 */
export async function startStaticServer(root: string, overlay: Readonly<Record<string, string | Uint8Array>> = {}, options: { isolated?: boolean; caching?: boolean } = {}): Promise<StaticServer> {
  const base = resolve(root);
  const isolated = options.isolated ?? true;
  const caching = options.caching ?? false;
  const server: Server = createServer(async (req, res) => {
    if (isolated) for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      if (caching) res.setHeader('cache-control', deployedCaching(path));
      const extra = overlay[path.replace(/^\//, '')];
      if (extra !== undefined) {
        const body = typeof extra === 'string' ? Buffer.from(extra) : Buffer.from(extra);
        send(req, res, path, body, caching ? `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` : null);
        return;
      }
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      // nginx's validator: the file's modification time and size.
      const facts = caching ? await stat(file) : null;
      send(req, res, file, await readFile(file), facts ? `"${Math.floor(facts.mtimeMs / 1000).toString(16)}-${facts.size.toString(16)}"` : null);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
