/**
 * Undo/redo over immutable states. A state is a value (the scenario's site list), so each step keeps
 * a reference, not a copy: 200 steps of a 10,000-site scenario share all the unchanged site objects.
 *
 * A drag is one step, not hundreds: `preview` replaces the present without recording, and the
 * `commit` at the drop records the state from before the drag (held in `pending`).
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The present as it was when a preview began; null when no preview is open. */
  pending: T | null;
}

export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], pending: null };
}

/** Records a change: the present goes into the past, the redo branch is dropped. */
export function commit<T>(h: History<T>, next: T): History<T> {
  const before = h.pending ?? h.present;
  if (next === before) return { ...h, present: next, pending: null };
  const past = [...h.past, before];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, present: next, future: [], pending: null };
}

/** Shows an intermediate state (a site being dragged) without recording it. */
export function preview<T>(h: History<T>, next: T): History<T> {
  return { ...h, present: next, pending: h.pending ?? h.present };
}

/** Abandons an open preview (Esc during a drag): back to the state before it. */
export function cancelPreview<T>(h: History<T>): History<T> {
  return h.pending === null ? h : { ...h, present: h.pending, pending: null };
}

export function undo<T>(h: History<T>): History<T> {
  const settled = cancelPreview(h);
  if (settled.past.length === 0) return settled;
  return {
    past: settled.past.slice(0, -1),
    present: settled.past[settled.past.length - 1]!,
    future: [settled.present, ...settled.future],
    pending: null,
  };
}

export function redo<T>(h: History<T>): History<T> {
  const settled = cancelPreview(h);
  if (settled.future.length === 0) return settled;
  return {
    past: [...settled.past, settled.present],
    present: settled.future[0]!,
    future: settled.future.slice(1),
    pending: null,
  };
}

export const canUndo = (h: History<unknown>) => h.past.length > 0 || h.pending !== null;
export const canRedo = (h: History<unknown>) => h.future.length > 0;
