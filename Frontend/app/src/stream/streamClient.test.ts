import { describe, expect, it } from 'vitest';
import { streamClientHarness } from '../test/streamClientHarness';
import { runMeta, wireSeries } from '../test/wireFactory';
import type { StreamOutput } from './messages';

function harness() {
  const h = streamClientHarness();
  const data = () => h.outputs.filter((o) => o.kind === 'snapshot' || o.kind === 'delta' || o.kind === 'runs_meta');
  return { ...h, data };
}

const snapshot = (seq: number) => ({ seq, type: 'snapshot', runs: [runMeta('r1')], series: [wireSeries('r1', 'loss', [0, 1])] });
const delta = (seq: number) => ({ seq, type: 'delta', published_ms: 1, series: [{ ...wireSeries('r1', 'loss', [2]), op: 'tail', from_step: 2 }] });

describe('StreamClient', () => {
  it('forwards a snapshot, then deltas in order, and reports live', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().send('snapshot', snapshot(7));
    h.last().send('delta', delta(8));
    h.last().send('runs_meta', { seq: 9, type: 'runs_meta', runs: [runMeta('r1')] });

    expect(h.data().map((o) => o.kind)).toEqual(['snapshot', 'delta', 'runs_meta']);
    const first = h.data()[0] as Extract<StreamOutput, { kind: 'snapshot' }>;
    expect(first.series[0].values).toBeInstanceOf(Float64Array);
    expect(h.status().status.state).toBe('live');
    expect(h.sources[0].url).toBe('/stream');
  });

  it('asks for a fresh snapshot without resuming when a sequence number is skipped', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().send('snapshot', snapshot(7));
    h.last().send('delta', delta(9));

    expect(h.sources[0].closed).toBe(true);
    expect(h.data().map((o) => o.kind)).toEqual(['snapshot']);
    h.runTimer();
    expect(h.sources).toHaveLength(2);
    expect(h.last().url).toBe('/stream');
    expect(h.outputs.some((o) => o.kind === 'activity' && o.entry.message.startsWith('Sequence gap: expected 8, got 9'))).toBe(true);
  });

  it('ignores a delta that arrives before any snapshot and resynchronises', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().send('delta', delta(3));

    expect(h.data()).toHaveLength(0);
    expect(h.sources[0].closed).toBe(true);
  });

  it('resumes after the last applied event with last_event_id when the connection drops', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().send('snapshot', snapshot(7));
    h.last().send('delta', delta(8));
    h.last().fail();

    expect(h.status().status.state).toBe('connecting');
    expect(h.status().status.retryAt).toBeGreaterThan(1_000_000);
    h.runTimer();
    expect(h.last().url).toBe('/stream?last_event_id=8');
    h.last().open();
    h.last().send('delta', delta(9));
    expect(h.data().map((o) => o.seq)).toEqual([7, 8, 9]);
  });

  it('backs off exponentially and says disconnected after repeated failures', () => {
    const h = harness();
    h.client.start();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.last().fail(2);
      delays.push(h.timers.at(-1)!.ms);
      h.runTimer();
    }

    // random() = 0.5 puts each delay at three quarters of 1 s, 2 s, 4 s, 8 s.
    expect(delays).toEqual([750, 1500, 3000, 6000]);
    h.last().fail(2);
    expect(h.status().status.state).toBe('disconnected');
    expect(h.status().status.attempt).toBe(5);
  });

  it('resynchronises on an event that is not JSON', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().send('snapshot', snapshot(1));
    h.last().send('delta', '{"seq":2,');

    expect(h.sources[0].closed).toBe(true);
    expect(h.outputs.some((o) => o.kind === 'activity' && o.entry.level === 'error')).toBe(true);
  });

  it('asks for the open tab first, then switches to the full stream after that snapshot', () => {
    const h = harness();
    h.client.start(['loss', 'Loss/']);

    expect(h.last().url).toBe('/stream?metrics=loss&metrics=Loss%2F');
    h.last().open();
    h.last().send('snapshot', snapshot(5));

    expect(h.sources[0].closed).toBe(true);
    expect(h.sources).toHaveLength(2);
    expect(h.last().url).toBe('/stream');
    const first = h.data()[0] as Extract<StreamOutput, { kind: 'snapshot' }>;
    expect(first.partial).toBe(true);
    h.last().open();
    h.last().send('snapshot', snapshot(9));
    h.last().send('delta', delta(10));
    expect(h.data().map((o) => o.seq)).toEqual([5, 9, 10]);
    expect((h.data()[1] as Extract<StreamOutput, { kind: 'snapshot' }>).partial).toBe(false);
  });

  it('drops the open-tab filter when that first connection fails', () => {
    const h = harness();
    h.client.start(['loss']);
    h.last().fail(2);
    h.runTimer();
    expect(h.last().url).toBe('/stream');
  });

  it('reconnects, resuming, when a live stream has been silent longer than the server ever is', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().send('snapshot', snapshot(7));
    h.advance(60_000);
    h.client.checkStale();
    expect(h.sources).toHaveLength(1);

    h.advance(31_000);
    h.client.checkStale();

    expect(h.sources[0].closed).toBe(true);
    expect(h.last().url).toBe('/stream?last_event_id=7');
  });

  it('reads the non-finite spellings of the protocol as numbers', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().send('snapshot', { seq: 1, type: 'snapshot', runs: [], series: [wireSeries('r1', 'loss', [0, 1, 2], (s) => ['NaN', 'Infinity', '-Infinity'][s])] });

    const out = h.data()[0] as Extract<StreamOutput, { kind: 'snapshot' }>;
    expect(Array.from(out.series[0].values)).toEqual([NaN, Infinity, -Infinity]);
  });
});
