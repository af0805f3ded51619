import { useT } from './i18n';
import { BASE_LEGEND_ITEMS } from './legendItems';

export function Legend() {
  const { t } = useT();
  return (
    <section className="panel legend" data-testid="legend">
      <h2>{t('legend')}</h2>
      <ul>
        {BASE_LEGEND_ITEMS.map((item) => (
          <li key={item.key}>
            <span
              className={`swatch swatch-${item.kind}`}
              style={
                item.kind === 'line'
                  ? { background: item.colour }
                  : { background: item.colour, borderColor: item.border }
              }
            />
            {t(item.key, item.vars)}
          </li>
        ))}
      </ul>
      <p className="hint">{t('clickHint')}</p>
    </section>
  );
}
