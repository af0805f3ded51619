import { LAYER_GROUPS, type LayerGroup, type LayerVisibility } from '../map/baseStyle';
import { translate, type Lang } from './i18n';

interface Props {
  lang: Lang;
  visibility: LayerVisibility;
  onToggle: (group: LayerGroup) => void;
}

export function LayerPanel({ lang, visibility, onToggle }: Props) {
  return (
    <section className="panel layer-panel">
      <h2>{translate(lang, 'layers')}</h2>
      <ul>
        {LAYER_GROUPS.map((group) => (
          <li key={group}>
            <label>
              <input
                type="checkbox"
                data-testid={`layer-${group}`}
                checked={visibility[group]}
                onChange={() => onToggle(group)}
              />
              {translate(lang, `layer_${group}`)}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
