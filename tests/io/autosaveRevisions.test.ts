/**
 * Saves (src/io/autosave.ts saveChanges) on a real IndexedDB implementation (fake-indexeddb, in
 * memory): each written record's revision is kept in the list too, so a save learns it without
 * reading the record (at 200,000 sites, reading and deserializing it cost a long task a save); a
 * list written before (no revisions in it) makes the save read the record instead; another tab's
 * save since this tab's edits began is never written over.
 */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto'; // IDBKeyRange and friends as globals, as in a browser
import { IDBFactory } from 'fake-indexeddb';
import { loadLibrary, saveChanges } from '../../src/io/autosave';
import type { ScenarioLibrary } from '../../src/domain/scenarioLibrary';
import type { Site } from '../../src/domain/site';

const site = (id: string, lon = 121.4, lat = 31.2): Site => ({ id, type: 'ev-charging-station', lon, lat, status: 'existing' });
const lib = (sites: Site[], id = 'a'): ScenarioLibrary => ({ currentId: id, entries: [{ id, name: 'A', meta: null, sites }] });
const copyOf = () => ({ id: 'a-copy', name: 'A · conflict copy' });

/** The raw stored value under `key`. */
function raw(factory: IDBFactory, key: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = factory.open('shanghai-siting', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('autosave').objectStore('autosave').get(key);
      get.onsuccess = () => (db.close(), resolve(get.result));
      get.onerror = () => reject(get.error);
    };
  });
}
function put(factory: IDBFactory, key: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = factory.open('shanghai-siting', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('autosave', 'readwrite');
      tx.objectStore('autosave').put(value, key);
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe('saves keep each record revision in the list', () => {
  it('counts revisions in the record and the list alike', async () => {
    const factory = new IDBFactory();
    const first = await saveChanges({ lib: lib([site('a1')]), base: [], changed: ['a'], expected: new Map([['a', 0]]), writer: 'tab-1' }, factory);
    expect(first.stamps.get('a')).toEqual({ rev: 1, writer: 'tab-1' });
    expect(first.entries).toMatchObject([{ id: 'a', rev: 1, count: 1 }]);
    const second = await saveChanges({ lib: lib([site('a1', 121.5)]), base: first.entries, changed: ['a'], expected: new Map([['a', 1]]), writer: 'tab-1' }, factory);
    expect(second.stamps.get('a')).toEqual({ rev: 2, writer: 'tab-1' });
    expect(second.conflicts).toEqual([]);
    expect(await raw(factory, 'scenario:a')).toMatchObject({ rev: 2, sites: [{ id: 'a1', lon: 121.5 }] });
    expect(await raw(factory, 'library')).toMatchObject({ entries: [{ id: 'a', rev: 2 }] });
  });

  it('takes the revision from the list without reading the record', async () => {
    const factory = new IDBFactory();
    const first = await saveChanges({ lib: lib([site('a1')]), base: [], changed: ['a'], writer: 'tab-1' }, factory);
    // The record's own revision made unreadable: a save that read it would count from 0.
    await put(factory, 'scenario:a', { ...(await raw(factory, 'scenario:a') as object), rev: 'damaged' });
    const next = await saveChanges({ lib: lib([site('a1', 121.6)]), base: first.entries, changed: ['a'], expected: new Map([['a', 1]]), conflictCopy: copyOf, writer: 'tab-1' }, factory);
    expect(next.conflicts).toEqual([]);
    expect(next.stamps.get('a')).toEqual({ rev: 2, writer: 'tab-1' });
  });

  it('reads the record when the list was written without revisions', async () => {
    const factory = new IDBFactory();
    await saveChanges({ lib: lib([site('a1')]), base: [], changed: ['a'], writer: 'tab-1' }, factory);
    await saveChanges({ lib: lib([site('a1', 121.45)]), base: [{ id: 'a', name: 'A' }], changed: ['a'], writer: 'tab-1' }, factory);
    // As an older version of the app wrote it: no `rev` in the list's entries.
    const index = (await raw(factory, 'library')) as { entries: Record<string, unknown>[] };
    await put(factory, 'library', { ...index, entries: index.entries.map(({ rev: _rev, ...e }) => e) });
    const stale = await saveChanges({ lib: lib([site('a1', 121.7)]), base: [{ id: 'a', name: 'A' }], changed: ['a'], expected: new Map([['a', 1]]), conflictCopy: copyOf, writer: 'tab-2' }, factory);
    // Revision 2 is stored (read from the record), tab-2's edits began on 1: a conflict copy, theirs kept.
    expect(stale.conflicts).toHaveLength(1);
    expect(stale.conflicts[0]!.theirs?.sites.map((s) => s.lon)).toEqual([121.45]);
    expect(await raw(factory, 'scenario:a')).toMatchObject({ rev: 2, sites: [{ lon: 121.45 }] });
    expect(await raw(factory, 'scenario:a-copy')).toMatchObject({ sites: [{ lon: 121.7 }] });
    expect(stale.entries.map((e) => [e.id, e.rev])).toEqual([['a', 2], ['a-copy', 1]]);
  });

  it('never writes over another tab’s save: the list’s revision is checked, theirs is read and kept', async () => {
    const factory = new IDBFactory();
    const first = await saveChanges({ lib: lib([site('a1')]), base: [], changed: ['a'], writer: 'tab-1' }, factory);
    await saveChanges({ lib: lib([site('a1', 121.45)]), base: first.entries, changed: ['a'], expected: new Map([['a', 1]]), writer: 'tab-2' }, factory);
    const late = await saveChanges({ lib: lib([site('a1', 121.7)]), base: first.entries, changed: ['a'], expected: new Map([['a', 1]]), conflictCopy: copyOf, writer: 'tab-1' }, factory);
    expect(late.conflicts.map((c) => [c.id, c.copyId, c.theirs?.sites[0]?.lon])).toEqual([['a', 'a-copy', 121.45]]);
    const loaded = await loadLibrary(factory, ['a-copy']);
    if (!loaded || 'error' in loaded) throw new Error('not loaded');
    expect(loaded.library.entries.map((e) => [e.id, e.sites?.[0]?.lon])).toEqual([['a', 121.45], ['a-copy', 121.7]]);
  });
});

describe('big scenarios are stored in parts', () => {
  it('45,000 sites: three packed parts written, read back the same; fewer sites later leave no stale part; a damaged part is named', async () => {
    const factory = new IDBFactory();
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...site(`s${i}`, 121 + i * 1e-5, 31.1), ...(i % 7 === 0 ? { name: `站点 ${i}`, capacity: 3 } : {}) }));
    const sites = many(45_000);
    const saved = await saveChanges({ lib: lib(sites), base: [], changed: ['a'], writer: 'tab-1' }, factory);
    expect(saved.stamps.get('a')?.rev).toBe(1);
    const head = (await raw(factory, 'scenario:a')) as { sites: unknown[]; parts?: number };
    expect(head).toMatchObject({ sites: [], parts: 3 });
    expect(await raw(factory, 'part:a\u0000000002')).toMatchObject({ packed: { count: 5_000 } });
    let loaded = await loadLibrary(factory);
    if (!loaded || 'error' in loaded) throw new Error('not loaded');
    expect(loaded.library.entries[0]!.sites).toEqual(sites);
    // 25,000 sites: two parts, the third gone.
    const fewer = many(25_000);
    const again = await saveChanges({ lib: lib(fewer), base: saved.entries, changed: ['a'], expected: new Map([['a', 1]]), writer: 'tab-1' }, factory);
    expect(await raw(factory, 'part:a\u0000000002')).toBeUndefined();
    loaded = await loadLibrary(factory);
    if (!loaded || 'error' in loaded) throw new Error('not loaded');
    expect(loaded.library.entries[0]!.sites).toEqual(fewer);
    // Small scenarios stay objects in their record.
    const both: ScenarioLibrary = { currentId: 'a', entries: [...lib(fewer).entries, ...lib([site('x')], 'b').entries] };
    await saveChanges({ lib: both, base: again.entries, changed: ['b'], writer: 'tab-1' }, factory);
    expect(await raw(factory, 'scenario:b')).toMatchObject({ sites: [{ id: 'x' }] });
    // A part tampered with: the scenario is named, not loaded; the other one still is.
    const part = (await raw(factory, 'part:a\u0000000001')) as { packed: object };
    await put(factory, 'part:a\u0000000001', { packed: { ...part.packed, ids: '[not json' } });
    const damaged = await loadLibrary(factory);
    if (!damaged || 'error' in damaged) throw new Error('not loaded');
    expect(damaged.problems.join(' ')).toMatch(/saved sites unreadable/);
    expect(damaged.library.entries.map((e) => e.id)).toEqual(['b']);
    // Deleting the scenario deletes its parts.
    await saveChanges({ lib: lib([site('x')], 'b'), base: [{ id: 'a', name: 'A' }, { id: 'b', name: 'A' }], changed: [], writer: 'tab-1' }, factory);
    expect(await raw(factory, 'scenario:a')).toBeUndefined();
    expect(await raw(factory, 'part:a\u0000000000')).toBeUndefined();
  });
});
