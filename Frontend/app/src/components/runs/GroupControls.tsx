import { useMemo } from 'react';
import { useRunGroups } from '../../hooks/useRunGroups';
import { useDashboard } from '../../state/dashboardStore';
import { chosenColor, GROUP_BANDS, type GroupBand, type GroupBy } from '../../state/runView';
import { ChipRadioGroup } from '../ChipRadioGroup';
import { configKeys } from './runColumns';
import { RunColorInput } from './RunColorInput';

const BAND_LABEL: Record<GroupBand, string> = { std: 'mean ± std', minmax: 'min–max' };
const PATTERN = 'pattern';
const CONFIG = 'config:';

function selectValue(by: GroupBy): string {
  return by.kind === 'none' ? '' : by.kind === 'pattern' ? PATTERN : CONFIG + by.key;
}

/**
 * Grouping: by a config key or a name pattern; the band drawn around each group's mean; and per group its colour,
 * run count and whether it is drawn as its runs (expanded) or as mean and band.
 */
export function GroupControls() {
  const runs = useDashboard((s) => s.runs);
  const view = useDashboard((s) => s.view);
  const setView = useDashboard((s) => s.setView);
  const { groups, colors, notice } = useRunGroups();
  const keys = useMemo(() => configKeys(runs), [runs]);
  const by = view.groupBy;

  const choose = (value: string) => {
    if (value === '') setView({ groupBy: { kind: 'none' } });
    else if (value === PATTERN) setView({ groupBy: { kind: 'pattern', pattern: by.kind === 'pattern' ? by.pattern : '' } });
    else setView({ groupBy: { kind: 'config', key: value.slice(CONFIG.length) } });
  };
  const toggleExpanded = (key: string) =>
    setView({ expandedGroups: view.expandedGroups.includes(key) ? view.expandedGroups.filter((k) => k !== key) : [...view.expandedGroups, key] });
  const setGroupColor = (key: string, hex: string) => setView({ groupColors: { ...view.groupColors, [key]: hex } });
  const resetGroupColor = (key: string) => setView({ groupColors: Object.fromEntries(Object.entries(view.groupColors).filter(([k]) => k !== key)) });

  return (
    <div className="group-controls" data-testid="group-controls">
      <label className="option">
        <span>Group by</span>
        <select value={selectValue(by)} onChange={(e) => choose(e.target.value)} data-testid="group-by">
          <option value="">no grouping</option>
          <option value={PATTERN}>name pattern</option>
          {by.kind === 'config' && !keys.includes(by.key) && <option value={CONFIG + by.key}>config: {by.key}</option>}
          {keys.map((key) => (
            <option key={key} value={CONFIG + key}>
              config: {key}
            </option>
          ))}
        </select>
      </label>
      {by.kind === 'pattern' && (
        <input
          type="search"
          className="run-search"
          value={by.pattern}
          placeholder="(.*)-seed\d+"
          onChange={(e) => setView({ groupBy: { kind: 'pattern', pattern: e.target.value } })}
          aria-label="Group runs by name pattern (regular expression; the first capture group is the group)"
          data-testid="group-pattern"
        />
      )}
      {notice && (
        <span className="filter-notice" role="status" data-testid="group-pattern-notice">
          {notice}
        </span>
      )}
      {by.kind !== 'none' && (
        <>
          <ChipRadioGroup
            label="Group band"
            className="option"
            options={GROUP_BANDS}
            value={view.groupBand}
            optionLabel={(band) => BAND_LABEL[band]}
            optionTestId={(band) => `group-band-${band}`}
            onChange={(band) => setView({ groupBand: band })}
          />
          <ul className="group-list" aria-label="Groups">
            {Array.from(groups, ([key, ids]) => {
              const expanded = view.expandedGroups.includes(key);
              return (
                <li key={key} className="group-item" data-testid="group-item" data-group={key}>
                  <RunColorInput
                    id={key}
                    color={colors.get(key)!}
                    kind="group"
                    onChange={setGroupColor}
                    onReset={chosenColor(view.groupColors, key) ? resetGroupColor : undefined}
                  />
                  <span className="group-label">
                    {key} <span className="muted">({ids.length})</span>
                  </span>
                  <button
                    type="button"
                    className={`chip ${expanded ? 'on' : ''}`}
                    aria-pressed={expanded}
                    onClick={() => toggleExpanded(key)}
                    data-testid="group-expand"
                    data-group={key}
                    title={expanded ? 'Draw the group as its mean and band' : 'Draw the runs of the group'}
                  >
                    {expanded ? 'runs' : 'mean'}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
