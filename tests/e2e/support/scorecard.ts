/** Reading the scorecard's figures in browser tests. */
import type { Page } from 'playwright-core';

/** Waits for the worker's grid of `cellM` and the answer for everything sent since; returns the shown scorecard's figures by target id. */
export async function scorecardAt(page: Page, cellM: number): Promise<Map<string, number>> {
  await page.waitForFunction((m) => performance.getEntriesByName('coverage:ready').some((e) => (e as PerformanceMark).detail?.cellM === m), cellM, { timeout: 300_000 });
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 300_000 });
  const rows = await page.locator('[data-testid="scorecard"] [data-testid="target-row"]').evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-target-id')!, el.querySelector('[data-testid="target-current"]')?.getAttribute('data-current') ?? ''] as const),
  );
  return new Map(rows.filter(([, v]) => v !== '').map(([id, v]) => [id, Number(v)]));
}
