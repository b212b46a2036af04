import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { cycleDocName } from '../../shared/domain/access.ts';
import { canShowClient } from '../../shared/domain/consent.ts';
import { fragmentsOf, listFragments } from '../../shared/domain/cycle-doc/fragments.ts';
import { interviewFragmentsOf, listInterviewFragmentIds } from '../../shared/domain/cycle-doc/interview.ts';
import { interviewDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { AppError } from '../plugins/errors.ts';
import type { FragmentLink, LinkFragment } from '../storage/fragment-links.ts';
import type { MediaRow } from '../storage/media.ts';
import { byteSpanOf, mergeSpans, mp4Index, type ByteSpan, type Mp4Index } from './mp4-index.ts';

/** An open response of a fragment link: cut when the link ends or the consent goes. */
interface LinkStream {
  linkId: string;
  cut(): void;
}

/** Top-level boxes of a file, by their headers only (the media data is never read). */
async function topLevelBoxes(read: (pos: number, len: number) => Promise<Buffer>, size: number): Promise<{ type: string; start: number; size: number; headerSize: number }[]> {
  const boxes: { type: string; start: number; size: number; headerSize: number }[] = [];
  let pos = 0;
  while (pos + 8 <= size && boxes.length < 1_024) {
    const h = await read(pos, 16);
    let len = h.readUInt32BE(0);
    const headerSize = len === 1 ? 16 : 8;
    if (len === 1) len = Number(h.readBigUInt64BE(8));
    else if (len === 0) len = size - pos;
    if (len < headerSize) break;
    boxes.push({ type: h.toString('latin1', 4, 8), start: pos, size: len, headerSize });
    pos += len;
  }
  return boxes;
}

/**
 * Fragment links for the client interview (FRAGLINK-*): made by a researcher from the fragments
 * chosen in the interview document, exchanged by the client's browser for a tab session, and
 * streaming only the byte spans of those fragments. Access ends when the link expires, is ended
 * by a researcher, the recording's `clientInterview` consent goes, or the cycle is deleted.
 */
export class FragmentLinks {
  private readonly streams = new Set<LinkStream>();
  /** Emits `cut` (the link id) whenever an open response of a link is cut. */
  readonly events = new EventEmitter();

  constructor(private readonly app: FastifyInstance) {}

  /** The media index of a ready MP4/MOV file, or null when it cannot be mapped. */
  private async indexOf(row: MediaRow): Promise<Mp4Index | null> {
    if (row.container !== 'mp4' && row.container !== 'mov') return null;
    const reader = await this.app.media.openReader(row);
    try {
      const top = await topLevelBoxes((p, l) => reader.read(p, l), row.size_bytes);
      const moov = top.find((b) => b.type === 'moov');
      if (!moov) return null;
      return mp4Index(top, await reader.read(moov.start, moov.size));
    } catch {
      return null;
    } finally {
      await reader.close();
    }
  }

  /** Every fragment's recording still lets the client be shown it (consent, scan, not erased). */
  allowed(link: FragmentLink, now = Date.now()): boolean {
    if (link.endedAt !== null || link.expiresAt <= now) return false;
    const { repos, media } = this.app;
    if (repos.cycles.get(link.cycleId) === undefined) return false;
    return link.fragments.every((f) => {
      const rec = repos.media.recording(f.recordingId);
      const row = repos.media.media(f.mediaId);
      return rec !== undefined && row?.status === 'ready' && canShowClient(media.consentState(rec)).allowed;
    });
  }

  /** Makes a link from the fragments chosen in the interview document. */
  async create(cycleId: string, userId: string): Promise<{ link: FragmentLink; token: string }> {
    const { repos, collab, media, config } = this.app;
    const chosen = new Set(listInterviewFragmentIds(interviewFragmentsOf(await collab.readDoc(interviewDocName(cycleId)))));
    const fragments = listFragments(fragmentsOf(await collab.readDoc(cycleDocName(cycleId)))).filter((f) => chosen.has(f.id));
    if (fragments.length === 0) throw new AppError('fragment_link_empty');
    const videos = repos.media.recordingsOf(cycleId).flatMap((r) => repos.media.mediaOf(r.id, 'video').filter((m) => m.status === 'ready'));
    const indexes = new Map<string, Mp4Index | null>();
    const out: LinkFragment[] = [];
    for (const f of fragments) {
      // A fragment made before fragments named their file belongs to the cycle's only file.
      const row = f.mediaId !== null ? videos.find((v) => v.id === f.mediaId) : videos.length === 1 ? videos[0] : undefined;
      if (!row) throw new AppError('fragment_link_empty');
      const rec = repos.media.recording(row.recording_id)!;
      const decision = canShowClient(media.consentState(rec));
      if (!decision.allowed) throw new AppError(decision.reason === 'erased' ? 'media_erased' : decision.reason === 'scan_missing' ? 'consent_scan_missing' : 'consent_missing');
      if (!indexes.has(row.id)) indexes.set(row.id, await this.indexOf(row));
      const index = indexes.get(row.id)!;
      const span: ByteSpan | null = index ? byteSpanOf(index, f.start, f.end) : null;
      if (!index || !span) throw new AppError('fragment_link_unsupported');
      out.push({ mediaId: row.id, recordingId: rec.id, start: f.start, end: f.end, label: f.label, spans: mergeSpans([...index.indexSpans, span]) });
    }
    const made = repos.fragmentLinks.create({ cycleId, createdBy: userId, ttlMs: config.fragmentLinkMs, fragments: out });
    repos.audit.record({
      actorId: userId,
      action: 'fragment_link_opened',
      cycleId,
      target: made.link.id,
      detail: { fragments: out.length, validMinutes: Math.round(config.fragmentLinkMs / 60_000) },
    });
    return made;
  }

  /** Ends a link (a researcher, withdrawn consent, deletion) and cuts its open responses. */
  end(link: FragmentLink, reason: 'ended' | 'consent' | 'cycle_deleted', actorId: string | null): void {
    if (this.app.repos.fragmentLinks.end(link.id, reason)) {
      this.app.repos.audit.record({ actorId, action: 'fragment_link_ended', cycleId: link.cycleId, target: link.id, detail: { reason } });
    }
    this.cut((s) => s.linkId === link.id);
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
  recheck(now = Date.now()): void {
    for (const link of this.app.repos.fragmentLinks.live(now)) {
      if (!this.allowed(link, now)) this.end(link, 'consent', null);
    }
    if (this.streams.size === 0) return;
    const ok = new Map<string, boolean>();
    this.cut((s) => {
      if (!ok.has(s.linkId)) {
        const link = this.app.repos.fragmentLinks.get(s.linkId);
        ok.set(s.linkId, link !== undefined && this.allowed(link, now));
      }
      return !ok.get(s.linkId);
    });
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
