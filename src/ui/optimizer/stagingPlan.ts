/** The staging fields as typed, into a plan (src/optimize/staging.ts checks it). Pure. */
import type { StagingPlan } from '../../optimize/staging';

/**
 * "2" is one budget for every year, "2, 3" (commas, Chinese commas, spaces) one per year, the last
 * repeating; an empty field is NaN, which the plan's check refuses with a message.
 * @returns the plan and the budget field's parts as typed (for the message).
 */
export function stagingPlanFrom(startText: string, perYearText: string): { plan: StagingPlan; parts: string[] } {
  const parts = perYearText.split(/[,，、;；\s]+/).filter((p) => p !== '');
  const numbers = parts.map(Number);
  const perYear = numbers.length === 1 ? numbers[0]! : numbers.length === 0 ? NaN : numbers;
  return { plan: { startYear: startText.trim() === '' ? NaN : Number(startText), perYear }, parts };
}

