/**
 * The side panel's sections fold to their headings: a folded section hides its body and shrinks to
 * its heading, is named by its own heading for screen readers, and stays
 * folded over a reload; a tampered stored value opens every section.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, outsideRequests, screenshot } from './support/browser';
import { withBrowser } from './support/withBrowser';

const baseUrl = inject('baseUrl');

let browser: Browser;
withBrowser((b) => (browser = b));

describe('side panel layout', () => {
  it('folds a section to its heading, keeps it folded over a reload, and unfolds it', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl, { width: 1280, height: 820 });
    // The panels do not wait for the map; on a loaded machine the app's start keeps the page busy a while.
    page.setDefaultTimeout(120_000);
    await page.waitForSelector('[data-fold="roads"] > section > h2', { timeout: 120_000 });
    const roads = page.locator('[data-fold="roads"] > section');
    const heights = () => roads.evaluate((s) => ({ section: s.getBoundingClientRect().height, heading: s.querySelector('h2')!.getBoundingClientRect().height }));
    const before = await heights();
    const button = page.locator('[data-testid="fold-roads"]');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    // Named after the section's own heading, in the page's language.
    expect(await button.getAttribute('aria-label')).toBe(`收起 ${(await roads.locator('h2').textContent())!.trim()}`);
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    // The heading stays; everything after it is hidden, and the panel is shorter by about the body.
    expect(await roads.locator('h2').isVisible()).toBe(true);
    expect(await roads.locator(':scope > :not(h2)').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length)).toBe(0);
    // The section shrinks to its heading (and the heading's margins, 14 px).
    const after = await heights();
    expect(before.section).toBeGreaterThan(before.heading * 3);
    expect(after.section).toBeLessThanOrEqual(after.heading + 14 + 1);
    // Other sections are untouched.
    expect(await page.locator('[data-testid="fold-coverage"]').getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'layout-folded-zh');

    await page.reload();
    await page.waitForSelector('[data-fold="roads"] > section > h2', { timeout: 120_000 });
    expect(await page.locator('[data-testid="fold-roads"]').getAttribute('aria-expanded')).toBe('false');
    await page.locator('[data-testid="fold-roads"]').click();
    expect(await page.locator('[data-fold="roads"] > section > :not(h2)').first().isVisible()).toBe(true);

    // A tampered stored value is ignored: every section opens.
    await page.evaluate(() => localStorage.setItem('shanghai-siting.folded-panels', '{"roads":true'));
    await page.reload();
    await page.waitForSelector('[data-fold="roads"] > section > h2', { timeout: 120_000 });
    expect(await page.locator('.foldable.folded').count()).toBe(0);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
