import { PALETTE } from '../map/palette';
import { translate, type Lang, type MessageKey } from './i18n';

type Swatch = { key: MessageKey; kind: 'fill' | 'line' | 'dashed'; colour: string; border?: string };

const ITEMS: Swatch[] = [
  { key: 'legend_planDistrict', kind: 'fill', colour: PALETTE.planDistrictFill, border: PALETTE.planDistrictLine },
  { key: 'legend_otherDistrict', kind: 'fill', colour: PALETTE.cityLand, border: PALETTE.districtLine },
  { key: 'legend_outerRing', kind: 'fill', colour: 'rgba(91,155,213,0.25)', border: PALETTE.s20 },
  { key: 'legend_zoneExact', kind: 'fill', colour: 'rgba(125,60,152,0.2)', border: PALETTE.zone },
  { key: 'legend_zoneApprox', kind: 'dashed', colour: 'rgba(125,60,152,0.1)', border: PALETTE.zone },
  { key: 'legend_river', kind: 'line', colour: PALETTE.river },
  { key: 'legend_road', kind: 'line', colour: PALETTE.road },
  { key: 'legend_metro', kind: 'line', colour: '#e4002b' },
];

export function Legend({ lang }: { lang: Lang }) {
  return (
    <section className="panel legend" data-testid="legend">
      <h2>{translate(lang, 'legend')}</h2>
      <ul>
        {ITEMS.map((item) => (
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
