/**
 * A refused population file's problem (src/domain/populationProblems.ts) as the panel shows it, in the
 * interface language: the sentence of its code (`pop_e_<code>`, src/ui/population/strings.ts), filled
 * with its facts, where a row or feature is worded in the language too. The English rendering is the
 * CLI's message word for word (tests/ui/populationProblemText.test.ts).
 */
import type { PopulationProblem } from '../../domain/populationProblems';
import type { Translator, KeyOf } from '../i18n';
import type { populationStrings } from './strings';

type PopulationTranslator = Translator<KeyOf<typeof populationStrings>>;

export function populationProblemText(p: PopulationProblem, tr: PopulationTranslator): string {
  const { t } = tr;
  const facts: Record<string, string | number> = { ...p.params };
  const name = typeof p.params.atName === 'string' ? p.params.atName : '';
  if (typeof p.params.at === 'string') {
    const [kind, n] = p.params.at.split(':');
    const at = t(kind === 'row' ? 'pop_at_row' : 'pop_at_feature', { n: n ?? '' });
    facts.at = name ? t('pop_at_named', { at, name }) : at;
  } else if (p.code === 'gridFeatureNotCount') {
    facts.atName = name ? t('pop_at_named', { at: '', name }) : '';
  }
  return t(`pop_e_${p.code}`, facts);
}

/** The reader's phase ("decoding" …) in the interface language; an unknown one as it came. */
export function progressText(phase: string, tr: PopulationTranslator): string {
  const key = `pop_progress_${phase}` as KeyOf<typeof populationStrings>;
  const text = tr.t(key);
  return text === key ? phase : text;
}
