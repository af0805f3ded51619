/** The raw plan files of `seeds/plans/`, by file name (discovered; see planFolder.ts). */
import { baseName, readPlanFolder, UNDER_VITE } from './planFolder';

function bundledPlanFiles(): Record<string, unknown> {
  if (!UNDER_VITE) return readPlanFolder();
  const files = import.meta.glob<unknown>('../../seeds/plans/*.json', { eager: true, import: 'default' });
  return Object.fromEntries(Object.entries(files).map(([path, json]) => [baseName(path), json]));
}

export const PLAN_FILES: Readonly<Record<string, unknown>> = bundledPlanFiles();
