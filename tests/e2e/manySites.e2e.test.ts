/**
 * Many sites (issue #20): 40,000 charging sites imported. Past 25,000 markers near the view the map
 * draws them as a density picture — read off the screen, every sampled site lies on a pixel the
 * picture colours and ground 400 m from any site on none — and says so; zoomed in to a street the
 * markers come back, the pointer finds a site by its marker (a spatial index, not deck.gl's
 * picking), a drag moves it, and a reload at once after the drop finds it where it was dropped
 * (the journal holds one site, not 40,000). The scenario is stored in two packed parts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distance } from '@turf/turf';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { changedPixelMask, elementSnapshot, lonLatAt, openPage, screenPoint, screenshot, waitForIdle } from './support/browser';
import { browserForFile } from './support/browserForFile';
import { appReady, autosaved, siteCount } from './support/scenarioPage';
import { badRowsOf, largeCsv } from '../fixtures/import/largeCsv';

const baseUrl = inject('baseUrl');
const browser = browserForFile();
const ROWS = 40_000;
const dir = mkdtempSync(join(tmpdir(), 'many-sites-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The good rows of the CSV: name and position. */
function rowsOf(text: string): { name: string; lon: number; lat: number }[] {
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l !== '' && !l.includes('n/a'))
    .map((l) => {
      const c = l.split(',');
      return { name: c[1]!, lon: Number(c[3]), lat: Number(c[4]) };
    });
}

/** The ids of the deck.gl layers drawn now, with their row counts. */
const drawnLayers = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const layers = (window.__shanghaiDeck as unknown as { _props: { layers: Array<{ id: string; props: { data?: unknown[]; visible?: boolean } }> } })._props.layers;
    return Object.fromEntries(layers.filter((l) => !l.id.startsWith('coverage-tile')).map((l) => [l.id, l.props.data?.length ?? -1]));
  });

describe('many sites', () => {
  // An import, a save in parts, two zooms, a drag and a reload of 40,000 sites: 105 s measured on
  // this 2-core machine under load (and over 120 s with more), so twice the default limit.
  it('40,000 sites: a density picture at city zoom where the sites are, markers and picking at street zoom, a drag kept across a reload', { timeout: 240_000 }, async () => {
    const { page, consoleErrors } = await openPage(browser(), `${baseUrl}?lang=en`);
    await appReady(page);
    const text = largeCsv(ROWS);
    const rows = rowsOf(text);
    expect(rows.length).toBe(ROWS - badRowsOf(ROWS).length);
    const file = join(dir, 'many.csv');
    writeFileSync(file, text);
    await page.locator('[data-testid="load-sites"]').setInputFiles(file);
    await page.waitForSelector('[data-testid="import-dialog"][data-stage="ready"]', { timeout: 120_000 });
    await page.locator('[data-testid="imp-mode-replace"]').check();
    await page.locator('[data-testid="imp-confirm"]').click();
    await siteCount(page, rows.length);
    await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 120_000 });

    // City zoom: every site near the view, drawn as density, and said.
    // Centred on the northern edge of the sites' spread: sites below, empty ground above.
    await page.evaluate(() => window.__shanghaiMap!.jumpTo({ center: [121.45, 31.29], zoom: 11 }));
    await waitForIdle(page);
    await page.waitForSelector('[data-testid="sites-aggregated"]');
    expect(await page.locator('[data-testid="sites-aggregated"]').textContent()).toContain('39,996');
    const city = await drawnLayers(page);
    expect(city['site-density']).toBeDefined(); // one picture
    expect(city['sites']).toBe(0);
    await screenshot(page, 'many-sites-density-en');
    const withSites = await elementSnapshot(page, '[data-testid="map"]');
    await page.locator('[data-testid="show-sites"]').uncheck();
    await waitForIdle(page);
    const without = await elementSnapshot(page, '[data-testid="map"]');
    await page.locator('[data-testid="show-sites"]').check();
    const { width, mask } = await changedPixelMask(page, withSites, without);
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    // The map's own controls (tools above, zoom and reset at the right, scale and attribution below)
    // cover parts of it: points there are not read.
    const clear = (x: number, y: number) =>
      x > box.x + 4 && x < box.x + box.width - 4 && y > box.y + 50 && y < box.y + box.height - 30 && !(x > box.x + box.width - 110 && y < box.y + 115);
    /** Whether the picture changes the pixel at (x, y) or one next to it (a cell is ~4 pixels; a site on its edge). */
    const changedAt = (x: number, y: number, reach = 1) => {
      if (!clear(x, y)) return null;
      const px = Math.round(x - box.x);
      const py = Math.round(y - box.y);
      for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) if (mask[(py + dy) * width + px + dx] === 1) return true;
      return false;
    };
    // Every 50th site: on a coloured pixel.
    let onSite = 0;
    for (let i = 0; i < rows.length; i += 50) {
      const at = await screenPoint(page, [rows[i]!.lon, rows[i]!.lat]);
      const c = changedAt(at.x, at.y);
      if (c === null) continue;
      expect(c, `site ${rows[i]!.name} not drawn`).toBe(true);
      onSite++;
    }
    expect(onSite).toBeGreaterThan(150);
    // Screen points 400 m or more from every site: not coloured.
    let empty = 0;
    for (let k = 0; k < 400 && empty < 40; k++) {
      const x = box.x + ((k * 37) % 100) / 100 * box.width;
      const y = box.y + ((k * 61) % 100) / 100 * box.height;
      const [lon, lat] = await lonLatAt(page, { x, y });
      if (rows.some((r) => Math.abs(r.lon - lon) < 0.006 && Math.abs(r.lat - lat) < 0.005 && distance([r.lon, r.lat], [lon, lat], { units: 'meters' }) < 400)) continue;
      const c = changedAt(x, y);
      if (c === null) continue;
      expect(c, `${lon},${lat}`).toBe(false);
      empty++;
    }
    expect(empty).toBeGreaterThan(10);

    // Street zoom: markers again, a site found under the pointer.
    await autosaved(page);
    const first = rows[0]!;
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 15 }), [first.lon, first.lat]);
    await waitForIdle(page);
    await page.waitForSelector('[data-testid="sites-aggregated"]', { state: 'detached' });
    const street = await drawnLayers(page);
    expect(street['site-density']).toBeUndefined();
    expect(street['sites']).toBeGreaterThan(100);
    const at = await screenPoint(page, [first.lon, first.lat]);
    await page.mouse.move(at.x + 2, at.y + 1);
    await page.waitForSelector('[data-testid="hover-site"]');
    expect(await page.locator('[data-testid="hover-site"] .hover-name').textContent()).toBe(first.name);
    await screenshot(page, 'many-sites-street-en');

    // Dragged 60 px, dropped, reloaded at once: there.
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(at.x + 10 * i, at.y + 4 * i);
    await page.mouse.up();
    const dropped = await lonLatAt(page, { x: at.x + 60, y: at.y + 24 });
    await page.reload();
    await appReady(page);
    await siteCount(page, rows.length);
    expect(await page.locator('[data-testid="recovered-notice"]').textContent()).toMatch(/Recovered .*: 1 site change/);
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 15 }), dropped);
    await waitForIdle(page);
    const now = await screenPoint(page, dropped);
    await page.mouse.move(now.x + 1, now.y);
    await page.waitForSelector('[data-testid="hover-site"]');
    expect(await page.locator('[data-testid="hover-site"] .hover-name').textContent()).toBe(first.name);

    // Stored in columns.
    await autosaved(page);
    const stored = await page.evaluate(
      () =>
        new Promise<{ sites: number; parts: number | null }>((ok, fail) => {
          const open = indexedDB.open('shanghai-siting', 1);
          open.onsuccess = () => {
            const store = open.result.transaction('autosave', 'readonly').objectStore('autosave');
            const index = store.get('library');
            index.onsuccess = () => {
              const id = (index.result as { currentId: string }).currentId;
              const r = store.get(`scenario:${id}`);
              r.onsuccess = () => {
                const rec = r.result as { sites: unknown[]; parts?: number };
                open.result.close();
                ok({ sites: rec.sites.length, parts: rec.parts ?? null });
              };
            };
          };
          open.onerror = () => fail(open.error);
        }),
    );
    expect(stored).toEqual({ sites: 0, parts: 2 });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
