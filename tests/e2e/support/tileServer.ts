/**
 * A tile server for browser tests, on an ephemeral loopback port: plain white 256-pixel PNG tiles
 * with a magenta 7×7 square at one place, drawn either where WGS-84 puts it (`/wgs84/{z}/{x}/{y}.png`)
 * or where GCJ-02 does (`/gcj02/…`, as a Chinese commercial server would). Every request is kept.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { fromWgs84 } from '../../../src/io/crs';
import { lonLatToPixel, TILE_PX } from '../../../src/map/tileWarp';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** An RGBA image as PNG (8-bit, no filter). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const MARK_RGB = [255, 0, 255] as const;

function tile(z: number, x: number, y: number, mark: [number, number]): Buffer {
  const rgba = new Uint8Array(TILE_PX * TILE_PX * 4).fill(255);
  const [mx, my] = lonLatToPixel(mark[0], mark[1], z);
  const cx = Math.floor(mx) - x * TILE_PX;
  const cy = Math.floor(my) - y * TILE_PX;
  for (let py = cy - 3; py <= cy + 3; py++)
    for (let px = cx - 3; px <= cx + 3; px++) {
      if (px < 0 || py < 0 || px >= TILE_PX || py >= TILE_PX) continue;
      rgba.set([...MARK_RGB, 255], (py * TILE_PX + px) * 4);
    }
  return encodePng(TILE_PX, TILE_PX, rgba);
}

export interface TileServer {
  url: string;
  requests: string[];
  close: () => Promise<void>;
}

/** Serves tiles marking `mark` (a WGS-84 lon/lat). */
export async function startTileServer(mark: [number, number]): Promise<TileServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/(wgs84|gcj02)\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const at = m[1] === 'gcj02' ? fromWgs84(mark[0], mark[1], 'gcj02') : mark;
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
    res.end(tile(Number(m[2]), Number(m[3]), Number(m[4]), at));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((ok) => server.close(() => ok())) };
}
