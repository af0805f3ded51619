/**
 * How a resident figure is written, and the ground it names: pure, for every panel that shows one.
 */
import { HTML_LANG, type Translator } from '../i18n';
import type { PopulationSource } from '../../domain/population';
import type { ResidentsCoverage } from '../../domain/coverageResults';
import type { populationStrings } from './strings';
import type { LoadedPopulationFile } from './populationLoad';

type T = Translator<keyof typeof populationStrings.zh & string>;

/** A count of residents: in 万 with one decimal in Chinese from 100,000 up, else whole, grouped. */
export function formatResidents(tr: Pick<T, 't' | 'num'>, residents: number): string {
  const divisor = Number(tr.t('res_divisor'));
  if (divisor > 1 && Math.abs(residents) >= divisor * 10) return tr.t('res_big', { n: tr.num(residents / divisor, 1) });
  return tr.num(Math.round(residents));
}

/** A date and time as the language writes it. */
export function formatLoadedAt(lang: T['lang'], iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(HTML_LANG[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/**
 * Where the resident figures come from, in a line: the source's label (the census default's words, or
 * the file's name and year), and for a file the date it was loaded.
 */
export function sourceText(tr: Pick<T, 't' | 'pick' | 'lang'>, source: PopulationSource, active: LoadedPopulationFile | null): string {
  const label = tr.pick(source.label.zh, source.label.en);
  if (source.kind === 'district-census' || !active || active.name !== source.name) return label;
  return `${label} · ${tr.t('pop_loadedAt', { date: formatLoadedAt(tr.lang, active.loadedAt) })}`;
}

/** An area's residents in a line: their share and those not reached, or that the source puts none there. */
export function residentsLine(tr: Pick<T, 't' | 'num'>, residents: ResidentsCoverage): string {
  return residents.residents > 0
    ? tr.t('res_short', { share: `${tr.num(residents.share * 100, 1)}%`, notReached: formatResidents(tr, residents.notReached) })
    : tr.t('res_none');
}

/** The line naming where the resident figures come from. */
export function groundLine(tr: Pick<T, 't' | 'pick' | 'lang'>, source: PopulationSource, active: LoadedPopulationFile | null): string {
  return tr.t('res_ground', { source: sourceText(tr, source, active) });
}
