/**
 * How tabs of one browser profile share the scenario library without overwriting each other.
 *
 * - Each page holds a Web Lock `siting-tab:<id>` for its whole life: a journal whose tab holds no
 *   lock belongs to a page that is gone (see src/io/editJournal.ts).
 * - A scenario is edited in one tab at a time: the tab holds `siting-edit:<scenario id>`. Another tab
 *   opening it finds the lock taken and shows it read-only, with "take over": that asks the holder
 *   (over a BroadcastChannel) to save and let go, and steals the lock only if the holder does not
 *   answer in time (a frozen page).
 * - After each save a tab tells the others which scenarios it wrote and the list as stored; they
 *   read those records and adopt them.
 * Where Web Locks or BroadcastChannel are missing, every tab edits (no coordination, as before).
 */
import type { IndexEntry } from '../../domain/libraryIndex';

/** This page's id for its journal and its locks. */
export const TAB_ID = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
const TAB_LOCK_PREFIX = 'siting-tab:';
const EDIT_LOCK_PREFIX = 'siting-edit:';
const CHANNEL_NAME = 'siting-library';
/** How long "take over" waits for the other tab to save and let go before taking the lock anyway. */
export const TAKE_OVER_WAIT_MS = 3000;

export type TabMessage =
  | { type: 'saved'; from: string; changed: string[]; entries: IndexEntry[] }
  | { type: 'release'; from: string; id: string };

/** Holds this tab's lock for as long as the page lives (released by the browser when it goes). */
export function holdTabLock(): void {
  navigator.locks?.request(TAB_LOCK_PREFIX + TAB_ID, () => new Promise<void>(() => {})).catch(() => {});
}

export function haveLocks(): boolean {
  return typeof navigator !== 'undefined' && navigator.locks !== undefined;
}

/** The tabs alive now (those holding their lock); null when Web Locks are missing (then no other tab counts as alive). */
export async function liveTabs(): Promise<Set<string> | null> {
  return heldWithPrefix(TAB_LOCK_PREFIX);
}

/** The scenarios some tab is editing now; null without Web Locks. */
export async function scenariosBeingEdited(): Promise<Set<string> | null> {
  return heldWithPrefix(EDIT_LOCK_PREFIX);
}

async function heldWithPrefix(prefix: string): Promise<Set<string> | null> {
  if (!navigator.locks?.query) return null;
  try {
    const state = await navigator.locks.query();
    return new Set((state.held ?? []).map((l) => l.name ?? '').filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)));
  } catch {
    return null;
  }
}

export interface EditLockRequest {
  /** 'try': only if free now; 'wait': queue for it; 'steal': take it from the holder. */
  how: 'try' | 'wait' | 'steal';
  signal?: AbortSignal;
  /** The lock is ours: resolve the returned promise to let it go. */
  granted: () => Promise<void>;
  /** 'try' found it held by another tab. */
  busy: () => void;
  /** Ours no more: stolen by another tab, or the request was aborted. */
  lost: () => void;
}

/** Requests the edit lock of scenario `id`. */
export function requestEditLock(id: string, r: EditLockRequest): void {
  const options: LockOptions = r.how === 'try' ? { ifAvailable: true } : r.how === 'steal' ? { steal: true } : r.signal ? { signal: r.signal } : {};
  navigator.locks
    .request(EDIT_LOCK_PREFIX + id, options, async (lock) => {
      if (!lock) return r.busy();
      await r.granted();
    })
    .catch(() => r.lost());
}

/** The channel between this profile's tabs (null where BroadcastChannel is missing). */
export function openTabChannel(onMessage: (m: TabMessage) => void): { post: (m: TabMessage) => void; close: () => void } | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (e: MessageEvent<unknown>) => {
    const m = e.data as TabMessage | null;
    // Messages from our own origin only, but still checked: a malformed one is ignored.
    if (!m || typeof m !== 'object' || typeof m.from !== 'string' || m.from === TAB_ID) return;
    if (m.type === 'release' && typeof m.id === 'string') onMessage(m);
    else if (m.type === 'saved' && Array.isArray(m.changed) && Array.isArray(m.entries)) onMessage(m);
  };
  return { post: (m) => channel.postMessage(m), close: () => channel.close() };
}
