/**
 * The base map as a picture, against checked-in baselines (docs/baselines/): the style's colours,
 * the plan districts it highlights, the label fonts and the layer order are easy to break without
 * any other test noticing. Only MapLibre's canvas is compared (no panels, no deck.gl overlay), at
 * fixed views, once the map is idle.
 *
 * A pixel counts as changed when its R+G+B differ by more than 30. Runs of one build on this
 * machine's software WebGL differ by 0 pixels; builds a session apart (style untouched) by up to
 * 0.06 %; the limit is 0.2 %. A deliberate change of the look: `UPDATE_BASELINES=1` rewrites the
 * pictures (commit them on purpose, after opening them).
 *
 * The map shows which districts have a plan, so the baselines hold for the plan districts they were
 * made with (plan-districts.json); with another set of plans (a plan file added to seeds/plans)
 * the comparisons are skipped, saying so, until the baselines are rewritten.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { STYLE_PLAN_DISTRICTS } from '../../src/map/styleConstants';
import { canvasSnapshot, changedPixelShare, openPage, waitForIdle, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';

const baseUrl = inject('baseUrl');
const BASELINE_DIR = fileURLToPath(new URL('../../docs/baselines/', import.meta.url));
const LIMIT = 0.002;
const MADE_WITH = `${BASELINE_DIR}plan-districts.json`;
const planSet = [...STYLE_PLAN_DISTRICTS].sort().join(',');
const madeWith = existsSync(MADE_WITH) ? (JSON.parse(readFileSync(MADE_WITH, 'utf8')) as { planDistricts: string[] }).planDistricts.join(',') : null;
const comparable = process.env.UPDATE_BASELINES === '1' || madeWith === planSet;
if (!comparable) console.log(`baselines skipped: made with plan districts ${madeWith}, the plans now give ${planSet}`);

let browser: Browser;
withBrowser((b) => (browser = b));

async function baseCanvasAt(page: Page, center: [number, number], zoom: number): Promise<string> {
  await waitForMap(page);
  await page.evaluate(([lon, lat, z]) => window.__shanghaiMap!.jumpTo({ center: [lon!, lat!], zoom: z! }), [...center, zoom] as const);
  await waitForIdle(page);
  return canvasSnapshot(page);
}

/** Compares with the baseline (or writes it when asked); returns the share of changed pixels. */
async function compareWithBaseline(page: Page, name: string, shot: string): Promise<number> {
  const file = `${BASELINE_DIR}${name}.png`;
  if (process.env.UPDATE_BASELINES === '1') {
    mkdirSync(BASELINE_DIR, { recursive: true });
    writeFileSync(file, Buffer.from(shot.slice(shot.indexOf(',') + 1), 'base64'));
    writeFileSync(MADE_WITH, `${JSON.stringify({ planDistricts: planSet.split(',') })}\n`);
  }
  if (!existsSync(file)) throw new Error(`no baseline ${name}.png: run with UPDATE_BASELINES=1, open the picture, commit it`);
  const baseline = `data:image/png;base64,${readFileSync(file).toString('base64')}`;
  const share = await changedPixelShare(page, baseline, shot);
  console.log(`baseline ${name}: ${(share * 100).toFixed(3)} % of pixels changed`);
  return share;
}

describe.skipIf(!comparable)('base map against its baselines', () => {
  it('the whole city in Chinese, plan districts highlighted', async () => {
    const { page } = await openPage(browser, `${baseUrl}?lang=zh`);
    const shot = await baseCanvasAt(page, [121.47, 31.2], 8.6);
    expect(await compareWithBaseline(page, 'city-zh', shot)).toBeLessThanOrEqual(LIMIT);
    await page.context().close();
  });

  it('the centre in English, at street-level detail', async () => {
    const { page } = await openPage(browser, `${baseUrl}?lang=en`);
    const shot = await baseCanvasAt(page, [121.44, 31.235], 13);
    expect(await compareWithBaseline(page, 'centre-en', shot)).toBeLessThanOrEqual(LIMIT);
    await page.context().close();
  });
});
