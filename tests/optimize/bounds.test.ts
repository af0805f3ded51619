/**
 * Lower bounds on the fewest sites, against brute force on random set systems: the greedy feasible
 * dual, the LP by row generation (each round a bound; complete: the full LP's value) and the MILP.
 */
import fc from 'fast-check';
import highsLoader, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { coveredBy } from '../../src/optimize/coverState';
import { greedyDual } from '../../src/optimize/dualBound';
import { lpBound, rowGenerationLpBound, solveExact } from '../../src/optimize/milp';
import { instanceFromRows, subsets } from './helpers';

let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

const system = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    rows: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }), { minLength: 1, maxLength: 16 }),
  }),
);

describe('bounds on the fewest sites covering every row', () => {
  it('dual ≤ row-generated LP ≤ full LP ≤ MILP optimum = enumerated optimum', () => {
    fc.assert(
      fc.property(system, (s) => {
        const inst = instanceFromRows(s.n, s.rows);
        const all = inst.nRows;
        let optimum = Infinity;
        for (const set of subsets(s.n)) {
          if (coveredBy(inst, set) === all) {
            optimum = set.length;
            break;
          }
        }
        const dual = greedyDual(inst);
        const full = lpBound(highs, inst, { kind: 'cover', need: all }, 10)!;
        const seed = [...dual.u.keys()].filter((r) => dual.u[r]! > 0);
        const rg = rowGenerationLpBound(highs, inst, seed, 10);
        const exact = solveExact(highs, inst, { kind: 'cover', need: all }, { timeLimitS: 10 });
        expect(dual.bound).toBeLessThanOrEqual(full + 1e-9);
        expect(rg.bound!).toBeLessThanOrEqual(full + 1e-9);
        if (rg.complete) expect(Math.abs(rg.bound! - full)).toBeLessThan(1e-6);
        expect(full).toBeLessThanOrEqual(optimum + 1e-9);
        expect(exact.status).toBe('optimal');
        expect(exact.open!.length).toBe(optimum);
        expect(coveredBy(inst, exact.open!)).toBe(all);
      }),
      { numRuns: 60 },
    );
  });
});
