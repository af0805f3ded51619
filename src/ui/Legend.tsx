import { translate, type Lang } from './i18n';
import { BASE_LEGEND_ITEMS } from './legendItems';

export function Legend({ lang }: { lang: Lang }) {
  return (
    <section className="panel legend" data-testid="legend">
      <h2>{translate(lang, 'legend')}</h2>
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
            {translate(lang, item.key)}
          </li>
        ))}
      </ul>
      <p className="hint">{translate(lang, 'clickHint')}</p>
    </section>
  );
}
