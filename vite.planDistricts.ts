/**
 * `import.meta.glob('…/plans/*.json', { query: '?district' })`: each plan file's `district` field
 * as a module of its own. The base style highlights the plan districts in the embed's first frame;
 * with the JSON itself (even one named export of it) the first script would carry every plan's
 * targets, since a module is not split between chunks. Used by the Vite and the Vitest configs.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

const QUERY = '?district';
// A virtual id without `.json`, so Vite's JSON plugin leaves the module to this one.
const PREFIX = '\0plan-district:';

export function planDistricts(): Plugin {
  return {
    name: 'plan-districts',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith(`.json${QUERY}`)) return null;
      const resolved = await this.resolve(source.slice(0, -QUERY.length), importer, { ...options, skipSelf: true });
      return resolved ? PREFIX + resolved.id.slice(0, -'.json'.length) : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = `${id.slice(PREFIX.length)}.json`;
      this.addWatchFile(file);
      let district: unknown = null;
      try {
        district = (JSON.parse(await readFile(file, 'utf8')) as { district?: unknown }).district ?? null;
      } catch {
        // A broken plan file is named by the plan checker at start-up; the style just leaves it out.
      }
      return `export default ${JSON.stringify(district)};`;
    },
  };
}
