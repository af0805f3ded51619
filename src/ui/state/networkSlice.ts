/**
 * Walking distance on the street network, in the app's store: the road file in use (loading,
 * loaded, refused, kept in the browser), the network worker's latest answer (figures beside the
 * straight line's, the pictures' tiles), the hover's route, the two map layers' toggles, and the
 * commands the network feed (src/ui/network/NetworkFeed.tsx) offers the panels. Written by the
 * feed's worker callbacks; read by the roads panel, the coverage panel's comparison, the layer
 * panel, the map and the tooltip.
 */
import type { CoverageBreakdown } from '../../domain/coverageResults';
import type { TravelMode } from '../../network/graph';
import type { NetworkPictureLayer } from '../../network/networkPictures';
import type { RoadFileProblem } from '../../network/roads';
import type { PictureTile } from '../../coverage/picture';
import type { NetworkHover, NetworkPhase, ProposalReach, RoadSummary } from '../../worker/networkProtocol';
import type { Crs } from '../../io/crs';

/** Where the roads in use came from: a file the user gave, the shipped demonstration, or the browser's copy of either at start-up. */
export type RoadsSource = 'file' | 'demo' | 'kept';

export interface RoadsError {
  /** The reader's problem code; `storage` when the browser could not keep or give back the file; `worker` when the worker failed. */
  problem: RoadFileProblem | 'storage' | 'worker' | 'fetch';
  fileName: string;
  /** The reader's message (it names the file and what is wrong). */
  message: string;
}

export interface NetworkState {
  status: 'none' | 'loading' | 'ready';
  /** Reading progress while loading. */
  progress: { phase: NetworkPhase; fraction: number } | null;
  /** The roads in use (kept while another file loads or is refused). */
  summary: RoadSummary | null;
  snapM: number;
  source: RoadsSource | null;
  /** Kept in the browser: a reload reads it again. */
  kept: boolean;
  error: RoadsError | null;
  /** The latest answer: network figures and the ground the network reaches (null without roads). */
  breakdown: CoverageBreakdown | null;
  reached: CoverageBreakdown | null;
  /** The coverage layer's service-radius targets' land shares by network distance (by target id), and the compared scenario's; null: not measured. */
  targets: Record<string, number> | null;
  compareTargets: Record<string, number> | null;
  /** The compared scenario's breakdown by network distance (null: none compared, or no roads). */
  compareBreakdown: CoverageBreakdown | null;
  /** The coverage layer the answer measured. */
  viewId: string | null;
  /** True while a change has been sent and not answered. */
  pending: boolean;
  /** The pictures' tiles with something to show, by `${layer}:${tile id}`. */
  tiles: ReadonlyMap<string, { layer: NetworkPictureLayer; tile: PictureTile; image: ImageData }>;
  /** The pointer's route (null: none asked, or the pointer left). */
  hover: NetworkHover | null;
}

export const INITIAL_NETWORK: NetworkState = {
  status: 'none',
  progress: null,
  summary: null,
  snapM: 200,
  source: null,
  kept: false,
  error: null,
  breakdown: null,
  reached: null,
  targets: null,
  compareTargets: null,
  compareBreakdown: null,
  viewId: null,
  pending: false,
  tiles: new Map(),
  hover: null,
};

/** What the panels may ask of the network feed. */
export interface NetworkCommands {
  /** Reads a road file (picker or drop) and keeps it in the browser once it is read. */
  loadFile: (file: Blob, fileName: string) => void;
  /** Loads the shipped People's Square extract from the app's own origin. */
  loadDemo: () => void;
  /** Forgets the roads (and the browser's copy): back to the straight line only. */
  remove: () => void;
  /** Asks for the route from the ground under (lon, lat); the answer lands in `network.hover`. */
  route: (lon: number, lat: number) => void;
  clearHover: () => void;
  /** What proposed sites add in a district, by straight line and on the network (null without roads or rule). */
  proposal: (sites: ReadonlyArray<{ lon: number; lat: number }>, adcode: string) => Promise<ProposalReach | null>;
}

export interface NetworkSettings {
  mode: TravelMode;
  snapM: number;
  /** The road file's coordinate system; 'auto': the file's `crs` member or a name hint, else WGS-84. */
  crs: Crs | 'auto';
}

export interface NetworkSlice {
  network: NetworkState;
  updateNetwork: (f: (state: NetworkState) => NetworkState) => void;
  /** Travel mode and snap distance for the next read (a change re-reads the roads in use). */
  networkSettings: NetworkSettings;
  setNetworkSettings: (settings: NetworkSettings) => void;
  /** The two map layers (layer panel). */
  networkLayers: Readonly<Record<NetworkPictureLayer, boolean>>;
  toggleNetworkLayer: (layer: NetworkPictureLayer) => void;
  /** Set by the network feed once its worker runs; null before. */
  networkCommands: NetworkCommands | null;
  setNetworkCommands: (commands: NetworkCommands | null) => void;
  /** District and zone names for the comparison table (from the geodata, set by the feed). */
  areaNames: ReadonlyMap<string, { zh: string; en: string }>;
  setAreaNames: (names: ReadonlyMap<string, { zh: string; en: string }>) => void;
}

type Set = (partial: Partial<NetworkSlice> | ((s: NetworkSlice) => Partial<NetworkSlice>)) => void;

export function createNetworkSlice(set: Set): NetworkSlice {
  return {
    network: INITIAL_NETWORK,
    updateNetwork: (f) => set((s) => ({ network: f(s.network) })),
    networkSettings: { mode: 'walk', snapM: 200, crs: 'auto' },
    setNetworkSettings: (networkSettings) => set({ networkSettings }),
    networkLayers: { walk: true, beyond: true },
    toggleNetworkLayer: (layer) => set((s) => ({ networkLayers: { ...s.networkLayers, [layer]: !s.networkLayers[layer] } })),
    networkCommands: null,
    setNetworkCommands: (networkCommands) => set({ networkCommands }),
    areaNames: new Map(),
    setAreaNames: (areaNames) => set({ areaNames }),
  };
}
