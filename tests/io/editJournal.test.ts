/**
 * The edit journal (src/io/editJournal.ts): a drag is journalled as one site, a fresh scenario whole;
 * replaying a journal over what IndexedDB holds gives back exactly the library that was on screen
 * (sites, order, names, current, deletions); a journal too large for localStorage, or a storage that
 * throws (quota), is reported, never half-written.
 */
import { describe, expect, it } from 'vitest';
import { JOURNAL_PREFIX, makeJournal, MAX_JOURNAL_CHARS, readJournals, replayable, replayJournal, savedSnapshot, writeJournal } from '../../src/io/editJournal';
import type { ScenarioLibrary } from '../../src/domain/scenarioLibrary';
import type { Site } from '../../src/domain/site';

/** A Storage over a Map (the browser's localStorage API), optionally failing every write. */
function memoryStorage(failWrites = false): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (failWrites) throw new DOMException('full', 'QuotaExceededError');
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

/** A journal that must fit (the cases below are small). */
function journalOf(...args: Parameters<typeof makeJournal>) {
  const j = makeJournal(...args);
  if (j === 'too-large') throw new Error('journal unexpectedly too large');
  return j;
}

const site = (id: string, lon = 121.4, lat = 31.2): Site => ({ id, type: 'ev-charging-station', lon, lat, status: 'existing' });
const indexOf = (lib: ScenarioLibrary) => lib.entries.map((e) => ({ id: e.id, name: e.name }));
/** Record stamps as IndexedDB would hold them after saving `ids` at revision `rev`. */
const stamps = (rev: number, ...ids: string[]) => new Map(ids.map((id) => [id, { rev, writer: 'someone' }]));
const library = (): ScenarioLibrary => ({
  currentId: 'a',
  entries: [
    { id: 'a', name: 'A', meta: null, sites: [site('a1'), site('a2'), site('a3')] },
    { id: 'b', name: null, meta: null, sites: [site('b1')] },
  ],
});

describe('edit journal', () => {
  it('journals a drag as one site, and replaying it over the saved library gives the library on screen', () => {
    const saved = library();
    const snapshot = savedSnapshot(saved, ['a', 'b'], new Map(), stamps(3, 'a', 'b'));
    const onScreen: ScenarioLibrary = {
      ...saved,
      entries: [{ ...saved.entries[0]!, sites: [saved.entries[0]!.sites![0]!, site('a2', 121.41, 31.21), saved.entries[0]!.sites![2]!] }, saved.entries[1]!],
    };
    const j = journalOf('tab', onScreen, snapshot, indexOf(saved), new Set(['a']));
    expect(j.scenarios).toHaveLength(1);
    // The order is unchanged, so it is not written (null): a drag journals the one site, nothing per site of the scenario.
    expect(j.scenarios[0]).toMatchObject({ id: 'a', fresh: false, base: 3, remove: [], order: null });
    expect(j.scenarios[0]!.upsert.map((s) => [s.id, s.lon])).toEqual([['a2', 121.41]]);
    expect(replayJournal(saved, j, stamps(3, 'a', 'b'))).toEqual({ library: onScreen, changed: ['a'], removed: [], skipped: [] });
  });

  it('journals a drag in a 200,000-site scenario in a few hundred characters, and a delete plus an add without the order', () => {
    const big = Array.from({ length: 200_000 }, (_, i) => site(`s${i}`, 121 + i * 1e-6, 31));
    const saved: ScenarioLibrary = { currentId: 'a', entries: [{ id: 'a', name: 'A', meta: null, sites: big }] };
    const snapshot = savedSnapshot(saved, ['a'], new Map(), stamps(5, 'a'));
    const moved = big.slice();
    moved[123_456] = site('s123456', 121.5, 31.1);
    const dragged: ScenarioLibrary = { ...saved, entries: [{ ...saved.entries[0]!, sites: moved }] };
    const j = journalOf('tab', dragged, snapshot, indexOf(saved), new Set(['a']));
    expect(JSON.stringify(j).length).toBeLessThan(600);
    expect(replayJournal(saved, j, stamps(5, 'a')).library).toEqual(dragged);
    // One removed in the middle, one added at the end: still no order written, and replayed exactly.
    const edited = [...big.slice(0, 1000), ...big.slice(1001), site('new-1', 121.3, 31.3)];
    const changed: ScenarioLibrary = { ...saved, entries: [{ ...saved.entries[0]!, sites: edited }] };
    const k = journalOf('tab', changed, snapshot, indexOf(saved), new Set(['a']));
    expect(k.scenarios[0]).toMatchObject({ remove: ['s1000'], order: null });
    expect(k.scenarios[0]!.upsert.map((s) => s.id)).toEqual(['new-1']);
    expect(replayJournal(saved, k, stamps(5, 'a')).library).toEqual(changed);
    // Moved to the front: the order is written.
    const reordered: ScenarioLibrary = { ...saved, entries: [{ ...saved.entries[0]!, sites: [big[7]!, ...big.slice(0, 7), ...big.slice(8)] }] };
    const r = journalOf('tab', reordered, snapshot, indexOf(saved), new Set(['a']));
    expect(r.scenarios[0]!.order).toHaveLength(200_000);
    expect(replayJournal(saved, r, stamps(5, 'a')).library).toEqual(reordered);
  });

  it('replays additions, removals, order, a new scenario, a rename, a deletion and the current choice', () => {
    const saved = library();
    const snapshot = savedSnapshot(saved, ['a', 'b'], new Map(), stamps(1, 'a', 'b'));
    const onScreen: ScenarioLibrary = {
      currentId: 'c',
      entries: [
        { id: 'a', name: 'A renamed', meta: null, sites: [site('a3'), site('new-x', 121.5, 31.3), site('a1')] },
        { id: 'c', name: 'C', meta: null, sites: [site('c1'), site('c2')] },
      ],
    };
    const j = journalOf('tab', onScreen, snapshot, indexOf(saved), new Set(['a', 'c']));
    expect(j.scenarios.find((d) => d.id === 'c')).toMatchObject({ fresh: true });
    const r = replayJournal(saved, j, stamps(1, 'a', 'b'));
    expect(r.library).toEqual(onScreen);
    expect(r.removed).toEqual(['b']);
    // Through the storage: written, read back, replayed the same.
    const storage = memoryStorage();
    expect(writeJournal(storage, 'tab', j)).toBe('written');
    const { journals, problems, keys } = readJournals(storage);
    expect(problems).toEqual([]);
    expect(keys).toEqual([`${JOURNAL_PREFIX}tab`]);
    expect(replayJournal(saved, journals[0]!, stamps(1, 'a', 'b')).library).toEqual(onScreen);
    expect(writeJournal(storage, 'tab', null)).toBe('removed');
    expect(readJournals(storage).journals).toEqual([]);
  });

  it('an unchanged library journals no scenario; a too-large or failing write is reported and leaves no half journal', () => {
    const saved = library();
    expect(journalOf('tab', saved, savedSnapshot(saved, ['a', 'b']), indexOf(saved)).scenarios).toEqual([]);
    const huge: ScenarioLibrary = { currentId: 'a', entries: [{ id: 'a', name: null, meta: null, sites: Array.from({ length: 30_000 }, (_, i) => site(`s${i}`)) }] };
    const storage = memoryStorage();
    const j = makeJournal('tab', huge, new Map(), []);
    // 30,000 sites: more than a journal holds (their JSON alone exceeds the limit), said without making it.
    expect(JSON.stringify(huge.entries[0]!.sites).length).toBeGreaterThan(MAX_JOURNAL_CHARS);
    expect(j).toBe('too-large');
    expect(writeJournal(storage, 'tab', j)).toBe('too-large');
    expect(storage.length).toBe(0);
    expect(writeJournal(memoryStorage(true), 'tab', journalOf('tab', saved, new Map(), []))).toBe('failed');
  });

  it('a damaged journal is named and skipped', () => {
    const storage = memoryStorage();
    storage.setItem(`${JOURNAL_PREFIX}x`, '{"version":1,"tab":"x"');
    storage.setItem(`${JOURNAL_PREFIX}y`, JSON.stringify({ version: 2, tab: 'y', writtenAt: 1, index: { currentId: 'a', added: 'x' }, scenarios: [] }));
    storage.setItem('unrelated', 'x');
    const r = readJournals(storage);
    expect(r.journals).toEqual([]);
    expect(r.problems).toHaveLength(2);
  });

  it('replays only journals of gone tabs', () => {
    const lib = library();
    const journals = ['me', 'alive', 'gone'].map((tab) => journalOf(tab, lib, new Map(), []));
    expect(replayable(journals, 'me', new Set(['alive'])).map((x) => x.tab)).toEqual(['gone']);
    // Without Web Locks no other tab counts as alive.
    expect(replayable(journals, 'me', null).map((x) => x.tab)).toEqual(['alive', 'gone']);
  });

  it('a scenario diff replays only over the record it follows: another tab saving that scenario since makes it stale, not the others', () => {
    const saved = library();
    const snapshot = savedSnapshot(saved, ['a', 'b'], new Map(), stamps(4, 'a', 'b'));
    const onScreen: ScenarioLibrary = {
      ...saved,
      entries: [
        { ...saved.entries[0]!, sites: [...saved.entries[0]!.sites!, site('a4')] },
        { ...saved.entries[1]!, sites: [site('b1', 121.45)] },
      ],
    };
    const j = journalOf('dead', onScreen, snapshot, indexOf(saved));
    // Another tab saved 'b' (revision 5) after this journal was written: only 'a' replays.
    const found = new Map([
      ['a', { rev: 4, writer: 'other' }],
      ['b', { rev: 5, writer: 'other' }],
    ]);
    const r = replayJournal(saved, j, found);
    expect(r.changed).toEqual(['a']);
    expect(r.skipped).toEqual(['b']);
    expect(r.library.entries[0]!.sites!.map((s) => s.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(r.library.entries[1]).toEqual(saved.entries[1]);
    // Its own later save (committed just before the page went) still counts as followed.
    expect(replayJournal(saved, j, new Map([['b', { rev: 5, writer: 'dead' }], ['a', { rev: 4, writer: null }]])).changed).toEqual(['a', 'b']);
    // A scenario a live tab is editing now is left to that tab.
    expect(replayJournal(saved, j, stamps(4, 'a', 'b'), new Set(['a'])).changed).toEqual(['b']);
  });

  it('list changes replay over the list as stored now: another tab\'s new scenario stays; a deletion replays only if nobody saved that scenario since', () => {
    const saved = library();
    const snapshot = savedSnapshot(saved, ['a', 'b'], new Map(), stamps(2, 'a', 'b'));
    // The dead tab deleted 'b', added 'c' and renamed 'a'.
    const onScreen: ScenarioLibrary = {
      currentId: 'c',
      entries: [
        { ...saved.entries[0]!, name: 'A2' },
        { id: 'c', name: 'C', meta: null, sites: [site('c1')] },
      ],
    };
    const j = journalOf('dead', onScreen, snapshot, indexOf(saved));
    expect(j.index.removed).toEqual([{ id: 'b', rev: 2 }]);
    // Meanwhile another tab made 'x' (the list as loaded now has it).
    const now: ScenarioLibrary = { ...saved, entries: [...saved.entries, { id: 'x', name: 'X', meta: null, sites: [] }] };
    const r = replayJournal(now, j, new Map([...stamps(2, 'a', 'b'), ['x', { rev: 1, writer: 'other' }]]));
    expect(r.library.entries.map((e) => [e.id, e.name])).toEqual([
      ['a', 'A2'],
      ['c', 'C'],
      ['x', 'X'],
    ]);
    expect(r.removed).toEqual(['b']);
    expect(r.library.currentId).toBe('c');
    // 'b' saved again by another tab since: its deletion is stale, 'b' stays.
    const kept = replayJournal(now, j, new Map([...stamps(2, 'a'), ['b', { rev: 3, writer: 'other' }]]));
    expect(kept.library.entries.map((e) => e.id)).toEqual(['a', 'c', 'b', 'x']);
  });
});
