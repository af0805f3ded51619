/** Starting and cancelling a run, and what it is doing: progress by phase, the exact solver's incumbent, cancelled, failed. */
import { useT } from '../i18n';
import { optimizerStrings } from './strings';
import type { Optimizer } from './useOptimizer';

export function RunControls({ optimizer, canRun, onRun }: { optimizer: Optimizer; canRun: boolean; onRun: () => void }) {
  const { t, num } = useT(optimizerStrings);
  const { state } = optimizer;
  const progress = state.progress;
  return (
    <>
      <div className="opt-actions">
        <button type="button" data-testid="opt-run" disabled={!canRun} onClick={onRun}>
          {t('opt_run')}
        </button>
        {state.status === 'running' ? (
          <button type="button" data-testid="opt-cancel" onClick={optimizer.cancel}>
            {t('opt_cancel')}
          </button>
        ) : null}
      </div>
      {state.status === 'running' ? (
        <div className="opt-progress" data-testid="opt-progress">
          <progress max={1} value={progress?.fraction ?? 0} />
          <span className="muted">
            {progress ? t(`opt_phase_${progress.phase}`) : t('opt_phase_grid')}
            {progress?.exact && progress.exact.primal !== null ? ` · ${t('opt_incumbent')} ${num(progress.exact.primal, 0)}` : ''}
          </span>
        </div>
      ) : null}
      {state.status === 'cancelled' ? <p className="muted" data-testid="opt-cancelled">{t('opt_cancelled')}</p> : null}
      {state.status === 'error' ? (
        <p className="opt-warning" data-testid="opt-error">
          {t('opt_error')}: {state.error}
        </p>
      ) : null}
    </>
  );
}
