/**
 * The shipped JSON data written ASCII-only in the build: every character past U+007F of
 * `data/*.geojson` and `data/*.json` as a `\uXXXX` escape (issue #19: numbers at start).
 *
 * Why: a browser decodes a fetched text with one non-ASCII character in it — a district's or a
 * metro station's Chinese name — into a two-byte string, on the page's own thread, and JSON.parse
 * then reads two bytes a character; an all-ASCII text is kept one byte a character and decoded by a
 * copy. On a first visit the page decodes ~2.5 MB of shipped files before its first numbers (the
 * same holds for scripts, so `vite.config.ts` asks the bundler for ASCII output too: `charset`).
 * The escaped text parses to the very same values; the files in `public/` stay readable.
 *
 * Only a file that parses as JSON is rewritten (outside strings JSON allows no character past
 * U+007F, so escaping is exact); one that does not is left as it is, for the app to report as the
 * file it is. A deployer's `published/` files are theirs and are not touched.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * `text` with every UTF-16 code unit past U+007F written as `\uXXXX` (a character beyond the BMP
 * becomes its surrogate pair's two escapes, as JSON spells it). Exact for the text of a JSON value:
 * such characters can only stand inside its strings.
 */
export function asciiEscaped(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The names of the shipped data files the build rewrites. */
export const isShippedJson = (name: string): boolean => /\.(geo)?json$/i.test(name);

/** Rewrites the shipped JSON files in `dataDir` ASCII-only; returns the names rewritten. */
export function asciiDataFiles(dataDir: string): string[] {
  const rewritten: string[] = [];
  for (const name of readdirSync(dataDir)) {
    if (!isShippedJson(name)) continue;
    const path = join(dataDir, name);
    const text = readFileSync(path, 'utf8');
    const escaped = asciiEscaped(text);
    if (escaped === text) continue;
    try {
      JSON.parse(text);
    } catch {
      continue;
    }
    writeFileSync(path, escaped);
    rewritten.push(name);
  }
  return rewritten;
}

export function asciiData(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'ascii-data',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    // writeBundle: the public folder is copied in by then, and every closeBundle (the shipped
    // answers read these files) comes after.
    writeBundle() {
      if (config.build.ssr || !config.publicDir) return;
      const dataDir = resolve(config.root, config.build.outDir, 'data');
      if (existsSync(dataDir)) asciiDataFiles(dataDir);
    },
  };
}
