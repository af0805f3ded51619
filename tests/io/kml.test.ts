/**
 * readKml: the KML fixture (Placemarks with ExtendedData, one LineString), and the small things real
 * exports do — namespace prefixes, CDATA, entities, SimpleData, comments, unclosed tags.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readKml } from '../../src/io/kml';
import { parseSiteFile } from '../../src/io/siteFile';

describe('readKml', () => {
  it('reads the fixture’s placemarks in order, with name, ExtendedData and the Point', () => {
    const doc = readKml(readFileSync(new URL('../fixtures/import/stations.kml', import.meta.url), 'utf8'));
    expect(doc.problem).toBeNull();
    expect(doc.placemarks).toHaveLength(7);
    expect(doc.placemarks[0]).toEqual({
      row: 1,
      geometry: 'Point',
      lon: expect.stringMatching(/^121\.\d+$/),
      lat: expect.stringMatching(/^31\.\d+$/),
      fields: { type: '充电站', id: 'cs-01', name: '白银路站充电站' },
    });
    expect(doc.placemarks[3]).toEqual({ row: 4, geometry: 'LineString', fields: { name: '一段线路 & 不是站点' } });
  });

  it('handles prefixes, CDATA, entities, SimpleData, comments and a description', () => {
    const text = `<?xml version="1.0"?>
<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"><kml:Document>
<!-- <Placemark><name>commented out</name><Point><coordinates>1,2</coordinates></Point></Placemark> -->
<kml:Placemark>
  <kml:name><![CDATA[<b>A & B</b>]]></kml:name>
  <kml:description>Line&#10;two &lt;ok&gt;</kml:description>
  <kml:ExtendedData><kml:SchemaData><kml:SimpleData name="类型">快递柜</kml:SimpleData></kml:SchemaData></kml:ExtendedData>
  <kml:Point><kml:coordinates>
     121.5,31.25
  </kml:coordinates></kml:Point>
</kml:Placemark>
<Placemark><name>No geometry</name></Placemark>
</kml:Document></kml:kml>`;
    const doc = readKml(text);
    expect(doc.placemarks).toEqual([
      { row: 1, geometry: 'Point', lon: '121.5', lat: '31.25', fields: { 类型: '快递柜', name: '<b>A & B</b>', description: 'Line\ntwo <ok>' } },
      { row: 2, geometry: null, fields: { name: 'No geometry' } },
    ]);
  });

  it('reads a tuple written with spaces after the comma', () => {
    const doc = readKml('<kml><Placemark><Point><coordinates> 121.5, 31.25, 0 </coordinates></Point></Placemark></kml>');
    expect(doc.placemarks[0]).toMatchObject({ lon: '121.5', lat: '31.25' });
  });

  it('says when the text is not KML, and survives unclosed tags', () => {
    expect(readKml('lon,lat\n1,2').problem).toMatch(/not a KML document/);
    const unclosed = `<kml>${'<Placemark><name>x'.repeat(2000)}`;
    expect(readKml(unclosed)).toEqual({ placemarks: [], problem: null });
  });

  it('a MultiGeometry of two Points is not read as one site at its first point: the row is reported (as a GeoJSON MultiPoint is)', () => {
    const text = `<kml><Document>
<Placemark><name>two points</name><MultiGeometry><Point><coordinates>121.5,31.25</coordinates></Point><Point><coordinates>121.6,31.3</coordinates></Point></MultiGeometry></Placemark>
<Placemark><name>two bare points</name><Point><coordinates>121.5,31.25</coordinates></Point><Point><coordinates>121.6,31.3</coordinates></Point></Placemark>
<Placemark><name>one</name><Point><coordinates>121.45,31.2</coordinates></Point></Placemark>
</Document></kml>`;
    const doc = readKml(text);
    expect(doc.placemarks).toEqual([
      { row: 1, geometry: 'MultiGeometry', fields: { name: 'two points' } },
      { row: 2, geometry: '2 Points', fields: { name: 'two bare points' } },
      { row: 3, geometry: 'Point', lon: '121.45', lat: '31.2', fields: { name: 'one' } },
    ]);
    const parsed = parseSiteFile(text, { fileName: 'multi.kml', defaultType: 'ev-charging-station' });
    expect(parsed.sites.map((s) => s.name)).toEqual(['one']);
    expect(parsed.rejected.map((p) => [p.row, p.field, p.code])).toEqual([
      [1, 'geometry', 'notPoint'],
      [2, 'geometry', 'notPoint'],
    ]);
  });
});
