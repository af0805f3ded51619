import { LAYER_GROUPS, type LayerGroup, type LayerVisibility } from '../map/baseStyle';
import { useT } from './i18n';
import { NetworkLayerToggles } from './network/NetworkLayerToggles';

interface Props {
  visibility: LayerVisibility;
  onToggle: (group: LayerGroup) => void;
}

export function LayerPanel({ visibility, onToggle }: Props) {
  const { t } = useT();
  return (
    <section className="panel layer-panel">
      <h2>{t('layers')}</h2>
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
              {t(`layer_${group}`)}
            </label>
          </li>
        ))}
      </ul>
      <NetworkLayerToggles />
    </section>
  );
}
