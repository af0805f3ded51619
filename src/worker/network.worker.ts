/// <reference lib="webworker" />
/**
 * The network worker: a road file → the road graph on the coverage grid → network distances per
 * cell, updated by site edits (src/worker/networkSession.ts). The main thread calls it through
 * connectWorker (src/worker/workerClient.ts); the typed arrays of each answer are transferred.
 */
import { expose, transfer } from 'comlink';
import type { NetworkAnswer, NetworkApi, NetworkFieldPatch } from './networkProtocol';
import { NetworkSession } from './networkSession';
import { obtainGrid } from './gridSupply';

let session: NetworkSession | null = null;

function need(): NetworkSession {
  if (!session) throw new Error('the network worker has no grid yet (setGrid first)');
  return session;
}

function sent(p: NetworkFieldPatch): NetworkFieldPatch {
  const buffers = [p.dist?.buffer, p.own?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  return transfer(p, buffers);
}

function sentAnswer(a: NetworkAnswer): NetworkAnswer {
  return transfer(a, (a.picture?.tiles ?? []).flatMap((t) => (t.rgba ? [t.rgba] : [])));
}

const api: NetworkApi = {
  async setGrid(sources, cellM) {
    // The coverage worker keeps the grid it built (same sources, same key): read back, not built twice.
    const supply = await obtainGrid(sources, cellM, typeof indexedDB === 'undefined' ? null : indexedDB);
    session = new NetworkSession(sources, cellM, supply.grid);
    return session.tiles;
  },
  update(change) {
    return sentAnswer(need().update(change));
  },
  route(lon, lat) {
    return need().route(lon, lat);
  },
  async loadRoads({ file, fileName, mode, crs, snapM, maxDistanceM }, onProgress) {
    const s = need();
    const tooBig = NetworkSession.checkSize(fileName, file.size, new Uint8Array(await file.slice(0, 64).arrayBuffer()));
    if (tooBig) return { error: tooBig };
    void onProgress('reading', 0);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let last = -1;
    return s.load(fileName, bytes, {
      mode,
      ...(crs === undefined ? {} : { crs }),
      ...(snapM === undefined ? {} : { snapM }),
      ...(maxDistanceM === undefined ? {} : { maxDistanceM }),
      onProgress: (phase, fraction) => {
        // A message per percent at most.
        const key = Math.floor(fraction * 100) + (phase === 'graph' ? 1000 : 0);
        if (key === last) return;
        last = key;
        void onProgress(phase, fraction);
      },
    });
  },
  clearRoads() {
    need().clearRoads();
  },
  setSites(sites) {
    return sent(need().setSites(sites));
  },
  editSites(upsert, remove) {
    return sent(need().editSites(upsert, remove));
  },
  proposal(extra, adcode) {
    return need().proposal(extra, adcode);
  },
  breakdown(rule) {
    return need().breakdown(rule);
  },
};

expose(api);
