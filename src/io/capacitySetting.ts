/**
 * The residents-per-unit threshold (2SFCA, src/coverage/capacity.ts) the user flags townships above,
 * kept in localStorage; a kept value that is not a positive number is ignored (the default applies).
 */
import { z } from 'zod';
import { safeStorage, writeSetting } from './safeStorage';

const KEY = 'shanghai-siting:capacity-threshold';
/** Residents per unit above which a township is flagged, until the user sets another. */
export const DEFAULT_CAPACITY_THRESHOLD = 1000;
const thresholdSchema = z.coerce.number().positive().max(1e9);

export function readCapacityThreshold(storage: Storage | null = safeStorage()): number {
  const parsed = thresholdSchema.safeParse(storage?.getItem(KEY) ?? undefined);
  return parsed.success ? parsed.data : DEFAULT_CAPACITY_THRESHOLD;
}

/** Keeps the threshold; false when the browser refuses (it then applies to this page only). */
export function writeCapacityThreshold(value: number, storage: Storage | null = safeStorage()): boolean {
  return writeSetting(KEY, String(value), storage);
}
