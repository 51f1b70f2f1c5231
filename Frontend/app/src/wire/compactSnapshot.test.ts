import { describe, expect, it } from 'vitest';
import fixtureHex from '../test/compactSnapshot.fixture.hex?raw';
import { readCompactSnapshot } from './compactSnapshot';

/** Written by the server's own writer: tests/Shared.Tests/Wire/CompactSnapshotFixtureTests.cs checks these bytes. */
function fixture(): ArrayBuffer {
  const hex = fixtureHex.trim();
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes.buffer;
}

describe('readCompactSnapshot', () => {
  it('reads the runs and every column exactly as the server wrote them', () => {
    const snapshot = readCompactSnapshot(fixture());

    expect(snapshot.seq).toBe(4181);
    expect(snapshot.runs).toEqual([
      {
        run_id: 'run a/b,c%',
        source: 'clickhouse',
        start_time: '2026-11-22T23:49:58.536Z',
        last_event_time: '2026-11-22T23:50:00.536Z',
        latest_step: 9_007_199_254_740_991,
        is_active: true,
        series_count: 2,
      },
    ]);
    const [loss, lr] = snapshot.series;
    expect(loss).toMatchObject({
      runId: 'run a/b,c%',
      seriesId: 'loss_t1{host=node-3,rank=2,device=1}',
      metric: 'loss_t1',
      host: 'node-3',
      rank: 2,
      device: 1,
      op: 'replace',
      totalPoints: 48_213,
      bucketWidth: 32,
    });
    expect(Array.from(loss.steps)).toEqual([0, 45, 70, 9_007_199_254_740_991]);
    expect(Array.from(loss.times)).toEqual([1_795_391_398_536, 1_795_391_399_536, 1_795_391_300_000, 1_795_391_400_536]);
    expect(Array.from(loss.values)).toEqual([2.31, 2.1700000000000004, NaN, -0]);
    expect(Object.is(loss.values[3], -0)).toBe(true);
    expect(Array.from(loss.mins)).toEqual([2.29, 2.1700000000000004, NaN, -1e-300]);
    expect(Array.from(loss.maxs)).toEqual([2.4, 2.9, NaN, Infinity]);
    expect(Array.from(loss.nonFinite ?? [])).toEqual([0, 0, 3, 1]);
    expect(lr).toMatchObject({ seriesId: 'learning_rate', host: '', rank: 0, device: 65535, bucketWidth: 1, nonFinite: null });
    expect(Array.from(lr.steps)).toEqual([-2, -1, 0]);
    expect(Array.from(lr.times)).toEqual([1000, 2000, 3000]);
    expect(Array.from(lr.values)).toEqual([0.001, 0.0009, 5e-324]);
    expect(Array.from(lr.mins)).toEqual(Array.from(lr.values));
  });

  it('puts every column of every series in one buffer, so they cross from the worker in one transfer', () => {
    const { series } = readCompactSnapshot(fixture());

    const buffers = new Set(series.flatMap((s) => [s.steps, s.times, s.values, s.mins, s.maxs].map((c) => c.buffer)));
    expect(buffers.size).toBe(1);
  });

  it('throws on a snapshot that is cut short or is something else', () => {
    const whole = new Uint8Array(fixture());

    for (const length of [0, 3, 10, 300, whole.length - 1]) {
      expect(() => readCompactSnapshot(whole.slice(0, length).buffer)).toThrow();
    }
    expect(() => readCompactSnapshot(new TextEncoder().encode('{"seq":1}').buffer)).toThrow(/TDS1/);
  });
});
