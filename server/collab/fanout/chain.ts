/** One committed entry of a document as fan-out carries it: its seq, its predecessor's, and its
 * bytes (null when this process already holds them: its own commits). */
export interface ChainLink {
  readonly prevSeq: number;
  readonly seq: number;
  readonly update: Uint8Array | null;
}

/** Links held while waiting for a missing predecessor; beyond this a catch-up from the database
 * replaces them (it reads everything anyway). */
const maxAhead = 10_000;

/**
 * Which committed entries of one document a process's room holds (SCALE-3). Appends of a document
 * are serialised in the database, so its entries form one chain (each names the seq before it).
 * `last` is the highest seq such that everything up to it is in the room; a link whose
 * predecessor is not `last` waits in `ahead` until the gap is filled by pub/sub (messages from
 * two processes may arrive out of commit order) or by a catch-up from the database.
 *
 * Compaction never goes beyond `last`: everything it deletes is in the snapshot it writes.
 */
export class SeqChain {
  private readonly ahead = new Map<number, ChainLink>();

  constructor(public last: number) {}

  /** Whether some link is waiting for a predecessor this process has not seen. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** Takes a link; returns the updates that are now contiguous, in order, to apply. */
  offer(link: ChainLink): Uint8Array[] {
    if (link.seq <= this.last) return [];
    if (link.prevSeq !== this.last) {
      if (this.ahead.size >= maxAhead) this.ahead.clear();
      this.ahead.set(link.prevSeq, link);
      return [];
    }
    return this.follow(link);
  }

  /**
   * A catch-up read every entry up to `seq` into the room: forget what it covered and return the
   * waiting links that now follow on, in order.
   */
  advanceTo(seq: number): Uint8Array[] {
    if (seq > this.last) this.last = seq;
    for (const [prev, link] of this.ahead) if (link.seq <= this.last) this.ahead.delete(prev);
    const next = this.ahead.get(this.last);
    return next ? this.follow(next) : [];
  }

  private follow(first: ChainLink): Uint8Array[] {
    const out: Uint8Array[] = [];
    let link: ChainLink | undefined = first;
    while (link) {
      this.ahead.delete(link.prevSeq);
      if (link.update) out.push(link.update);
      this.last = link.seq;
      link = this.ahead.get(this.last);
    }
    return out;
  }
}
