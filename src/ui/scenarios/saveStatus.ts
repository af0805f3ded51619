/**
 * Whether this page's latest change is on disk yet, and what the last save wrote. The save queue
 * (useSaveQueue) writes it; the unsaved-work guard reads `pending` (useUnsavedGuard); builds made
 * for tests mirror it onto <html> for the browser tests and benches (src/ui/testHooks.ts).
 * A module, not React state: it is read in `beforeunload` and by watchers outside React, and a
 * change must not re-render anything.
 */
export interface SaveStatus {
  /** true from a change until a save has it on disk with nothing else waiting; null before the first change or save. */
  pending: boolean | null;
  /** Sites of the current scenario in the last save (null: none yet). */
  savedSites: number | null;
  /** Scenarios in the list at the last save (null: none yet). */
  savedScenarios: number | null;
}

let status: SaveStatus = { pending: null, savedSites: null, savedScenarios: null };
const watchers = new Set<(status: SaveStatus) => void>();

export function saveStatus(): SaveStatus {
  return status;
}

export function updateSaveStatus(patch: Partial<SaveStatus>): void {
  status = { ...status, ...patch };
  for (const w of watchers) w(status);
}

/** Calls `watcher` after every change; returns the unsubscribe. */
export function watchSaveStatus(watcher: (status: SaveStatus) => void): () => void {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}
