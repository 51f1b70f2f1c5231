import { useEffect, useState } from 'react';
import { useDashboard } from '../state/dashboardStore';
import { CONFIGURATION_DOC, isUnconfigured, SOURCE_SETTINGS, type SourceHealth } from './emptyGuidance';

/**
 * With no run and no source configured, says which setting gives the ingestor something to read, instead of
 * leaving an operator with "No runs in this time range yet". Asks `/api/health` when the page has no run.
 */
export function EmptyGuidance() {
  const noRuns = useDashboard((s) => s.runs.length === 0);
  const [health, setHealth] = useState<SourceHealth | null>(null);

  useEffect(() => {
    if (!noRuns) return;
    const abort = new AbortController();
    // Read whatever the status code: the body says whether a source is configured.
    fetch('/api/health', { signal: abort.signal, headers: { Accept: 'application/json' } })
      .then((response) => response.json() as Promise<SourceHealth>)
      .then(setHealth)
      // No answer, or not JSON: nothing to say yet.
      .catch(() => !abort.signal.aborted && setHealth(null));
    return () => abort.abort();
  }, [noRuns]);

  if (!noRuns || !isUnconfigured(health)) return null;
  return (
    <section className="empty-guidance" data-testid="empty-guidance" role="status">
      <h2>No data source is configured</h2>
      <p>The ingestor has nothing to read. Give it at least one source, as an environment variable, and restart it:</p>
      <ul>
        {SOURCE_SETTINGS.map((s) => (
          <li key={s.name} data-setting={s.name}>
            <code>{s.name}</code> for {s.what}, e.g. <code>{s.example}</code>
          </li>
        ))}
      </ul>
      <p>
        Every setting, with its default, is described in <code>{CONFIGURATION_DOC}</code> in the dashboard's repository.
      </p>
    </section>
  );
}
