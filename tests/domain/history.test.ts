/**
 * Undo/redo: every step restores the exact earlier state (the same object), a drag is one step, and
 * site edits keep unchanged sites as the same objects.
 */
import { describe, expect, it } from 'vitest';
import { cancelPreview, canRedo, canUndo, commit, createHistory, HISTORY_LIMIT, preview, redo, undo } from '../../src/domain/history';
import { addSite, freeSiteId, moveSite, removeSite, updateSite } from '../../src/domain/siteEdits';
import type { Site } from '../../src/domain/site';

const site = (id: string, lon = 121.4, lat = 31.2): Site => ({ id, type: 'ev-charging-station', lon, lat, status: 'existing' });

describe('history', () => {
  it('undo walks back through every committed state and redo forward again, object for object', () => {
    const states = [[site('a')], [site('a'), site('b')], [site('b')], [site('b'), site('c')]];
    let h = createHistory<readonly Site[]>([]);
    for (const s of states) h = commit(h, s);
    for (let i = states.length - 2; i >= 0; i--) {
      h = undo(h);
      expect(h.present).toBe(states[i]);
    }
    h = undo(h);
    expect(h.present).toEqual([]);
    expect(canUndo(h)).toBe(false);
    for (const s of states) {
      h = redo(h);
      expect(h.present).toBe(s);
    }
    expect(canRedo(h)).toBe(false);
  });

  it('a new commit after undo drops the redo branch', () => {
    let h = commit(commit(createHistory(0), 1), 2);
    h = undo(h);
    h = commit(h, 5);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(1);
  });

  it('a drag (many previews, one commit) is one undo step; Esc cancels a drag', () => {
    let h = commit(createHistory('start'), 'before-drag');
    for (const p of ['m1', 'm2', 'm3']) h = preview(h, p);
    expect(h.present).toBe('m3');
    h = commit(h, h.present);
    expect(h.past).toEqual(['start', 'before-drag']);
    expect(undo(h).present).toBe('before-drag');
    const dragging = preview(preview(h, 'x'), 'y');
    expect(cancelPreview(dragging).present).toBe('m3');
    // Undo during a drag first drops the drag, then steps back.
    expect(undo(dragging).present).toBe('before-drag');
  });

  it('keeps at most HISTORY_LIMIT past states', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = commit(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
});

describe('site edits', () => {
  const sites = [site('a'), site('b', 121.5), site('c', 121.6)];

  it('move, add and remove keep the other sites as the same objects', () => {
    const moved = moveSite(sites, 'b', 121.45, 31.25);
    expect(moved[0]).toBe(sites[0]);
    expect(moved[2]).toBe(sites[2]);
    expect(moved[1]).toEqual({ ...sites[1], lon: 121.45, lat: 31.25 });
    expect(moveSite(sites, 'zz', 0, 0)).toBe(sites);
    const added = addSite(sites, site('d'));
    expect(added.slice(0, 3).every((s, i) => s === sites[i])).toBe(true);
    const removed = removeSite(sites, 'a');
    expect(removed.map((s) => s.id)).toEqual(['b', 'c']);
    expect(removed[0]).toBe(sites[1]);
  });

  it('updates are validated as whole sites: a bad value is refused with the field named', () => {
    const ok = updateSite(sites, 'a', { capacity: 12, status: 'planned' });
    expect('sites' in ok && ok.sites[0]).toMatchObject({ capacity: 12, status: 'planned' });
    const bad = updateSite(sites, 'a', { capacity: -3 });
    expect('error' in bad && bad.error).toMatch(/^capacity:/);
    const cleared = updateSite(ok && 'sites' in ok ? ok.sites : sites, 'a', { capacity: undefined });
    expect('sites' in cleared && 'capacity' in cleared.sites[0]!).toBe(false);
    expect('error' in updateSite(sites, 'nope', {})).toBe(true);
  });

  it('free ids skip the taken ones', () => {
    expect(freeSiteId([site('new-1'), site('new-2'), site('new-4')])).toBe('new-3');
    expect(freeSiteId([])).toBe('new-1');
  });
});
