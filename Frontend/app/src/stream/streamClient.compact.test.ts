import { describe, expect, it } from 'vitest';
import { streamClientHarness } from '../test/streamClientHarness';
import { runMeta, wireSeries } from '../test/wireFactory';
import { toColumnsBatch } from '../wire/toColumns';
import type { StreamOutput } from './messages';
import { CompactSnapshotUnavailable, type LoadedSnapshot } from './snapshotLoader';

interface PendingLoad {
  focus: string[] | null;
  resolve(snapshot: LoadedSnapshot): void;
  reject(error: Error): void;
}

/** A client whose compact snapshots the test hands over, one load at a time. */
function harness() {
  const loads: PendingLoad[] = [];
  const h = streamClientHarness((focus) => new Promise<LoadedSnapshot>((resolve, reject) => loads.push({ focus, resolve, reject })));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const snapshots = () => h.outputs.filter((o): o is Extract<StreamOutput, { kind: 'snapshot' }> => o.kind === 'snapshot');
  const data = () => h.outputs.filter((o) => o.kind === 'snapshot' || o.kind === 'delta');
  return { ...h, loads, settle, snapshots, data };
}

const loaded = (seq: number, metric = 'loss'): LoadedSnapshot => ({
  seq,
  runs: [runMeta('r1')],
  series: toColumnsBatch([wireSeries('r1', metric, [0, 1])], 'replace'),
  bytes: 1000,
  readMs: 3,
});
const delta = (seq: number) => ({ seq, type: 'delta', published_ms: 1, series: [{ ...wireSeries('r1', 'loss', [2]), op: 'tail', from_step: 2 }] });

describe('StreamClient with compact snapshots', () => {
  it('loads the open tab, then everything, then streams the events after the full snapshot', async () => {
    const h = harness();
    h.client.start(['loss', 'Loss/']);

    expect(h.loads.map((l) => l.focus)).toEqual([['loss', 'Loss/']]);
    expect(h.sources).toHaveLength(0);
    h.loads[0].resolve(loaded(5));
    await h.settle();
    expect(h.loads[1].focus).toBeNull();
    h.loads[1].resolve(loaded(9));
    await h.settle();

    expect(h.snapshots().map((s) => [s.seq, s.partial])).toEqual([[5, true], [9, false]]);
    expect(h.last().url).toBe('/stream?last_event_id=9');
    h.last().open();
    h.last().send('delta', delta(10));
    expect(h.data().map((o) => o.seq)).toEqual([5, 9, 10]);
    expect(h.outputs.some((o) => o.kind === 'activity' && /^Snapshot 9: .* compact, read in 3 ms$/.test(o.entry.message))).toBe(true);
  });

  it('takes snapshots from the stream, now and later, when the server has no compact snapshot', async () => {
    const h = harness();
    h.client.start(['loss']);
    h.loads[0].reject(new CompactSnapshotUnavailable('GET /snapshot answered 404'));
    await h.settle();

    expect(h.last().url).toBe('/stream?metrics=loss');
    h.last().open();
    h.last().send('snapshot', { seq: 4, type: 'snapshot', runs: [], series: [] });
    expect(h.last().url).toBe('/stream');
    h.last().open();
    h.last().send('snapshot', { seq: 6, type: 'snapshot', runs: [], series: [] });
    h.last().send('delta', delta(8));
    h.runTimer();

    expect(h.loads).toHaveLength(1);
    expect(h.last().url).toBe('/stream');
  });

  it('loads a fresh compact snapshot when the stream skips a sequence number', async () => {
    const h = harness();
    h.client.start();
    h.loads[0].resolve(loaded(9));
    await h.settle();
    h.last().open();
    h.last().send('delta', delta(11));

    expect(h.last().closed).toBe(true);
    h.runTimer();
    expect(h.loads).toHaveLength(2);
    h.loads[1].resolve(loaded(12));
    await h.settle();
    expect(h.last().url).toBe('/stream?last_event_id=12');
    expect(h.snapshots().map((s) => s.seq)).toEqual([9, 12]);
  });

  it('retries a load that failed like a dropped connection, with backoff', async () => {
    const h = harness();
    h.client.start();
    h.loads[0].reject(new Error('network'));
    await h.settle();

    expect(h.status().status.state).toBe('connecting');
    expect(h.sources).toHaveLength(0);
    h.runTimer();
    expect(h.loads).toHaveLength(2);
    h.loads[1].resolve(loaded(3));
    await h.settle();
    expect(h.last().url).toBe('/stream?last_event_id=3');
  });

  it('drops a snapshot that arrives after the client was stopped', async () => {
    const h = harness();
    h.client.start(['loss']);
    h.client.stop();
    h.loads[0].resolve(loaded(5));
    await h.settle();

    expect(h.snapshots()).toHaveLength(0);
    expect(h.loads).toHaveLength(1);
    expect(h.sources).toHaveLength(0);
  });

  it('resumes the stream after a drop without loading another snapshot', async () => {
    const h = harness();
    h.client.start();
    h.loads[0].resolve(loaded(9));
    await h.settle();
    h.last().open();
    h.last().send('delta', delta(10));
    h.last().fail();
    h.runTimer();

    expect(h.loads).toHaveLength(1);
    expect(h.last().url).toBe('/stream?last_event_id=10');
  });
});
