/**
 * The provenance of a deployer's published dataset (src/io/publishedData.ts) under its title: date,
 * source and licence as the deployer stated them in published/index.json. Nothing for other scenarios.
 */
import type { ScenarioMeta } from '../domain/scenarioFile';
import { useT } from './i18n';

export function PublishedNote({ meta }: { meta: ScenarioMeta | null | undefined }) {
  const { t } = useT();
  const p = meta?.published;
  if (!p) return null;
  return (
    <p className="muted published-note" data-testid="published-note" data-published-id={p.id}>
      <span className="approx-badge published-badge">{t('publishedData')}</span> {t('publishedLine', { date: p.date, source: p.source, licence: p.licence })}
    </p>
  );
}
