/** What to do with a message, judged by its sequence number against the last one applied. */
export type SequenceVerdict = 'apply' | 'duplicate' | 'gap';

/**
 * Keeps the stream's order: a snapshot always applies and resets the count; any other message applies only if
 * it is exactly the next one. A repeat is dropped (nothing is applied twice); a jump means something was missed,
 * and the state is no longer the truth until a fresh snapshot arrives.
 */
export class Sequencer {
  private last: number | null = null;

  get lastSeq(): number | null {
    return this.last;
  }

  judge(type: string, seq: number): SequenceVerdict {
    if (!Number.isSafeInteger(seq)) return 'gap';
    if (type === 'snapshot') {
      this.last = seq;
      return 'apply';
    }
    if (this.last === null) return 'gap';
    if (seq <= this.last) return 'duplicate';
    if (seq !== this.last + 1) return 'gap';
    this.last = seq;
    return 'apply';
  }

  /** Forget everything: the next message must be a snapshot. */
  reset(): void {
    this.last = null;
  }
}
