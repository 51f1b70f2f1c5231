import { useEffect, useState } from 'react';
import { fetchMilestones, type Milestone } from '../../api/milestones';
import { seriesStore } from '../../data/seriesStore';

/** New data of a run asks for its milestones again at most this often. */
const REFRESH_MS = 5000;

/** A run whose milestones cannot be read is asked again this many times, then left without. */
const MAX_ATTEMPTS = 5;

/** The latest milestone: the highest step, the later time breaking a tie. */
export function latestMilestone(milestones: readonly Milestone[]): Milestone | null {
  let latest: Milestone | null = null;
  for (const m of milestones) {
    if (!latest || m.step > latest.step || (m.step === latest.step && Date.parse(m.time) > Date.parse(latest.time))) latest = m;
  }
  return latest;
}

/**
 * The named milestones of each run, from `/milestones/{run}`: fetched for the runs shown, and again for a run
 * when the stream says it moved (coalesced). A run without milestones (404), or a server without the endpoint,
 * has none.
 */
export function useMilestones(runIds: readonly string[]): ReadonlyMap<string, Milestone[]> {
  const [milestones, setMilestones] = useState<ReadonlyMap<string, Milestone[]>>(new Map());
  // Keyed by content: the caller builds a new list on every render.
  const key = [...runIds].sort().join('\n');

  useEffect(() => {
    const runs = key ? key.split('\n') : [];
    const abort = new AbortController();
    const pending = new Set<string>();
    const failures = new Map<string, number>();
    let timer: number | undefined;
    const schedule = () => {
      timer ??= window.setTimeout(() => {
        timer = undefined;
        const ids = Array.from(pending);
        pending.clear();
        load(ids);
      }, REFRESH_MS);
    };
    const load = (ids: Iterable<string>) => {
      for (const runId of ids) {
        fetchMilestones(runId, abort.signal)
          .then((answer) => {
            failures.delete(runId);
            return answer.milestones ?? [];
          })
          .catch(() => {
            // A run the stream shows before StreamApi's run list has it answers 404 for a moment: ask again, a few times.
            const failed = (failures.get(runId) ?? 0) + 1;
            failures.set(runId, failed);
            if (failed < MAX_ATTEMPTS && !abort.signal.aborted) {
              pending.add(runId);
              schedule();
            }
            return [] as Milestone[];
          })
          .then((list) => {
            if (abort.signal.aborted) return;
            setMilestones((before) => new Map(before).set(runId, list));
          });
      }
    };
    load(runs);
    const off = seriesStore.subscribeChanges((moved) => {
      for (const runId of runs) if (moved.has(runId)) pending.add(runId);
      if (pending.size > 0) schedule();
    });
    return () => {
      off();
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [key]);

  return milestones;
}
