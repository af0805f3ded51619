/**
 * Keeps the coverage worker's last answers between visits (issue #19: numbers at start): a planner
 * who opens the app on the scenario they closed it on sees its figures as soon as the worker knows
 * what is asked, while the worker computes them again. Each answer is kept under a hash of
 * everything it was computed from (src/worker/answerKey.ts, computed by the caller): the build, the
 * shipped or imported layers, the cell size, every site and setting. This floor (io) stores values
 * and does not know answers.
 *
 * The newest KEEP answers are kept (one a scenario a planner switches between, a few settings); a
 * database of its own (`shanghai-answers`), so its writes never share a transaction with the
 * scenario saves, the user's layer files or the kept grids.
 */
import type { DBSchema } from 'idb';
import { withConnection } from './idbConnection';

const DB_NAME = 'shanghai-answers';
const STORE = 'answers';
/** How many answers are kept (the oldest written goes first). */
export const ANSWERS_KEPT = 8;

export interface KeptAnswer<T> {
  answer: T;
  /** When it was kept (ms since the epoch): the oldest is dropped first. */
  at: number;
}

interface AnswerSchema extends DBSchema {
  answers: { key: string; value: KeptAnswer<unknown> };
}

/** The answer kept under `key`, or null. */
export async function readKeptAnswer<T>(key: string, factory: IDBFactory = indexedDB): Promise<T | null> {
  const kept = await withConnection<AnswerSchema, KeptAnswer<unknown> | undefined>(factory, DB_NAME, STORE, (db) => db.get(STORE, key));
  return kept && typeof kept === 'object' && 'answer' in kept ? (kept.answer as T) : null;
}

/** How many answers are kept (0 on a first visit: nothing to look up). */
export async function keptAnswerCount(factory: IDBFactory = indexedDB): Promise<number> {
  return withConnection<AnswerSchema, number>(factory, DB_NAME, STORE, (db) => db.count(STORE));
}

/** Keeps `answer` under `key` (replacing one kept there), then drops the oldest beyond ANSWERS_KEPT. */
export async function keepAnswer(key: string, answer: unknown, factory: IDBFactory = indexedDB, now = Date.now()): Promise<void> {
  await withConnection<AnswerSchema, void>(factory, DB_NAME, STORE, async (db) => {
    const tx = db.transaction(STORE, 'readwrite');
    await tx.store.put({ answer, at: now }, key);
    const keys = await tx.store.getAllKeys();
    const ats = await tx.store.getAll();
    const oldest = keys.map((k, i) => ({ k, at: ats[i]?.at ?? 0 })).sort((a, b) => b.at - a.at).slice(ANSWERS_KEPT);
    await Promise.all([...oldest.map(({ k }) => tx.store.delete(k)), tx.done]);
  });
}
