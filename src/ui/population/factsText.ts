/**
 * What was read from the population file in use (src/io/populationFile.ts `PopulationFileFacts`), as
 * the panel's "读取内容 / Read" line, in the interface language. The English rendering is the CLI's
 * line word for word (`factsInEnglish`; tests/ui/populationFactsText.test.ts).
 */
import type { PopulationFileFacts } from '../../io/populationFile';
import type { KeyOf, Translator } from '../i18n';
import type { populationStrings } from './strings';

type PopulationTranslator = Translator<KeyOf<typeof populationStrings>>;

export function populationFactsText(f: PopulationFileFacts, tr: PopulationTranslator): string {
  const { t, num } = tr;
  if (f.kind === 'polygons') {
    return t('pop_factsPolygons', {
      format: f.format === 'csv' ? 'CSV' : 'GeoJSON',
      areas: num(f.areas),
      points: num(f.points),
      field: f.field,
      crs: t(`pop_factsCrs_${f.crs}`),
    });
  }
  return t('pop_factsRaster', {
    width: num(f.width),
    height: num(f.height),
    fileWidth: num(f.fileWidth),
    fileHeight: num(f.fileHeight),
    dLon: f.dLonSec.toPrecision(4),
    dLat: f.dLatSec.toPrecision(4),
    bits: f.sample.bits,
    sample: t(`pop_factsSample_${f.sample.format}`),
    nodata: f.nodata === null ? t('pop_factsNoNodata') : String(f.nodata),
    nodataPixels: num(f.nodataPixels),
  });
}
