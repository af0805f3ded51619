/**
 * The coverage grid's cell sizes (m) the app offers, its default and the rule that picks them from
 * what a page can tell about its device (src/io/cellSizeSetting.ts reads the device and keeps the
 * choice). A 25 m grid of the whole city holds ~23 million cells (≈ 1 GB in the worker while it is
 * built, measured in Node), so it is offered only where the browser reports ≥ 8 GB of memory and a
 * fine pointer (not a phone); phones and small machines get 50 m, and 100 m for the smallest (≤ 1 GB).
 */
export const CELL_SIZES_M = [100, 50, 25] as const;
export type CellSizeM = (typeof CELL_SIZES_M)[number];
/** The cell of the app's figures so far, and of the browser tests' numbers. */
export const DEFAULT_CELL_M: CellSizeM = 50;
/** The optimizer builds its own grid of one district at this cell (src/optimize/scope.ts). */
export const OPTIMIZER_CELL_M = 50;

/** What the page can tell about its device (navigator.deviceMemory is Chromium's; others leave it out). */
export interface DeviceFacts {
  /** GB, rounded down to a power of two and capped at 8 by the browser; undefined where not told. */
  memoryGb?: number | undefined;
  cores?: number | undefined;
  /** True on touch-first devices (`(pointer: coarse)`): phones and tablets. */
  coarsePointer: boolean;
}

/** The sizes offered on a device and its default. */
export function cellSizesFor(device: DeviceFacts): { offered: CellSizeM[]; fallback: CellSizeM } {
  const memory = device.memoryGb;
  const small = (memory !== undefined && memory <= 1) || (device.cores !== undefined && device.cores <= 1);
  const big = !device.coarsePointer && memory !== undefined && memory >= 8;
  return { offered: big ? [100, 50, 25] : [100, 50], fallback: small ? 100 : DEFAULT_CELL_M };
}

