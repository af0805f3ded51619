import { css } from '../../map/coverageColours';
import { BEYOND_RGBA, NETWORK_PICTURE_LAYERS, WALK_RGBA } from '../../network/networkPictures';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { networkStrings } from './strings';

const COLOURS = { walk: WALK_RGBA, beyond: BEYOND_RGBA } as const;

/** The layer panel's toggles for the network pictures, with their colours; shown while roads are loaded. */
export function NetworkLayerToggles() {
  const { t } = useT(networkStrings);
  const shown = useAppStore((s) => s.networkLayers);
  const toggle = useAppStore((s) => s.toggleNetworkLayer);
  const loaded = useAppStore((s) => s.network.summary !== null);
  if (!loaded) return null;
  return (
    <div className="network-layers" data-testid="network-layers">
      <h3>{t('net_layersTitle')}</h3>
      {NETWORK_PICTURE_LAYERS.map((layer) => (
        <label key={layer}>
          <input type="checkbox" data-testid={`layer-network-${layer}`} checked={shown[layer]} onChange={() => toggle(layer)} />
          <span className="swatch swatch-fill" style={{ background: css(COLOURS[layer]), borderColor: css(COLOURS[layer]) }} />
          {t(`net_layer_${layer}`)}
        </label>
      ))}
    </div>
  );
}
