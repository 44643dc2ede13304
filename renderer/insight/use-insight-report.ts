/** Loads the "what changed" report of the open incident when asked, and reloads it when the incident or its events change. */
import { useCallback, useEffect, useState } from 'react';
import type { InsightReport } from '../../src/model/insight';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

/** The report of the current incident (null until loaded), whether it is loading, and a reload function. Nothing loads while `isEnabled` is false. */
export function useInsightReport(isEnabled: boolean): { report: InsightReport | null; isLoading: boolean; reload: () => Promise<void> } {
  const { store, client } = useApp();
  const incidentKey = useHindsight((s) => (s.incident === null ? null : `${s.incident.path}\u0000${s.incident.eventCount}`));
  const [loaded, setLoaded] = useState<{ key: string; report: InsightReport } | null>(null);

  const fetchFor = useCallback(
    async (key: string) => {
      try {
        const report = await client.api['insight.findings']({});
        setLoaded({ key, report });
      } catch (error) {
        store.getState().showError(errorSentence(error));
      }
    },
    [client, store],
  );

  useEffect(() => {
    if (!isEnabled || incidentKey === null) return;
    let isCurrent = true;
    client.api['insight.findings']({}).then(
      (report) => {
        if (isCurrent) setLoaded({ key: incidentKey, report });
      },
      (error: unknown) => store.getState().showError(errorSentence(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [isEnabled, incidentKey, client, store]);

  const reload = useCallback(async () => {
    if (incidentKey !== null) await fetchFor(incidentKey);
  }, [incidentKey, fetchFor]);

  const report = loaded !== null && loaded.key === incidentKey ? loaded.report : null;
  return { report, isLoading: isEnabled && report === null, reload };
}
