/**
 * The geometry loader the embed uses (the app's loader without the census CSV): the shipped files
 * pass, and a broken file is named while the rest still load.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGeometryFiles } from '../../src/io/geodataFiles';

const DATA = fileURLToPath(new URL('../../public/data/', import.meta.url));
const fromDisk = (broken: Record<string, string> = {}) => async (url: string) => {
  const file = url.slice(url.lastIndexOf('/') + 1);
  if (file in broken) return new Response(broken[file], { status: 200 });
  return new Response(await readFile(`${DATA}${file}`, 'utf8'), { status: 200 });
};

describe('embed geometry loader', () => {
  it('loads and validates the shipped files', async () => {
    const { data, errors } = await loadGeometryFiles('data/', fromDisk());
    expect(errors).toEqual([]);
    expect(data.districts?.features).toHaveLength(16);
    expect(data.zones?.features.length).toBeGreaterThan(10);
  });

  it('names a broken file and the place in it, and loads the rest', async () => {
    const districts = JSON.parse(await readFile(`${DATA}districts.geojson`, 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
    districts.features[3]!.properties.adcode = 'nope';
    const { data, errors } = await loadGeometryFiles('data/', fromDisk({ 'districts.geojson': JSON.stringify(districts), 'rivers.geojson': '{"type":' }));
    expect(errors.map((e) => e.file)).toEqual(['districts.geojson', 'rivers.geojson']);
    expect(errors[0]!.message).toMatch(/feature 4 › properties › adcode/);
    expect(errors[1]!.message).toMatch(/not valid JSON/);
    expect(data.districts).toBeUndefined();
    expect(data.zones?.features.length).toBeGreaterThan(10);
  });
});
