/**
 * Row dominance for full covering: when every row must be covered, a row whose candidate set
 * contains another row's set is covered whenever that row is, so it can go. Geometric instances
 * shrink a lot (a cell deep inside a candidate's disc is reached by a superset of what reaches the
 * cell at the disc's edge), which is what lets the MILP prove optima on district-sized instances.
 *
 * Finding dominators: a row k can only be contained in row i if k's key candidate (its candidate
 * that reaches the fewest rows) is in row i. So for each row i, mark its candidates, then test only
 * the rows keyed by one of them, stopping at the first candidate of k that row i lacks.
 * Not valid for partial covering or best N, where every row's weight counts.
 */
import type { CoverInstance } from './instance';

export function reduceDominated(inst: CoverInstance): CoverInstance {
  const { nRows, nCand, rowStart, rowCand, candStart } = inst;
  const len = (r: number) => rowStart[r + 1]! - rowStart[r]!;
  // Key of each row: its candidate with the fewest rows.
  const keyStart = new Int32Array(nCand + 1);
  const key = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    let best = rowCand[rowStart[r]!]!;
    for (let t = rowStart[r]! + 1; t < rowStart[r + 1]!; t++) {
      const c = rowCand[t]!;
      if (candStart[c + 1]! - candStart[c]! < candStart[best + 1]! - candStart[best]!) best = c;
    }
    key[r] = best;
    keyStart[best + 1]!++;
  }
  for (let c = 0; c < nCand; c++) keyStart[c + 1]! += keyStart[c]!;
  const keyed = new Int32Array(nRows);
  const fill = keyStart.slice(0, nCand);
  for (let r = 0; r < nRows; r++) keyed[fill[key[r]!]!++] = r;

  const mark = new Int32Array(nCand).fill(-1);
  const keep = new Uint8Array(nRows).fill(1);
  for (let i = 0; i < nRows; i++) {
    const li = len(i);
    for (let t = rowStart[i]!; t < rowStart[i + 1]!; t++) mark[rowCand[t]!] = i;
    let dominated = false;
    for (let t = rowStart[i]!; t < rowStart[i + 1]! && !dominated; t++) {
      const c = rowCand[t]!;
      for (let u = keyStart[c]!; u < keyStart[c + 1]!; u++) {
        const k = keyed[u]!;
        // Equal sets were merged when the instance was built, so containment needs a shorter row.
        // A kept dominator suffices; a dropped one has its own kept dominator inside it (chains end).
        if (k === i || len(k) >= li) continue;
        let sub = true;
        for (let v = rowStart[k]!; v < rowStart[k + 1]!; v++) {
          if (mark[rowCand[v]!] !== i) {
            sub = false;
            break;
          }
        }
        if (sub) {
          dominated = true;
          break;
        }
      }
    }
    if (dominated) keep[i] = 0;
  }

  const rows: number[] = [];
  for (let r = 0; r < nRows; r++) if (keep[r]) rows.push(r);
  const newStart = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (newStart[i + 1] = newStart[i]! + len(r)));
  const newCand = new Int32Array(newStart[rows.length]!);
  const weight = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    newCand.set(rowCand.subarray(rowStart[r]!, rowStart[r + 1]!), newStart[i]!);
    weight[i] = inst.weight[r]!;
  });
  const cStart = new Int32Array(nCand + 1);
  for (let t = 0; t < newCand.length; t++) cStart[newCand[t]! + 1]!++;
  for (let c = 0; c < nCand; c++) cStart[c + 1]! += cStart[c]!;
  const cRow = new Int32Array(newCand.length);
  const cFill = cStart.slice(0, nCand);
  for (let i = 0; i < rows.length; i++) for (let t = newStart[i]!; t < newStart[i + 1]!; t++) cRow[cFill[newCand[t]!]!++] = i;
  return { ...inst, nRows: rows.length, weight, rowStart: newStart, rowCand: newCand, candStart: cStart, candRow: cRow };
}
