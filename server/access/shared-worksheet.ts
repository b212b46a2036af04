import type { FastifyInstance } from 'fastify';
import { coreReflectionOf, readCoreReflection, type CoreAnswerView } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { docKeys, layerDocName, parseCycleDocName, parseLayerDocName, sharedWorksheetDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { asWorksheet, readWorksheet, worksheetOf } from '../../shared/domain/cycle-doc/worksheet.ts';
import type { PartId } from '../../shared/access/rules.ts';

/**
 * The live shared werkblad (SELF-4). A werkblad and the core-question reflection live in their
 * author's private layer, whose socket stays the author's alone. The members the author shares
 * them with get a live copy instead: after every committed change of those two parts of the
 * author's layer (the collaboration server's `onCommitted`, so the change is already durable and
 * relayed to the author), the server writes the two parts, and nothing else of the layer, into a
 * document of their own, `cycle:<id>:werkblad:<author>`. That document goes through the same
 * pipeline as every other (persisted before it is relayed); readers open it read-only (no role
 * may write it: `sharedWorksheet` in the rule table), and the socket is decided on the server
 * from the grants in `worksheet_shares` (`cycleAuthorise`). Without a reader the copy is emptied
 * and compacted, so it holds no text nobody may read.
 */

/** The parts of a layer the copy holds: everything else in it (private observations) never travels. */
const copiedParts: ReadonlySet<string> = new Set<PartId>(['worksheet', 'coreReflection']);

/** Changes within this window are copied together: typing is one copy per window, not per key. */
export const sharedWorksheetDelayMs = 150;

export interface SharedWorksheetView {
  worksheet: ReturnType<typeof asWorksheet> & { entries: { seen: { mediaId: string | null }[] }[] };
  coreReflection: CoreAnswerView[];
}

export class SharedWorksheets {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Cycles being deleted: their copies are never written again. */
  private readonly deleted = new Set<string>();
  private closed = false;

  constructor(
    private readonly app: FastifyInstance,
    private readonly delayMs = sharedWorksheetDelayMs,
  ) {}

  /** The collaboration server committed these changes (`onCommitted`): copy the werkbladen that changed. */
  committed(changes: readonly { docName: string; parts: readonly string[] }[]): void {
    for (const change of changes) {
      if (!change.parts.some((p) => copiedParts.has(p))) continue;
      const layer = parseLayerDocName(change.docName);
      if (layer) this.schedule(layer.cycleId, layer.userId);
    }
  }

  /** The two parts as they are now in the author's layer (durable state; no room is opened). */
  async read(cycleId: string, authorId: string): Promise<SharedWorksheetView> {
    const doc = await this.app.collab.readDoc(layerDocName(cycleId, authorId));
    try {
      const view = readWorksheet(worksheetOf(doc));
      const worksheet = asWorksheet(view);
      // Sightings keep the recording they are on, so the reader's list names it (TIMECODE-1).
      const entries = worksheet.entries.map((e, i) => ({ ...e, seen: e.seen.map((s, j) => ({ ...s, mediaId: view.entries[i]?.seen[j]?.mediaId ?? null })) }));
      return { worksheet: { ...worksheet, entries }, coreReflection: readCoreReflection(coreReflectionOf(doc)) };
    } finally {
      doc.destroy();
    }
  }

  /**
   * Makes the copy equal to the author's layer now, and returns it. Without anyone to read it
   * (no grant, the author left, the cycle was deleted) the copy is emptied instead, and never
   * created: a deleted cycle gets no document back.
   */
  async refresh(cycleId: string, authorId: string): Promise<SharedWorksheetView> {
    const view = await this.read(cycleId, authorId);
    if (this.deleted.has(cycleId)) return view;
    const name = sharedWorksheetDocName(cycleId, authorId);
    const { repos } = this.app;
    if (!await repos.cycles.get(cycleId) || (await repos.worksheetShares.viewersOf(cycleId, authorId)).length === 0) {
      await this.clear(name);
      return view;
    }
    const json = JSON.stringify(view);
    await this.app.collab.withDoc(name, (doc) => {
      // Checked inside the write: the deletion may have started while the layer was read.
      if (this.deleted.has(cycleId)) return;
      const map = doc.getMap<string>(docKeys.sharedWorksheet);
      if (map.get('view') !== json) map.set('view', json);
    });
    return view;
  }

  /**
   * Grants changed (shares replaced, a member left): every socket on a copy in this cycle whose
   * reader no longer has a grant closes now, and copies are brought up to date (or emptied).
   */
  async grantsChanged(cycleId: string, authorIds: readonly string[]): Promise<void> {
    const { repos } = this.app;
    // Grants are read first, then the sockets without one are closed in one synchronous pass.
    const refused = new Set<number>();
    for (const conn of this.app.collab.connections()) {
      const doc = parseCycleDocName(conn.docName);
      if (doc?.kind !== 'werkblad' || doc.cycleId !== cycleId || conn.identity.userId === null) continue;
      if (!(await repos.worksheetShares.mayRead(cycleId, doc.layerOwnerId ?? '', conn.identity.userId))) refused.add(conn.id);
    }
    this.app.collab.disconnectWhere((conn) => refused.has(conn.id), 'forbidden');
    for (const authorId of authorIds) await this.refresh(cycleId, authorId);
  }

  /** The cycle is being deleted (DELETE-1): pending copies are dropped and none is written again. */
  cycleDeleted(cycleId: string): void {
    this.deleted.add(cycleId);
    for (const [key, timer] of this.timers) {
      if (!key.startsWith(`${cycleId}\u0000`)) continue;
      clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  /** Stops pending copies (app shutdown). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(cycleId: string, authorId: string): void {
    const key = `${cycleId}\u0000${authorId}`;
    if (this.closed || this.deleted.has(cycleId) || this.timers.has(key)) return;
    // One copy per window, read when it fires: it holds every change committed until then.
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (this.closed) return;
      this.refresh(cycleId, authorId).catch((err: unknown) => this.app.log.warn({ err, cycleId }, 'shared werkblad: copy failed'));
    }, this.delayMs);
    this.timers.set(key, timer);
  }

  /** Empties a copy that exists (and compacts it, so its stored history drops the text too). */
  private async clear(name: string): Promise<void> {
    const current = await this.app.collab.readDoc(name);
    const had = current.getMap(docKeys.sharedWorksheet).has('view');
    current.destroy();
    if (!had) return;
    await this.app.collab.withDoc(name, (doc) => doc.getMap(docKeys.sharedWorksheet).delete('view'));
    await this.app.collab.compactNow(name);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The live copies of shared werkbladen (SELF-4). */
    sharedWorksheets: SharedWorksheets;
  }
}
