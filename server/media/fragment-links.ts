import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { cycleDocName } from '../../shared/domain/access.ts';
import { canShowClient } from '../../shared/domain/consent.ts';
import { fragmentsOf, listFragments } from '../../shared/domain/cycle-doc/fragments.ts';
import { interviewFragmentsOf, listInterviewFragmentIds } from '../../shared/domain/cycle-doc/interview.ts';
import { interviewDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { TabSessions } from '../auth/tab-sessions.ts';
import { AppError } from '../plugins/errors.ts';
import type { FragmentLink, LinkFragment } from '../storage/fragment-links.ts';
import type { MediaRow } from '../storage/media.ts';
import type { EncryptedReader } from './format.ts';
import type { MoofBox } from './mp4-fragments.ts';
import { planSubset, type SubsetPlan } from './mp4-subset.ts';

/** An open response of a fragment link: cut when the link ends or the consent goes. */
interface LinkStream {
  linkId: string;
  cut(): void;
}

/** Plaintext copied per step from the recording into a fragment's file. */
const COPY_PIECE_BYTES = 1024 * 1024;

/** Top-level boxes read at most (a fragmented hour at one fragment a second has ~7,200). */
const MAX_TOP_LEVEL_BOXES = 50_000;
/** Index bytes read at most (`moov` and every `moof` together). */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** Top-level boxes of a file, by their headers only (the media data is never read). */
async function topLevelBoxes(read: (pos: number, len: number) => Promise<Buffer>, size: number): Promise<{ type: string; start: number; size: number }[]> {
  const boxes: { type: string; start: number; size: number }[] = [];
  let pos = 0;
  while (pos + 8 <= size && boxes.length < MAX_TOP_LEVEL_BOXES) {
    const h = await read(pos, Math.min(16, size - pos));
    let len = h.readUInt32BE(0);
    const headerSize = len === 1 ? 16 : 8;
    if (len === 1) len = Number(h.readBigUInt64BE(8));
    else if (len === 0) len = size - pos;
    if (len < headerSize) break;
    boxes.push({ type: h.toString('latin1', 4, 8), start: pos, size: len });
    pos += len;
  }
  return boxes;
}

/** What a recording's file needs to cut fragments from it: its `ftyp`, `moov` and any `moof`s. */
interface Movie {
  ftyp: Buffer | null;
  moov: Buffer;
  moofs: MoofBox[];
}

/**
 * Fragment links for the client interview (FRAGLINK-*): made by a researcher from the fragments
 * chosen in the interview document, exchanged by the client's browser for a tab session, and
 * streaming only files cut from those fragments (never the recording). Access ends when the link
 * expires, is ended by a researcher, the recording's `clientInterview` consent goes, or the cycle
 * is deleted; the files and their keys are erased then.
 */
export class FragmentLinks {
  private readonly streams = new Set<LinkStream>();
  /** Emits `cut` (the link id) whenever an open response of a link is cut. */
  readonly events = new EventEmitter();

  /** The client's tab sessions, exchanged for a link's secret (shared with the portal's). */
  readonly sessions: TabSessions;

  constructor(private readonly app: FastifyInstance) {
    this.sessions = new TabSessions(app.repos.tabSessions, 'fragment');
  }

  /** A session for one browser tab; it lasts as long as the link (hours, never days). */
  async openSession(link: FragmentLink): Promise<string> {
    return (await this.sessions.open(link.id, link.expiresAt)).token;
  }

  /** The link behind a tab's session token (ended links included: `allowed` decides). */
  async linkOfSession(token: unknown): Promise<FragmentLink | undefined> {
    const s = await this.sessions.resolve(token);
    return s ? await this.app.repos.fragmentLinks.get(s.subject) : undefined;
  }

  /**
   * The index of a ready MP4/MOV file (for a fragmented one also every `moof`, which hold its
   * sample tables), or null when it cannot be cut. Media data is never read here.
   */
  private async movieOf(reader: EncryptedReader, row: MediaRow): Promise<Movie | null> {
    if (row.container !== 'mp4' && row.container !== 'mov') return null;
    const top = await topLevelBoxes((p, l) => reader.read(p, l), row.size_bytes);
    const moov = top.find((b) => b.type === 'moov');
    const ftyp = top.find((b) => b.type === 'ftyp');
    const moofBoxes = top.filter((b) => b.type === 'moof');
    const indexBytes = moofBoxes.reduce((n, b) => n + b.size, moov?.size ?? 0);
    if (!moov || indexBytes > MAX_INDEX_BYTES) return null;
    const moofs: MoofBox[] = [];
    for (const b of moofBoxes) moofs.push({ start: b.start, bytes: await reader.read(b.start, b.size) });
    return { moov: await reader.read(moov.start, moov.size), ftyp: ftyp && ftyp.size <= 4096 ? await reader.read(ftyp.start, ftyp.size) : null, moofs };
  }

  /** Every fragment's recording still lets the client be shown it (consent, scan, not erased). */
  async allowed(link: FragmentLink, now = Date.now()): Promise<boolean> {
    if (link.endedAt !== null || link.expiresAt <= now) return false;
    const { repos, media } = this.app;
    if ((await repos.cycles.get(link.cycleId)) === undefined) return false;
    for (const f of link.fragments) {
      const rec = await repos.media.recording(f.recordingId);
      const row = await repos.media.media(f.mediaId);
      if (rec === undefined || row?.status !== 'ready' || !canShowClient(await media.consentState(rec)).allowed) return false;
    }
    return true;
  }

  /**
   * Makes a link from the fragments chosen in the interview document: each fragment is cut into a
   * file of its own (FRAGLINK-2), encrypted under a new key, before the link can be opened.
   */
  async create(cycleId: string, userId: string): Promise<{ link: FragmentLink; token: string }> {
    const { repos, collab, media, config } = this.app;
    const chosen = new Set(listInterviewFragmentIds(interviewFragmentsOf(await collab.readDoc(interviewDocName(cycleId)))));
    const fragments = listFragments(fragmentsOf(await collab.readDoc(cycleDocName(cycleId)))).filter((f) => chosen.has(f.id));
    if (fragments.length === 0) throw new AppError('fragment_link_empty');
    const videos: MediaRow[] = [];
    for (const r of await repos.media.recordingsOf(cycleId)) videos.push(...(await repos.media.mediaOf(r.id, 'video')).filter((m) => m.status === 'ready'));
    const out: LinkFragment[] = [];
    const plans: { row: MediaRow; plan: SubsetPlan }[] = [];
    const movies = new Map<string, Movie | null>();
    for (const f of fragments) {
      // A fragment made before fragments named their file belongs to the cycle's only file.
      const row = f.mediaId !== null ? videos.find((v) => v.id === f.mediaId) : videos.length === 1 ? videos[0] : undefined;
      if (!row) throw new AppError('fragment_link_empty');
      const rec = (await repos.media.recording(row.recording_id))!;
      const decision = canShowClient(await media.consentState(rec));
      if (!decision.allowed) throw new AppError(decision.reason === 'erased' ? 'media_erased' : decision.reason === 'scan_missing' ? 'consent_scan_missing' : 'consent_missing');
      if (!movies.has(row.id)) {
        const reader = await media.openReader(row);
        try {
          movies.set(row.id, await this.movieOf(reader, row).catch(() => null));
        } finally {
          await reader.close();
        }
      }
      const movie = movies.get(row.id)!;
      let plan: SubsetPlan | null = null;
      try {
        plan = movie ? planSubset(movie.ftyp, movie.moov, f.start, f.end, movie.moofs) : null;
      } catch {
        plan = null; // a damaged index: the fragment cannot be cut
      }
      if (!plan) throw new AppError('fragment_link_unsupported');
      plans.push({ row, plan });
      out.push({ mediaId: row.id, recordingId: rec.id, start: f.start, end: f.end, label: f.label });
    }
    const made = await repos.fragmentLinks.create({ cycleId, createdBy: userId, ttlMs: config.fragmentLinkMs, fragments: out });
    try {
      for (const [position, { row, plan }] of plans.entries()) await this.writeFile(made.link.id, position, row, plan);
    } catch (err) {
      // Nothing half-made stays: the link ends before anyone saw its secret, its files go.
      await repos.fragmentLinks.end(made.link.id, 'failed');
      await this.eraseFiles(made.link.id);
      throw err;
    }
    await repos.audit.record({
      actorId: userId,
      action: 'fragment_link_opened',
      cycleId,
      target: made.link.id,
      detail: { fragments: out.length, validMinutes: Math.round(config.fragmentLinkMs / 60_000) },
    });
    return made;
  }

  /** Cuts one fragment into its own encrypted file, copying only its samples from the recording. */
  private async writeFile(linkId: string, position: number, row: MediaRow, plan: SubsetPlan): Promise<void> {
    const { media, repos } = this.app;
    const reader = await media.openReader(row);
    try {
      const file = await media.derived.create(async (write) => {
        await write(plan.head);
        for (const piece of plan.pieces) {
          for (let at = 0; at < piece.length; at += COPY_PIECE_BYTES) {
            await write(await reader.read(piece.start + at, Math.min(COPY_PIECE_BYTES, piece.length - at)));
          }
        }
      });
      if (file.size !== plan.size) {
        media.derived.remove(file.id);
        throw new Error('fragment file size differs from its plan');
      }
      try {
        await repos.fragmentLinks.addFile(
          { id: file.id, link_id: linkId, position, key_id: file.keyId, size_bytes: file.size, mime: row.mime ?? 'video/mp4', file_start: plan.fileStart, file_end: plan.fileEnd },
          file.wrapped,
        );
      } catch (err) {
        // No row, no key: the bytes would be unreadable anyway, but nothing stays behind.
        media.derived.remove(file.id);
        throw err;
      }
    } finally {
      await reader.close();
    }
  }

  /**
   * Erases a link's files: key rows first (in one transaction, WAL truncated), then the bytes.
   * Emits `erased` (the link id) when there was something to erase.
   */
  async eraseFiles(linkId: string): Promise<number> {
    const ids = await this.app.repos.fragmentLinks.eraseFiles(linkId);
    for (const id of ids) this.app.media.derived.remove(id);
    if (ids.length > 0) this.events.emit('erased', linkId);
    return ids.length;
  }

  /**
   * Ends a link (a researcher, withdrawn consent, deletion, expiry), cuts its open responses and
   * erases its files with their keys.
   */
  async end(link: FragmentLink, reason: 'ended' | 'consent' | 'cycle_deleted' | 'expired', actorId: string | null): Promise<void> {
    if (await this.app.repos.fragmentLinks.end(link.id, reason)) {
      await this.app.repos.audit.record({ actorId, action: 'fragment_link_ended', cycleId: link.cycleId, target: link.id, detail: { reason } });
    }
    this.cut((s) => s.linkId === link.id);
    await this.sessions.endFor(link.id);
    await this.eraseFiles(link.id);
  }

  register(s: LinkStream): () => void {
    this.streams.add(s);
    return () => this.streams.delete(s);
  }

  cut(predicate: (s: LinkStream) => boolean): number {
    let n = 0;
    for (const s of [...this.streams]) {
      if (!predicate(s)) continue;
      this.streams.delete(s);
      s.cut();
      this.events.emit('cut', s.linkId);
      n++;
    }
    return n;
  }

  /**
   * Run every second with the session sweep: a link whose consent went is ended (withdrawal ends
   * it, for good), and open responses of links no longer allowed (expired too) are cut.
   */
  async recheck(now = Date.now()): Promise<void> {
    for (const link of await this.app.repos.fragmentLinks.live(now)) {
      if (!(await this.allowed(link, now))) await this.end(link, 'consent', null);
    }
    // Expired links (and any whose files outlived their end, e.g. a crash) lose their files.
    for (const linkId of await this.app.repos.fragmentLinks.overWithFiles(now)) {
      const link = await this.app.repos.fragmentLinks.get(linkId);
      if (link && link.endedAt === null) await this.end(link, 'expired', null);
      else await this.eraseFiles(linkId);
    }
    if (this.streams.size === 0) return;
    // Each open link's verdict is read first; the streams are then cut in one synchronous pass.
    const ok = new Map<string, boolean>();
    for (const s of [...this.streams]) {
      if (ok.has(s.linkId)) continue;
      const link = await this.app.repos.fragmentLinks.get(s.linkId);
      ok.set(s.linkId, link !== undefined && (await this.allowed(link, now)));
    }
    this.cut((s) => ok.get(s.linkId) === false);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    fragmentLinks: FragmentLinks;
  }
  interface FastifyRequest {
    /** Set by the access hook for `fragmentSession` routes: the link behind the tab's session. */
    fragmentLink: FragmentLink | null;
  }
}
