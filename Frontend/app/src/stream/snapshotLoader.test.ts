import { describe, expect, it } from 'vitest';
import fixtureHex from '../test/compactSnapshot.fixture.hex?raw';
import { COMPACT_SNAPSHOT_TYPE } from '../wire/compactSnapshot';
import { CompactSnapshotUnavailable, createSnapshotLoader, snapshotUrl } from './snapshotLoader';

const fixture = () => Uint8Array.from(fixtureHex.trim().match(/../g)!.map((byte) => parseInt(byte, 16)));

function answering(status: number, body: BodyInit | null, type = COMPACT_SNAPSHOT_TYPE) {
  const asked: { url: string; init?: RequestInit }[] = [];
  const fetcher = (async (url: string, init?: RequestInit) => {
    asked.push({ url, init });
    return new Response(body, { status, headers: type ? { 'Content-Type': type } : {} });
  }) as typeof fetch;
  return { asked, load: createSnapshotLoader('/snapshot', fetcher) };
}

describe('snapshotLoader', () => {
  it('asks for the same metric prefixes as the stream', () => {
    expect(snapshotUrl('/snapshot', ['loss', 'Loss/'])).toBe('/snapshot?metrics=loss&metrics=Loss%2F');
    expect(snapshotUrl('/snapshot', null)).toBe('/snapshot');
  });

  it('reads what the server sent', async () => {
    const { asked, load } = answering(200, fixture());

    const snapshot = await load(['loss']);

    expect(asked[0].url).toBe('/snapshot?metrics=loss');
    expect(snapshot.seq).toBe(4181);
    expect(snapshot.series).toHaveLength(2);
    expect(snapshot.bytes).toBe(fixture().length);
  });

  it('says the compact snapshot is unavailable when the server does not know it or answers something else', async () => {
    await expect(answering(404, 'not found', 'text/plain').load(null)).rejects.toBeInstanceOf(CompactSnapshotUnavailable);
    await expect(answering(200, '<html></html>', 'text/html').load(null)).rejects.toBeInstanceOf(CompactSnapshotUnavailable);
    await expect(answering(200, new Uint8Array([1, 2, 3])).load(null)).rejects.toBeInstanceOf(CompactSnapshotUnavailable);
  });

  it('fails plainly (to be retried) when the server is in trouble', async () => {
    const error = await answering(503, 'down', 'text/plain').load(null).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CompactSnapshotUnavailable);
  });
});
