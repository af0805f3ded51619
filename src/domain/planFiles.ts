/** The raw plan files of `seeds/plans/`, by file name (discovered; see planFolder.ts). */
import { byPlanFile } from './planFolder';

export const PLAN_FILES: Readonly<Record<string, unknown>> = byPlanFile(
  () => import.meta.glob<unknown>('../../seeds/plans/*.json', { eager: true, import: 'default' }),
  (plan) => plan,
);
