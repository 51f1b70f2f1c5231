import { useDashboard } from '../state/dashboardStore';
import { RANGE_IDS, type RangeId } from '../state/viewState';
import { ChipRadioGroup } from './ChipRadioGroup';
import { ConnectionStatus } from './ConnectionStatus';
import { EmptyGuidance } from './EmptyGuidance';
import { LastUpdate } from './LastUpdate';

const RANGE_LABEL: Record<RangeId, string> = { '1h': '1h', '6h': '6h', '24h': '24h', '7d': '7d', all: 'All (live)' };

export function Header({ onReconnect }: { onReconnect: () => void }) {
  const title = useDashboard((s) => s.title);
  const range = useDashboard((s) => s.view.range);
  const theme = useDashboard((s) => s.view.theme);
  const setView = useDashboard((s) => s.setView);
  return (
    <>
      <header className="app-header">
        <h1 className="app-title" data-testid="app-title">
          {title}
        </h1>
        <ChipRadioGroup
          label="Time range"
          className="timeline"
          testId="timeline"
          options={RANGE_IDS}
          value={range}
          optionLabel={(id) => RANGE_LABEL[id]}
          optionTestId={(id) => `timeline-${id}`}
          onChange={(id) => setView({ range: id })}
        />
        <div className="header-end">
          <ConnectionStatus onReconnect={onReconnect} />
          <LastUpdate />
          <button
            type="button"
            className="chip"
            data-testid="theme-toggle"
            onClick={() => setView({ theme: theme === 'dark' ? 'light' : 'dark' })}
            title="Switch between dark and light theme"
          >
            {theme === 'dark' ? 'Light' : 'Dark'}
          </button>
        </div>
      </header>
      <EmptyGuidance />
    </>
  );
}
