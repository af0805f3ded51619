import { useEffect, useRef, useState } from 'react';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { Site } from '../../domain/site';
import { resolveSharedScenario, type ShareError } from '../../share/urlState';
import { useT } from '../i18n';
import { shareStrings } from './strings';
import { reloadOnPastedLink, type StartupLink } from './startupLink';
import type { ViewAdjustment } from '../../map/viewLimits';

interface ScenarioContent {
  meta: ScenarioMeta | null;
  sites: readonly Site[];
}

interface Input {
  /** The share link the page was opened with (read once at start: src/ui/state/startup.ts). */
  link: StartupLink;
  /** True once the user's saved scenarios (or the first-start sample) are in place. */
  ready: boolean;
  /** The bundled sample, which a link made from an edited sample is applied to. */
  sample: ScenarioContent | null;
  /**
   * Opens the link's scenario as a NEW scenario (never over the one the user was editing, which
   * autosave would then overwrite). In the app: the scenario library's `create`.
   */
  open: (name: string, content: ScenarioContent) => void;
}

export type SharedScenarioNotice =
  | { kind: 'opened'; name: string; sites: number; adjusted: ViewAdjustment | null }
  | { kind: 'error'; error: ShareError }
  | null;

/** Longest name given to the opened scenario (the library allows 80 characters; shorter reads better in its list). */
const MAX_NAME = 48;

/**
 * Opens the scenario of the share link the page was opened with, once the user's own scenarios
 * are loaded, as a new named scenario; reports what happened (or why the link could not be used).
 */
export function useSharedLinkScenario({ link: startup, ready, sample, open }: Input): { notice: SharedScenarioNotice; dismiss: () => void } {
  const { t, pick } = useT(shareStrings);
  const [notice, setNotice] = useState<SharedScenarioNotice>(startup.error ? { kind: 'error', error: startup.error } : null);
  const done = useRef(false);
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    const link = startup.state;
    if (!ready || done.current || !link) return;
    done.current = true;
    const resolved = resolveSharedScenario(link.scenario, sample);
    if (!resolved.ok) {
      setNotice({ kind: 'error', error: resolved.error });
      return;
    }
    const { meta, sites } = resolved.scenario;
    const label = meta ? pick(meta.name_zh, meta.name_en) : `${sites.length}`;
    const full = `${t('shr_sharedName')} · ${label}`;
    const name = full.length > MAX_NAME ? `${full.slice(0, MAX_NAME - 1)}…` : full;
    openRef.current(name, { meta, sites });
    setNotice({ kind: 'opened', name, sites: sites.length, adjusted: startup.adjusted });
  }, [startup, ready, sample, t, pick]);

  useEffect(() => reloadOnPastedLink(), []);

  return { notice, dismiss: () => setNotice(null) };
}
