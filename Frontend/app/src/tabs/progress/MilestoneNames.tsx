import type { Milestone } from '../../api/milestones';
import { formatStep, formatTime } from '../../format/format';
import { latestMilestone } from './useMilestones';

/** A run's latest milestone by name, and all of them (newest first) in a details row that opens by click or keyboard. */
export function MilestoneNames({ milestones }: { milestones: readonly Milestone[] | undefined }) {
  const latest = milestones ? latestMilestone(milestones) : null;
  if (!milestones || !latest) return null;
  const list = [...milestones].sort((a, b) => b.step - a.step || Date.parse(b.time) - Date.parse(a.time));
  const describe = (m: Milestone) => `${m.name} (step ${formatStep(m.step)}, ${formatTime(Date.parse(m.time))})`;
  return (
    <details className="milestone-names" data-testid="milestone-list">
      <summary title={list.map(describe).join('\n')}>
        <span className="milestone-name" data-testid="milestone-name">
          {latest.name}
        </span>
        {list.length > 1 && <span className="muted"> · {list.length} milestones</span>}
      </summary>
      <ol>
        {list.map((m) => (
          <li key={`${m.metric}|${m.step}|${m.time}|${m.name}`} data-testid="milestone-entry" data-step={m.step}>
            {describe(m)}
          </li>
        ))}
      </ol>
    </details>
  );
}
