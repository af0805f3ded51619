/**
 * A set of open candidates over a covering instance, with per-row cover counts so that adding or
 * removing a candidate, and its gain or loss, cost only its own rows.
 */
import type { CoverInstance } from './instance';

export class CoverState {
  readonly inst: CoverInstance;
  readonly open: Uint8Array;
  /** Open candidates covering each row. */
  readonly count: Int32Array;
  /** Weight of rows with count > 0. */
  covered = 0;
  size = 0;

  constructor(inst: CoverInstance) {
    this.inst = inst;
    this.open = new Uint8Array(inst.nCand);
    this.count = new Int32Array(inst.nRows);
  }

  add(j: number): void {
    if (this.open[j]) return;
    this.open[j] = 1;
    this.size++;
    const { candStart, candRow, weight } = this.inst;
    for (let t = candStart[j]!; t < candStart[j + 1]!; t++) {
      const r = candRow[t]!;
      if (this.count[r]! === 0) this.covered += weight[r]!;
      this.count[r]!++;
    }
  }

  remove(j: number): void {
    if (!this.open[j]) return;
    this.open[j] = 0;
    this.size--;
    const { candStart, candRow, weight } = this.inst;
    for (let t = candStart[j]!; t < candStart[j + 1]!; t++) {
      const r = candRow[t]!;
      if (--this.count[r]! === 0) this.covered -= weight[r]!;
    }
  }

  /** Weight candidate j would add (rows nobody covers yet). */
  gain(j: number): number {
    const { candStart, candRow, weight } = this.inst;
    let g = 0;
    for (let t = candStart[j]!; t < candStart[j + 1]!; t++) {
      const r = candRow[t]!;
      if (this.count[r] === 0) g += weight[r]!;
    }
    return g;
  }

  /** Weight only open candidate j covers (lost if it closed). */
  loss(j: number): number {
    const { candStart, candRow, weight } = this.inst;
    let g = 0;
    for (let t = candStart[j]!; t < candStart[j + 1]!; t++) {
      const r = candRow[t]!;
      if (this.count[r] === 1) g += weight[r]!;
    }
    return g;
  }

  openList(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.open.length; j++) if (this.open[j]) out.push(j);
    return out;
  }
}

/** Weight covered when exactly `open` candidates are open (computed from scratch). */
export function coveredBy(inst: CoverInstance, open: readonly number[]): number {
  const state = new CoverState(inst);
  for (const j of open) state.add(j);
  return state.covered;
}
