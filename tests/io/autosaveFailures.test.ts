/**
 * How saves and loads (src/io/autosave.ts) fail, on a real IndexedDB implementation (fake-indexeddb,
 * in memory): a transaction that ends badly part-way — aborted between two parts, refused for lack
 * of space, its connection closed by the browser — rejects the save with the browser's reason (the
 * caller tells "storage full" by the error's name) and leaves the stored state exactly as the last
 * good save left it; another tab's version change waits for the save; a big scenario's parts are
 * written one at a time, each after the one before it succeeded (each clone in a task of its own).
 *
 * The browser's own failures are provoked through fake-indexeddb's internals where it has no public
 * way: `_abort(name)` is what its transaction runs when the browser aborts one (quota, forced close).
 *
 * Also: the store's typed schema (`AutosaveSchema`) is what a save writes, and refuses other shapes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import 'fake-indexeddb/auto'; // IDBKeyRange and friends as globals, as in a browser
import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { deleteDB, openDB, wrap, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { loadLibrary, PART_SITES, saveChanges, type AutosaveSchema, type LoadedLibrary, type SaveResult } from '../../src/io/autosave';
import { packSites } from '../../src/domain/packedSites';
import type { ScenarioLibrary } from '../../src/domain/scenarioLibrary';
import type { Site } from '../../src/domain/site';

const site = (id: string, lon = 121.4, lat = 31.2): Site => ({ id, type: 'ev-charging-station', lon, lat, status: 'existing' });
const lib = (sites: Site[], id = 'a'): ScenarioLibrary => ({ currentId: id, entries: [{ id, name: 'A', meta: null, sites }] });
/** Three parts: two full ones and one of a single site. */
const BIG = 2 * PART_SITES + 1;
const many = (n: number, lat = 31.1) => Array.from({ length: n }, (_, i) => site(`s${i}`, 121 + i * 1e-5, lat));

/** The browser aborting a transaction for its own reason (quota, a connection it closes). */
const browserAborts = (tx: IDBTransaction, name: string) => (tx as unknown as { _abort(name: string): void })._abort(name);
/** The browser closing a connection (fake-indexeddb types the argument as the class, not a connection). */
const browserCloses = (db: IDBDatabase) => forceCloseDatabase(db as unknown as typeof IDBDatabase);

/** Runs `then` after each `put` the code makes (the request made already), with the key it wrote. */
function afterPut(then: (store: IDBObjectStore, key: string, request: IDBRequest) => void) {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = put.call(this, value, key);
    then(this, String(key), request);
    return request;
  });
}

/** Every key in the store, read through idb with the module's schema. */
async function storedKeys(factory: IDBFactory): Promise<string[]> {
  const db = (await wrap(factory.open('shanghai-siting', 1))) as unknown as IDBPDatabase<AutosaveSchema>;
  const keys = await db.getAllKeys('autosave');
  db.close();
  return keys;
}

async function loaded(factory: IDBFactory): Promise<LoadedLibrary> {
  const l = await loadLibrary(factory);
  if (!l || 'error' in l) throw new Error(`not loaded: ${JSON.stringify(l)}`);
  return l;
}

/** A first save of `sites`, and the state it leaves (what every failed save below must leave too). */
async function saved(factory: IDBFactory, sites: Site[]): Promise<{ first: SaveResult; before: LoadedLibrary }> {
  const first = await saveChanges({ lib: lib(sites), base: [], changed: ['a'], writer: 'tab-1' }, factory);
  return { first, before: await loaded(factory) };
}

/** The next save of scenario `a` (edits begun on revision 1). */
const edit = (factory: IDBFactory, first: SaveResult, sites: Site[]) =>
  saveChanges({ lib: lib(sites), base: first.entries, changed: ['a'], expected: new Map([['a', 1]]), writer: 'tab-1' }, factory);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a save that fails part-way writes nothing', () => {
  it('a transaction aborted between two parts: the save rejects, the earlier state is intact, the next save works', async () => {
    const factory = new IDBFactory();
    const { first, before } = await saved(factory, many(BIG));
    let parts = 0;
    afterPut((store, key) => {
      if (key.startsWith('part:') && ++parts === 2) store.transaction.abort();
    });
    // The abort fails the requests still open, and their errors reach the transaction first (its
    // own error is null: nothing but the script aborted it).
    await expect(edit(factory, first, many(BIG, 31.3))).rejects.toThrow('IndexedDB transaction failed');
    expect(parts).toBe(2); // the third part was never written
    vi.restoreAllMocks();
    const after = await loaded(factory);
    expect(after.library).toEqual(before.library);
    expect(after.stamps).toEqual(before.stamps);
    expect(after.index).toEqual(before.index);
    // Nothing is stuck: the same edit saves at the same revision.
    const again = await edit(factory, first, many(BIG, 31.3));
    expect(again.stamps.get('a')).toEqual({ rev: 2, writer: 'tab-1' });
    expect((await loaded(factory)).library.entries[0]!.sites?.[BIG - 1]?.lat).toBe(31.3);
  });

  it('storage full (QuotaExceededError): the save rejects with that name, the earlier state is intact', async () => {
    const factory = new IDBFactory();
    const { first, before } = await saved(factory, [site('a1')]);
    const del = IDBObjectStore.prototype.delete;
    // The last request of a small save is the version-1 record's delete: the browser refuses the whole at the end.
    vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      const request = del.call(this, key);
      if (key === 'current-scenario') browserAborts(this.transaction, 'QuotaExceededError');
      return request;
    });
    await expect(edit(factory, first, [site('a1', 121.5), site('a2')])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    vi.restoreAllMocks();
    expect(await loaded(factory)).toEqual(before);
  });

  it('the browser closes the connection mid-save: the save rejects (AbortError), the earlier state is intact', async () => {
    const factory = new IDBFactory();
    const { first, before } = await saved(factory, many(BIG));
    afterPut((store, key) => {
      if (!key.startsWith('part:')) return;
      // As when the user clears the site's data: the connection is closed and its transactions aborted.
      browserCloses(store.transaction.db);
      browserAborts(store.transaction, 'AbortError');
    });
    await expect(edit(factory, first, many(BIG, 31.3))).rejects.toMatchObject({ name: 'AbortError' });
    vi.restoreAllMocks();
    expect(await loaded(factory)).toEqual(before);
  });

  it('a save whose own code throws (here the caller’s conflict-copy namer) rejects with that exception and writes nothing', async () => {
    const factory = new IDBFactory();
    const { first, before } = await saved(factory, [site('a1')]);
    // Another tab saved revision 2 meanwhile: the save must make a conflict copy, and the namer fails.
    await edit(factory, first, [site('a1', 121.45)]);
    const mid = await loaded(factory);
    expect(mid.stamps.get('a')?.rev).toBe(2);
    const late = saveChanges(
      {
        lib: { currentId: 'a', entries: [{ id: 'a', name: 'A', meta: null, sites: [site('a1', 121.7)] }, { id: 'b', name: 'B', meta: null, sites: [site('b1')] }] },
        base: first.entries,
        changed: ['b', 'a'],
        expected: new Map([['a', 1], ['b', 0]]),
        conflictCopy: () => {
          throw new Error('namer broke');
        },
        writer: 'tab-2',
      },
      factory,
    );
    // (The callback code rejected with the browser's bare AbortError here: an exception in a request's
    // handler aborts the transaction. An async function's does not; the save aborts it itself.)
    await expect(late).rejects.toThrow('namer broke');
    expect(await loaded(factory)).toEqual(mid);
    // `b`, written before the namer ran, is not there either.
    expect(await storedKeys(factory)).toEqual(['library', 'scenario:a']);
    expect(before.stamps.get('a')?.rev).toBe(1);
  });

  it('an exception between two parts (a task after the first) aborts the save: no record is left without its parts', async () => {
    const factory = new IDBFactory();
    const { first, before } = await saved(factory, many(BIG));
    let parts = 0;
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (String(key).startsWith('part:') && ++parts === 2) throw new Error('packing broke');
      return put.call(this, value, key);
    });
    // A scenario of another size, so that a committed head would name parts that are not there.
    await expect(edit(factory, first, many(PART_SITES + 1))).rejects.toThrow('packing broke');
    vi.restoreAllMocks();
    expect(await loaded(factory)).toEqual(before);
    expect(await storedKeys(factory)).toEqual(['library', 'part:a\u0000000000', 'part:a\u0000000001', 'part:a\u0000000002', 'scenario:a']);
  });
});

describe('loads that fail say so', () => {
  it('the connection closed between the list and the records: loadLibrary returns the reason, not a half library', async () => {
    const factory = new IDBFactory();
    await saved(factory, [site('a1')]);
    const get = IDBObjectStore.prototype.get;
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      const request = get.call(this, key);
      if (key === 'library') browserCloses(this.transaction.db);
      return request;
    });
    expect(await loadLibrary(factory)).toEqual({ error: expect.stringMatching(/^saved scenarios unavailable: \S/) });
  });
});

describe('other tabs and big scenarios', () => {
  it('another tab’s version change waits until the save has committed', async () => {
    const factory = new IDBFactory();
    const { first } = await saved(factory, many(BIG));
    const events: string[] = [];
    const save = edit(factory, first, many(BIG, 31.3)).then((r) => (events.push('saved'), r));
    // Another tab opens the database at a newer version while this one is saving.
    const upgraded = new Promise<void>((resolve, reject) => {
      const open = factory.open('shanghai-siting', 2);
      open.onblocked = () => events.push('blocked');
      open.onupgradeneeded = () => events.push('upgrade');
      open.onsuccess = () => (open.result.close(), resolve());
      open.onerror = () => reject(open.error);
    });
    const r = await save;
    await upgraded;
    expect(r.stamps.get('a')).toEqual({ rev: 2, writer: 'tab-1' });
    expect(events).toEqual(['blocked', 'saved', 'upgrade']);
    // This version of the app cannot open the newer database: it says so rather than showing nothing.
    expect(await loadLibrary(factory)).toEqual({ error: expect.stringMatching(/^saved scenarios unavailable: \S/) });
  });

  it('writes a big scenario’s parts one at a time, each once the one before has succeeded', async () => {
    const factory = new IDBFactory();
    const order: string[] = [];
    const parts: IDBRequest[] = [];
    const before: string[] = [];
    afterPut((_store, key, request) => {
      order.push(key.startsWith('part:') ? 'part' : key);
      if (!key.startsWith('part:')) return;
      before.push(parts.at(-1)?.readyState ?? 'none');
      parts.push(request);
    });
    await saveChanges({ lib: lib(many(BIG)), base: [], changed: ['a'], writer: 'tab-1' }, factory);
    // The scenario's head and the list first (in one go), then the parts, in turn.
    expect(order).toEqual(['scenario:a', 'library', 'part', 'part', 'part']);
    expect(before).toEqual(['none', 'done', 'done']);
  });
});

describe('the typed schema (AutosaveSchema)', () => {
  it('is what a save writes: the list, a scenario’s head and its packed parts, under string keys', async () => {
    // The default factory: the browser's `indexedDB` (here fake-indexeddb's global one).
    await deleteDB('shanghai-siting');
    await saveChanges({ lib: lib(many(BIG)), base: [], changed: ['a'], writer: 'tab-1' });
    const db = await openDB<AutosaveSchema>('shanghai-siting', 1);
    expect(await db.getAllKeys('autosave')).toEqual(['library', 'part:a\u0000000000', 'part:a\u0000000001', 'part:a\u0000000002', 'scenario:a']);
    expect(await db.get('autosave', 'library')).toEqual({ version: 2, revision: 1, writer: 'tab-1', currentId: 'a', entries: [{ id: 'a', name: 'A', meta: null, count: BIG, illustrative: false, rev: 1 }] });
    expect(await db.get('autosave', 'scenario:a')).toEqual({ version: 2, savedAt: expect.any(String), rev: 1, writer: 'tab-1', meta: null, sites: [], parts: 3 });
    expect(await db.get('autosave', 'part:a\u0000000002')).toEqual({ packed: packSites(many(BIG).slice(2 * PART_SITES)) });
    db.close();
  });

  it('refuses other shapes when the code is typechecked', () => {
    // Never run: `tsc` (which checks the tests) fails if a line marked below is not a type error.
    const typesOnly = (store: IDBPObjectStore<AutosaveSchema, ['autosave'], 'autosave', 'readwrite'>) => [
      // @ts-expect-error keys are strings
      store.put({ packed: packSites([]) }, 1),
      // @ts-expect-error a scenario's record carries its version, revision and writer
      store.put({ savedAt: 'x', meta: null, sites: [] }, 'scenario:a'),
      // @ts-expect-error the list's entries name their scenarios
      store.put({ version: 2, revision: 1, writer: 'w', currentId: 'a', entries: [{ id: 'a' }] }, 'library'),
    ];
    expect(typesOnly).toBeTypeOf('function');
  });
});
