import { describe, expect, it } from 'vitest';
import { cellSizesFor, readCellSize, writeCellSize } from '../../src/io/cellSizeSetting';

/** A Storage over a Map (the real localStorage's interface, nothing mocked of the code under test). */
function memoryStorage(initial: Record<string, string> = {}, refuse = false): Storage {
  const m = new Map(Object.entries(initial));
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => {
      if (refuse) throw new Error('QuotaExceededError');
      m.set(k, v);
    },
  };
}

const desktop = { memoryGb: 8, cores: 8, coarsePointer: false };
const phone = { memoryGb: 8, cores: 8, coarsePointer: true };
const small = { memoryGb: 4, cores: 4, coarsePointer: false };
const tiny = { memoryGb: 1, cores: 2, coarsePointer: true };
const unknown = { coarsePointer: false };

describe('cell size setting', () => {
  it('offers 25 m only on a fine-pointer device with ≥ 8 GB, and defaults to 50 m (100 m on the smallest)', () => {
    expect(cellSizesFor(desktop)).toEqual({ offered: [100, 50, 25], fallback: 50 });
    expect(cellSizesFor(phone)).toEqual({ offered: [100, 50], fallback: 50 });
    expect(cellSizesFor(small)).toEqual({ offered: [100, 50], fallback: 50 });
    expect(cellSizesFor(unknown)).toEqual({ offered: [100, 50], fallback: 50 });
    expect(cellSizesFor(tiny)).toEqual({ offered: [100, 50], fallback: 100 });
  });

  it('keeps a choice, and ignores a kept size the device is not offered or a bad value', () => {
    const storage = memoryStorage();
    expect(readCellSize(desktop, storage)).toBe(50);
    expect(writeCellSize(25, storage)).toBe(true);
    expect(readCellSize(desktop, storage)).toBe(25);
    // The same browser profile on a phone: 25 m is not offered there, the default applies.
    expect(readCellSize(phone, storage)).toBe(50);
    expect(readCellSize(desktop, memoryStorage({ 'shanghai-siting:cell-size': '33' }))).toBe(50);
    expect(readCellSize(desktop, memoryStorage({ 'shanghai-siting:cell-size': 'abc' }))).toBe(50);
    expect(readCellSize(tiny, null)).toBe(100);
  });

  it('says when the browser refuses to keep it', () => {
    expect(writeCellSize(100, memoryStorage({}, true))).toBe(false);
    expect(writeCellSize(100, null)).toBe(false);
  });
});
