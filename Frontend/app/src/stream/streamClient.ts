import type { ColumnsMessage } from '../data/seriesColumns';
import { formatBytes } from '../format/format';
import { toColumnsBatch, transferablesOf } from '../wire/toColumns';
import type { WireMessage } from '../wire/types';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff';
import type { ActivityLevel, ConnectionStatus, StreamOutput } from './messages';
import { Sequencer } from './sequencer';
import { CompactSnapshotUnavailable, describeLoaded, type LoadedSnapshot, type SnapshotLoader } from './snapshotLoader';

/** The part of EventSource the client uses, so tests can drive it. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface StreamClientDeps {
  createEventSource(url: string): EventSourceLike;
  emit(output: StreamOutput, transfer?: ArrayBuffer[]): void;
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  random(): number;
  isOnline(): boolean;
  /** Loads compact snapshots (GET /snapshot); without it every snapshot comes from the stream. */
  loadSnapshot?: SnapshotLoader;
}

const CLOSED = 2;
/** After this many failures in a row the status says "disconnected" rather than "connecting". */
const FAILURES_BEFORE_DISCONNECTED = 3;
const EVENT_TYPES = ['snapshot', 'delta', 'runs_meta'] as const;
/**
 * The server sends runs_meta at least every 30 s, but EventSource hides the heartbeats, so a connection that died
 * without a word (a NAT or proxy dropping it) would look live forever. Silence this long means reconnect.
 */
export const STALE_AFTER_MS = 90_000;

/**
 * The SSE client: one EventSource at a time, sequence checking, and its own reconnect with exponential backoff
 * and jitter. EventSource's built-in retry has neither, so on any error the client closes the source and opens a
 * new one itself, resuming after the last applied event with `?last_event_id=` (a new EventSource cannot be given
 * the Last-Event-ID header). A gap in the sequence drops the state and asks for a fresh snapshot.
 */
export class StreamClient {
  private readonly sequencer = new Sequencer();
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private failures = 0;
  private stopped = true;
  private status: ConnectionStatus = { state: 'disconnected', attempt: 0 };
  /** While set, the next snapshot comes filtered to these metric prefixes and is followed by the full stream. */
  private focus: string[] | null = null;
  private lastEventAt = 0;
  /** Cleared once the server shows it has no compact snapshot: the stream's own snapshots serve from then on. */
  private compact = true;
  /** Bumped whenever the connection is closed, so a snapshot that arrives for an abandoned attempt is dropped. */
  private attempt = 0;
  /** Set while opening the stream right behind a loaded snapshot (not a reconnect). */
  private continuing = false;

  constructor(
    private readonly url: string,
    private readonly deps: StreamClientDeps,
    private readonly backoff: BackoffOptions = defaultBackoff,
  ) {}

  /**
   * Starts streaming. With `focus`, the first connection asks only for those metric prefixes (a snapshot small
   * enough to paint the open tab at once); as soon as it has arrived, the client switches to the full stream,
   * whose snapshot then replaces it.
   */
  start(focus: string[] | null = null): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.focus = focus && focus.length > 0 ? focus : null;
    this.open(false);
  }

  stop(): void {
    this.stopped = true;
    this.closeSource();
    this.clearTimer();
    this.setStatus({ state: 'disconnected', attempt: this.failures, retryAt: undefined, detail: 'stopped' });
  }

  /** Reconnect at once (the user asked, or the browser came back online). */
  reconnectNow(): void {
    if (this.stopped) return;
    this.clearTimer();
    this.closeSource();
    this.open(this.sequencer.lastSeq !== null);
  }

  /** Called periodically by the host: reconnects (resuming) a stream that has been silent too long. */
  checkStale(): void {
    if (this.stopped || this.status.state !== 'live' || this.source === null) return;
    const silent = this.deps.now() - this.lastEventAt;
    if (silent < STALE_AFTER_MS) return;
    this.log('warn', `No event for ${Math.round(silent / 1000)} s; the connection is presumed dead, reconnecting`);
    this.reconnectNow();
  }

  wentOffline(): void {
    if (this.stopped) return;
    this.log('warn', 'The browser is offline; waiting for the network to come back');
    this.closeSource();
    this.clearTimer();
    this.setStatus({ state: 'disconnected', attempt: this.failures, retryAt: undefined, detail: 'offline' });
  }

  private open(resume: boolean): void {
    this.timer = null;
    if (!resume && this.compact && this.deps.loadSnapshot) {
      void this.loadThenStream(this.deps.loadSnapshot);
      return;
    }
    const lastSeq = this.sequencer.lastSeq;
    let url = resume && lastSeq !== null ? withQuery(this.url, 'last_event_id', String(lastSeq)) : this.url;
    if (this.focus) url = this.focus.reduce((u, prefix) => withQuery(u, 'metrics', prefix), this.url);
    if (!resume) this.sequencer.reset();
    this.setStatus({ state: this.failures >= FAILURES_BEFORE_DISCONNECTED ? 'disconnected' : 'connecting', attempt: this.failures, retryAt: undefined, detail: undefined });
    this.log('info', this.focus ? 'Connecting for the open tab first'
      : resume && lastSeq !== null ? (this.continuing ? `Streaming the events after ${lastSeq}` : `Reconnecting, resuming after event ${lastSeq}`)
      : 'Connecting to the stream');
    this.continuing = false;

    let source: EventSourceLike;
    try {
      source = this.deps.createEventSource(url);
    } catch (error) {
      this.fail(`cannot open the stream: ${String(error)}`);
      return;
    }
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.lastEventAt = this.deps.now();
      this.log('info', 'Stream open');
      this.setStatus({ state: 'live', attempt: 0, retryAt: undefined, detail: undefined });
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.fail(source.readyState === CLOSED ? 'the server refused or ended the stream' : 'the connection dropped');
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        if (this.source === source) this.receive(type, event.data);
      });
    }
  }

  /**
   * The open tab's compact snapshot (when there is a focus), then everyone's, then the stream resuming after the
   * latter's seq: what the page paints first is a few megabytes the browser decompresses, not tens of JSON. A server
   * without compact snapshots is left to send its own; a failed load is retried like a dropped connection.
   */
  private async loadThenStream(load: SnapshotLoader): Promise<void> {
    const attempt = ++this.attempt;
    this.sequencer.reset();
    this.setStatus({ state: this.failures >= FAILURES_BEFORE_DISCONNECTED ? 'disconnected' : 'connecting', attempt: this.failures, retryAt: undefined, detail: undefined });
    try {
      if (this.focus) {
        this.log('info', 'Loading the open tab first');
        const first = await load(this.focus);
        if (attempt !== this.attempt) return;
        this.forwardLoaded(first, true);
        this.focus = null;
      }
      const all = await load(null);
      if (attempt !== this.attempt) return;
      this.forwardLoaded(all, false);
      this.sequencer.judge('snapshot', all.seq);
      this.continuing = true;
      this.open(true);
    } catch (error) {
      if (attempt !== this.attempt) return;
      if (error instanceof CompactSnapshotUnavailable) {
        this.compact = false;
        this.log('info', `No compact snapshot (${error.message}); taking snapshots from the stream`);
        this.open(false);
        return;
      }
      this.fail(`cannot load the snapshot: ${String(error)}`);
    }
  }

  private forwardLoaded(snapshot: LoadedSnapshot, partial: boolean): void {
    this.lastEventAt = this.deps.now();
    this.deps.emit({ kind: 'snapshot', seq: snapshot.seq, runs: snapshot.runs, series: snapshot.series, bytes: snapshot.bytes, readMs: snapshot.readMs, partial }, transferablesOf(snapshot.series));
    this.log('info', describeLoaded(snapshot, partial));
  }

  private receive(eventType: string, data: string): void {
    this.lastEventAt = this.deps.now();
    let message: WireMessage;
    const parseStart = this.deps.now();
    try {
      message = JSON.parse(data) as WireMessage;
    } catch {
      this.log('error', `A ${eventType} event is not valid JSON (${data.length} bytes); resynchronising`);
      this.resync();
      return;
    }
    const type = message.type ?? eventType;
    const verdict = this.sequencer.judge(type, message.seq);
    if (verdict === 'duplicate') {
      this.log('warn', `Event ${message.seq} was already applied; ignored`);
      return;
    }
    if (verdict === 'gap') {
      this.log('warn', `Sequence gap: expected ${(this.sequencer.lastSeq ?? -1) + 1}, got ${message.seq} (${type}); asking for a fresh snapshot`);
      this.resync();
      return;
    }
    this.failures = 0;
    const now = this.deps.now();
    if (this.status.state !== 'live' || this.status.attempt !== 0) {
      this.setStatus({ state: 'live', attempt: 0, retryAt: undefined, detail: undefined, lastEventAt: now, lastSeq: message.seq });
    } else {
      this.status = { ...this.status, lastEventAt: now, lastSeq: message.seq };
    }
    try {
      this.forward(message, data.length, parseStart);
      if (this.focus && message.type === 'snapshot') {
        // The open tab is painted; now the whole picture.
        this.focus = null;
        this.closeSource();
        this.open(false);
      }
    } catch (error) {
      this.log('error', `Event ${message.seq} (${type}) could not be read: ${String(error)}; resynchronising`);
      this.resync();
    }
  }

  private forward(message: WireMessage, bytes: number, parseStart: number): void {
    switch (message.type) {
      case 'snapshot': {
        const series = toColumnsBatch(message.series ?? [], 'replace');
        const readMs = this.deps.now() - parseStart;
        this.deps.emit({ kind: 'snapshot', seq: message.seq, runs: message.runs ?? [], series, bytes, readMs, partial: this.focus !== null }, transferablesOf(series));
        this.log('info', `${this.focus ? 'Open tab snapshot' : 'Snapshot'} ${message.seq}: ${message.runs?.length ?? 0} runs, ${series.length} series, ${formatBytes(bytes)}, read in ${readMs} ms`);
        break;
      }
      case 'delta': {
        const series: ColumnsMessage[] = toColumnsBatch(message.series ?? [], 'replace');
        this.deps.emit({ kind: 'delta', seq: message.seq, publishedMs: message.published_ms, series }, transferablesOf(series));
        break;
      }
      case 'runs_meta':
        this.deps.emit({ kind: 'runs_meta', seq: message.seq, publishedMs: message.published_ms, runs: message.runs ?? [] });
        break;
    }
  }

  /** Drop what we hold and reconnect for a fresh snapshot. */
  private resync(): void {
    this.sequencer.reset();
    this.closeSource();
    this.failures++;
    this.schedule(this.failures <= 1 ? 0 : backoffDelay(this.failures - 1, this.deps.random, this.backoff), false);
  }

  private fail(reason: string): void {
    this.closeSource();
    // A server that refuses the filter still serves the full stream.
    this.focus = null;
    if (this.stopped) return;
    if (!this.deps.isOnline()) {
      this.wentOffline();
      return;
    }
    const delay = backoffDelay(this.failures, this.deps.random, this.backoff);
    this.failures++;
    this.log('warn', `Stream lost: ${reason}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${this.failures})`);
    this.schedule(delay, this.sequencer.lastSeq !== null);
  }

  private schedule(delay: number, resume: boolean): void {
    this.clearTimer();
    const retryAt = this.deps.now() + delay;
    this.setStatus({
      state: this.failures >= FAILURES_BEFORE_DISCONNECTED ? 'disconnected' : 'connecting',
      attempt: this.failures,
      retryAt,
      detail: undefined,
    });
    this.timer = this.deps.setTimer(() => this.open(resume), delay);
  }

  private closeSource(): void {
    this.attempt++;
    if (this.source) {
      this.source.onopen = null;
      this.source.onerror = null;
      this.source.close();
      this.source = null;
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      this.deps.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private setStatus(change: Partial<ConnectionStatus>): void {
    this.status = { ...this.status, ...change };
    this.deps.emit({ kind: 'status', status: this.status });
  }

  private log(level: ActivityLevel, message: string): void {
    this.deps.emit({ kind: 'activity', entry: { time: this.deps.now(), level, message } });
  }
}

export function withQuery(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}
