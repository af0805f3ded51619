import { describe, expect, it } from 'vitest';
import { stagingProblem } from '../../src/optimize/staging';
import { stagingPlanFrom } from '../../src/ui/optimizer/stagingPlan';

describe('the staging fields', () => {
  it('one number for every year, or a list per year in either language’s punctuation', () => {
    expect(stagingPlanFrom('2021', '2').plan).toEqual({ startYear: 2021, perYear: 2 });
    expect(stagingPlanFrom('2021', '2, 3').plan.perYear).toEqual([2, 3]);
    expect(stagingPlanFrom('2021', '2，3、1').plan.perYear).toEqual([2, 3, 1]);
  });

  it('empty, zero, negative or text: the check names the value', () => {
    for (const [text, value] of [['', NaN], ['0', 0], ['-1', -1], ['两个', NaN]] as const) {
      const { plan } = stagingPlanFrom('2021', text);
      expect(stagingProblem(plan, 4)).toMatchObject({ kind: 'budget' });
      if (!Number.isNaN(value)) expect(stagingProblem(plan, 4)).toMatchObject({ value });
    }
    expect(stagingProblem(stagingPlanFrom('', '2').plan, 4)).toMatchObject({ kind: 'start-year' });
    const { plan, parts } = stagingPlanFrom('2021', '2, 0');
    expect(stagingProblem(plan, 4)).toEqual({ kind: 'budget', index: 1, value: 0 });
    expect(parts).toEqual(['2', '0']);
  });
});
