/**
 * The covering algorithms on random set systems (fast-check), each against brute force or a naive
 * version written out in the test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoverState, coveredBy } from '../../src/optimize/coverState';
import { greedyDualBound } from '../../src/optimize/dualBound';
import { lazyGreedy } from '../../src/optimize/greedy';
import { dropRedundant, improveCover, improveMaxCover } from '../../src/optimize/localSearch';
import { reduceDominated } from '../../src/optimize/reduce';
import { rowWeightingSearch } from '../../src/optimize/rowWeighting';
import { instanceFromRows, subsets } from './helpers';

/** A random set system: n candidates, rows with 1–4 candidates each, weights 1–9. */
const system = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    rows: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }), { minLength: 1, maxLength: 14 }),
    weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 14, maxLength: 14 }),
  }),
);

function build(s: { n: number; rows: number[][]; weights: number[] }) {
  return instanceFromRows(s.n, s.rows, s.rows.map((_, i) => s.weights[i]!));
}

/** Naive greedy: scan every candidate each step, lowest index on ties. */
function naiveGreedy(s: { n: number; rows: number[][]; weights: number[] }, stop: (covered: number, opened: number) => boolean): number[] {
  const covered = new Set<number>();
  const open: number[] = [];
  let w = 0;
  while (!stop(w, open.length)) {
    let best = -1;
    let bestGain = 0;
    for (let j = 0; j < s.n; j++) {
      if (open.includes(j)) continue;
      const g = s.rows.reduce((a, r, i) => a + (!covered.has(i) && r.includes(j) ? s.weights[i]! : 0), 0);
      if (g > bestGain) {
        best = j;
        bestGain = g;
      }
    }
    if (best < 0) break;
    open.push(best);
    s.rows.forEach((r, i) => {
      if (r.includes(best) && !covered.has(i)) {
        covered.add(i);
        w += s.weights[i]!;
      }
    });
  }
  return open;
}

const total = (s: { rows: number[][]; weights: number[] }) => s.rows.reduce((a, _, i) => a + s.weights[i]!, 0);

describe('lazy greedy', () => {
  it('opens the same candidates, in the same order, as a naive greedy', () => {
    fc.assert(
      fc.property(system, fc.integer({ min: 1, max: 5 }), (s, k) => {
        const inst = build(s);
        expect(lazyGreedy(new CoverState(inst), { maxOpen: k })).toEqual(naiveGreedy(s, (_, o) => o >= k));
        const need = total(s);
        expect(lazyGreedy(new CoverState(inst), { needWeight: need })).toEqual(naiveGreedy(s, (w) => w >= need));
      }),
      { numRuns: 300 },
    );
  });
});

describe('dominance reduction', () => {
  it('a set covers every reduced row exactly when it covers every row', () => {
    fc.assert(
      fc.property(system, (s) => {
        const inst = build(s);
        const red = reduceDominated(inst);
        expect(red.nRows).toBeLessThanOrEqual(inst.nRows);
        const all = (i: typeof inst) => i.weight.reduce((a, b) => a + b, 0);
        for (const set of subsets(s.n)) expect(coveredBy(red, set) === all(red)).toBe(coveredBy(inst, set) === all(inst));
      }),
      { numRuns: 200 },
    );
  });
});

describe('bounds and local search against brute force', () => {
  it('the feasible dual never exceeds the optimum; row weighting and destroy-and-repair keep full covers and never grow them', () => {
    fc.assert(
      fc.property(system, (s) => {
        const inst = build(s);
        const need = total(s);
        let optimum = Infinity;
        for (const set of subsets(s.n)) {
          if (coveredBy(inst, set) >= need) {
            optimum = set.length;
            break;
          }
        }
        expect(greedyDualBound(inst)).toBeLessThanOrEqual(optimum + 1e-9);
        const state = new CoverState(inst);
        lazyGreedy(state, { needWeight: need });
        const start = state.openList();
        const rw = rowWeightingSearch(inst, start, { timeMs: 1000, maxStale: 2000 });
        expect(coveredBy(inst, rw)).toBe(need);
        expect(rw.length).toBeLessThanOrEqual(start.length);
        expect(rw.length).toBeGreaterThanOrEqual(optimum);
        improveCover(state, need, { timeMs: 1000, maxStale: 300 });
        expect(state.covered).toBe(need);
        expect(state.size).toBeLessThanOrEqual(start.length);
        expect(coveredBy(inst, state.openList())).toBe(state.covered);
      }),
      { numRuns: 150 },
    );
  });

  it('drop-redundant keeps the target and closes only what is not needed', () => {
    fc.assert(
      fc.property(system, fc.double({ min: 0.3, max: 1, noNaN: true }), (s, f) => {
        const inst = build(s);
        const need = Math.ceil(f * total(s));
        const state = new CoverState(inst);
        for (let j = 0; j < s.n; j++) state.add(j);
        dropRedundant(state, need);
        expect(state.covered).toBeGreaterThanOrEqual(need);
        for (const j of state.openList()) expect(state.covered - state.loss(j)).toBeLessThan(need);
      }),
      { numRuns: 200 },
    );
  });

  it('best-N search keeps at most N sites (fewer only once every row is covered) and never covers less than greedy', () => {
    fc.assert(
      fc.property(system, fc.integer({ min: 1, max: 4 }), (s, k) => {
        const inst = build(s);
        const state = new CoverState(inst);
        lazyGreedy(state, { maxOpen: k });
        const greedy = state.covered;
        const size = state.size;
        improveMaxCover(state, { timeMs: 1000, maxStale: 200 });
        // As the greedy, the search opens no site that gains nothing: it may end with fewer than the
        // greedy's N when they cover every row (a swap found such a cover), never otherwise.
        expect(state.size).toBeLessThanOrEqual(k);
        if (state.size < size) expect(state.covered).toBe(total(s));
        else expect(state.size).toBe(size);
        expect(state.covered).toBeGreaterThanOrEqual(greedy);
        expect(coveredBy(inst, state.openList())).toBe(state.covered);
      }),
      {
        numRuns: 150,
        // Found by CI: the greedy's 4 sites leave a row open; a swap covers every row with 3.
        examples: [[{ n: 9, rows: [[1, 2], [0, 7], [0, 2], [3], [2], [7], [7, 1], [2, 0]], weights: [3, 8, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }, 4]],
      },
    );
  });
});
