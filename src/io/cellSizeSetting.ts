/**
 * The coverage grid's cell size (m): the one source every figure of the coverage worker, the
 * network worker and the exports reads (the optimizer keeps its own district grid, OPTIMIZER_CELL_M).
 * The user's choice is kept in localStorage; the sizes offered and the default come from the device
 * (src/domain/cellSize.ts).
 */
import { cellSizesFor, type CellSizeM, type DeviceFacts } from '../domain/cellSize';
import { safeStorage, writeSetting } from './safeStorage';

export { CELL_SIZES_M, DEFAULT_CELL_M, OPTIMIZER_CELL_M, cellSizesFor, type CellSizeM, type DeviceFacts } from '../domain/cellSize';

const KEY = 'shanghai-siting:cell-size';

/** This page's device, read from the browser (every fact optional). */
export function thisDevice(): DeviceFacts {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { deviceMemory?: number });
  const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  return { memoryGb: nav?.deviceMemory, cores: nav?.hardwareConcurrency, coarsePointer: coarse };
}

/** The kept size when this device offers it, else the device's default. */
export function readCellSize(device: DeviceFacts = thisDevice(), storage: Storage | null = safeStorage()): CellSizeM {
  const { offered, fallback } = cellSizesFor(device);
  let value = NaN;
  try {
    value = Number(storage?.getItem(KEY) ?? NaN);
  } catch {
    // A page that may not read its storage: the default.
  }
  return offered.find((m) => m === value) ?? fallback;
}

/** Keeps the size; false when the browser refuses (it then applies to this page only). */
export function writeCellSize(value: CellSizeM, storage: Storage | null = safeStorage()): boolean {
  return writeSetting(KEY, String(value), storage);
}
