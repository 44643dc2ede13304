/** The alert region for errors and the status region for long-running work (with import progress). */
import { useShallow } from 'zustand/react/shallow';
import { useApp, useHindsight } from '../state/app-context';
import { ImportProgressBar } from './ImportProgressBar';

/** Always mounted so screen readers announce changes to either region. */
export function StatusBanner() {
  const { store } = useApp();
  const [errorMessage, busyLabel, cancelBusy, progress] = useHindsight(useShallow((s) => [s.errorMessage, s.busyLabel, s.cancelBusy, s.importProgress] as const));
  return (
    <div className="status-banner">
      <div role="alert" className={errorMessage === null ? 'alert alert-empty' : 'alert'}>
        {errorMessage !== null && (
          <>
            <span className="alert-text">{errorMessage}</span>
            <button type="button" className="alert-dismiss" onClick={() => store.getState().clearError()}>
              Dismiss
            </button>
          </>
        )}
      </div>
      <div role="status" className={busyLabel === null ? 'busy busy-idle' : 'busy'} aria-live="polite">
        {busyLabel !== null && (
          <>
            <span className="spinner" aria-hidden="true" />
            <span>{busyLabel}…</span>
            {progress !== null && <ImportProgressBar progress={progress} />}
            {cancelBusy !== null && progress === null && (
              <button type="button" onClick={cancelBusy}>
                Cancel upload
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
