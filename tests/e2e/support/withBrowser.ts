/** One browser for a test file: launched before its tests, closed after them. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';

/** Registers the file's beforeAll / afterAll; `take` receives the launched browser. */
export function withBrowser(take: (browser: Browser) => void): void {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launchBrowser();
    take(launched);
  });
  afterAll(async () => {
    await launched?.close();
  });
}
