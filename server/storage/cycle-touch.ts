/**
 * "Laatst gewijzigd" of a cycle follows its content, cheaply: at most one cycles-row update per
 * cycle per window. The first change in a quiet cycle is written at once; later changes inside
 * the window are written once, at its end, with the time of the last one — so the list is never
 * more than a window behind and a busy reflectiegesprek costs one small write a minute.
 */
export class CycleTouches {
  private readonly lastWrite = new Map<string, number>();
  private readonly pending = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly write: (cycleId: string, at: number) => void, private readonly windowMs = 60_000) {}

  changed(cycleId: string, at = Date.now()): void {
    const waiting = this.pending.get(cycleId);
    if (waiting !== undefined) {
      waiting.at = at;
      return;
    }
    const last = this.lastWrite.get(cycleId);
    if (last === undefined || at - last >= this.windowMs) return this.flush(cycleId, at);
    const timer = setTimeout(() => {
      const p = this.pending.get(cycleId);
      this.pending.delete(cycleId);
      if (p !== undefined) this.flush(cycleId, p.at);
    }, last + this.windowMs - at);
    // Never keeps the process alive; a shutdown writes what is pending (`close`).
    timer.unref();
    this.pending.set(cycleId, { at, timer });
  }

  /** Writes every pending time now (graceful shutdown). */
  close(): void {
    for (const [cycleId, p] of this.pending) {
      clearTimeout(p.timer);
      this.flush(cycleId, p.at);
    }
    this.pending.clear();
  }

  private flush(cycleId: string, at: number): void {
    if (this.lastWrite.size > 10_000) this.lastWrite.clear();
    this.lastWrite.set(cycleId, at);
    this.write(cycleId, at);
  }
}
