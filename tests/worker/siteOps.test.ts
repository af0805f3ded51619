/**
 * siteOps: the edits that turn the worker's mirror of the sites into the UI's current list. Sites are
 * immutable values, so "changed" means "a different object". Whatever it returns, applying it the way
 * the protocol says (replace: the whole list; otherwise remove, then upsert) must give exactly `next`.
 */
import { describe, expect, it } from 'vitest';
import type { Site } from '../../src/domain/site';
import type { SiteOps } from '../../src/worker/coverageProtocol';
import { sameSlotOps, siteOps } from '../../src/worker/siteOps';

const site = (id: string, lon = 121.4, lat = 31.2): Site => ({ id, type: 'ev-charging-pile', lon, lat, status: 'existing' });
const list = (n: number, prefix = 's'): Site[] => Array.from({ length: n }, (_, i) => site(`${prefix}${i}`, 121.3 + i * 1e-3, 31.1));
const mapOf = (sites: readonly Site[]) => new Map(sites.map((s) => [s.id, s]));

/** The mirror after applying `ops` to a copy of `previous`, as the protocol describes. */
function apply(previous: ReadonlyMap<string, Site>, ops: SiteOps | null): Map<string, Site> {
  const m = new Map(previous);
  if (ops === null) return m;
  if ('replace' in ops) {
    m.clear();
    for (const s of ops.replace) m.set(s.id, s);
  } else {
    for (const id of ops.remove) m.delete(id);
    for (const s of ops.upsert) m.set(s.id, s);
  }
  return m;
}

/** Same ids, each holding the very object of `next`. */
function expectMirrors(mirror: ReadonlyMap<string, Site>, next: readonly Site[]): void {
  expect([...mirror.keys()].sort()).toEqual(next.map((s) => s.id).sort());
  for (const s of next) expect(mirror.get(s.id)).toBe(s);
}

/** Park–Miller PRNG. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('siteOps', () => {
  it('an unchanged list (same objects, any order) → null; both empty → null', () => {
    const sites = list(30);
    expect(siteOps(mapOf(sites), sites)).toBeNull();
    expect(siteOps(mapOf(sites), [...sites].reverse())).toBeNull();
    expect(siteOps(new Map(), [])).toBeNull();
  });

  it('one new object for one id (even with equal fields) → one upsert of that object', () => {
    const sites = list(30);
    const dragged = { ...sites[4]!, lon: sites[4]!.lon + 0.001 };
    const next = sites.map((s, i) => (i === 4 ? dragged : s));
    const ops = siteOps(mapOf(sites), next);
    expect(ops).toEqual({ upsert: [dragged], remove: [] });
    expect((ops as { upsert: Site[] }).upsert[0]).toBe(dragged);

    const copy = { ...sites[9]! };
    expect(siteOps(mapOf(sites), sites.map((s, i) => (i === 9 ? copy : s)))).toEqual({ upsert: [copy], remove: [] });
  });

  it('removed ids → remove; added sites → upsert', () => {
    const sites = list(30);
    const next = sites.filter((_, i) => i !== 3 && i !== 17);
    expect(siteOps(mapOf(sites), next)).toEqual({ upsert: [], remove: ['s3', 's17'] });
    const added = site('new');
    expect(siteOps(mapOf(sites), [...sites, added])).toEqual({ upsert: [added], remove: [] });
    // Emptying a small list is 5 removes (not more than 16 changes).
    expect(siteOps(mapOf(list(5)), [])).toEqual({ upsert: [], remove: ['s0', 's1', 's2', 's3', 's4'] });
  });

  it('more than half changed and more than 16 changes → the whole list', () => {
    // 40 sites: 21 changed is more than half (> 20) and > 16 → replace; 20 is not more than half.
    const sites = list(40);
    const change = (n: number) => sites.map((s, i) => (i < n ? { ...s } : s));
    const r21 = change(21);
    expect(siteOps(mapOf(sites), r21)).toEqual({ replace: r21 });
    const ops20 = siteOps(mapOf(sites), change(20));
    expect(ops20 && 'upsert' in ops20 ? ops20.upsert.length : -1).toBe(20);

    // 30 sites: 17 changes > 15 and > 16 → replace; 16 changes > 15 but not > 16 → edits.
    const small = list(30);
    const r17 = small.map((s, i) => (i < 17 ? { ...s } : s));
    expect(siteOps(mapOf(small), r17)).toEqual({ replace: r17 });
    const ops16 = siteOps(mapOf(small), small.map((s, i) => (i < 16 ? { ...s } : s)));
    expect(ops16 && 'upsert' in ops16 ? ops16.upsert.length : -1).toBe(16);

    // 10 sites all changed: more than half, but only 10 changes → edits.
    const ten = list(10);
    const all10 = ten.map((s) => ({ ...s }));
    expect(siteOps(mapOf(ten), all10)).toEqual({ upsert: all10, remove: [] });

    // Removes count too: a new file of 20 sites over 20 old ones = 20 upserts + 20 removes → replace.
    const other = list(20, 'x');
    expect(siteOps(mapOf(list(20)), other)).toEqual({ replace: other });
    // The larger of the two lists sets "half": 40 → 10 is 30 removes > 20 → replace…
    const kept = sites.slice(0, 10);
    expect(siteOps(mapOf(sites), kept)).toEqual({ replace: kept });
    // …but 60 → 30 is 30 removes, not more than half of 60 → edits; 30 → 60 likewise 30 upserts.
    const sixty = list(60);
    const ops60to30 = siteOps(mapOf(sixty), sixty.slice(0, 30));
    expect(ops60to30 && 'remove' in ops60to30 ? ops60to30.remove.length : -1).toBe(30);
    const ops30to60 = siteOps(mapOf(sixty.slice(0, 30)), sixty);
    expect(ops30to60 && 'upsert' in ops30to60 ? ops30to60.upsert.length : -1).toBe(30);
  });

  it('the replace list is a copy: later edits to the caller’s array do not reach it', () => {
    const next = list(30, 'y');
    const ops = siteOps(mapOf(list(30)), next);
    expect(ops && 'replace' in ops).toBe(true);
    next.push(site('late'));
    expect((ops as { replace: Site[] }).replace.map((s) => s.id)).not.toContain('late');
  });

  for (const seed of [1, 99, 4242]) {
    it(`seed ${seed}: 300 random edit rounds — applying the ops to the mirror always yields exactly next`, () => {
      const rnd = prng(seed);
      let current = list(Math.floor(rnd() * 60), 'a');
      let mirror = mapOf(current);
      let nextId = 0;
      const kinds = { null: 0, edits: 0, replace: 0 };
      for (let round = 0; round < 300; round++) {
        let next = [...current];
        const r = rnd();
        if (r < 0.05) {
          next = []; // clear everything
        } else if (r < 0.12) {
          next = list(Math.floor(rnd() * 80), `f${round}-`); // a new file
        } else if (r < 0.2) {
          // nothing changes, but the list may be reordered
          next.reverse();
        } else {
          const edits = 1 + Math.floor(rnd() * (rnd() < 0.2 ? 50 : 4));
          for (let e = 0; e < edits; e++) {
            const op = rnd();
            if (op < 0.35 || next.length === 0) next.splice(Math.floor(rnd() * (next.length + 1)), 0, site(`n${nextId++}`, 121 + rnd(), 31 + rnd() * 0.5));
            else if (op < 0.6) next.splice(Math.floor(rnd() * next.length), 1);
            else {
              const i = Math.floor(rnd() * next.length);
              next[i] = rnd() < 0.8 ? { ...next[i]!, lon: next[i]!.lon + 1e-4 } : { ...next[i]! };
            }
          }
        }
        const ops = siteOps(mirror, next);
        if (ops === null) kinds.null++;
        else if ('replace' in ops) kinds.replace++;
        else {
          kinds.edits++;
          // Edits name only what changed: every upsert is a new object, every removal a gone id.
          for (const s of ops.upsert) expect(mirror.get(s.id)).not.toBe(s);
          const ids = new Set(next.map((s) => s.id));
          for (const id of ops.remove) expect(ids.has(id)).toBe(false);
          expect(ops.upsert.length + ops.remove.length).toBeGreaterThan(0);
        }
        mirror = apply(mirror, ops);
        expectMirrors(mirror, next);
        current = next;
      }
      // Every kind of answer came up.
      expect(kinds.null).toBeGreaterThan(0);
      expect(kinds.edits).toBeGreaterThan(0);
      expect(kinds.replace).toBeGreaterThan(0);
    });
  }
});

describe('sameSlotOps (the drag step path)', () => {
  it('finds the moved sites by slot, gives up on anything else, and then agrees with siteOps', () => {
    const random = prng(7);
    for (let trial = 0; trial < 300; trial++) {
      const prev = list(50);
      const next = [...prev];
      const kind = trial % 4;
      if (kind === 0) for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
        const i = Math.floor(random() * next.length);
        next[i] = { ...next[i]!, lon: next[i]!.lon + 0.001 };
      } else if (kind === 1) next.splice(Math.floor(random() * next.length), 1);
      else if (kind === 2) next.push(site(`added${trial}`));
      else [next[3], next[9]] = [next[9]!, next[3]!]; // reordered
      const quick = sameSlotOps(prev, next);
      if (kind === 0) expect(quick).not.toBe('unknown');
      else expect(quick).toBe('unknown');
      const ops = quick === 'unknown' ? siteOps(mapOf(prev), next) : quick;
      expectMirrors(apply(mapOf(prev), ops), next);
    }
    const same = list(5);
    expect(sameSlotOps(same, [...same])).toBeNull();
    expect(sameSlotOps(null, same)).toBe('unknown');
  });
});
