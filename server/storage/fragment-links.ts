import type { Database, Statement } from 'better-sqlite3';
import type { ByteSpan } from '../media/mp4-index.ts';
import { hashToken, newId, randomToken } from './ids.ts';

/** One fragment a link shows: which file, which seconds, and the bytes of the file it may read. */
export interface LinkFragment {
  mediaId: string;
  recordingId: string;
  start: number;
  end: number;
  label: string;
  /** The file's bytes this fragment may read (index boxes and the fragment's media data). */
  spans: ByteSpan[];
}

export interface FragmentLinkRow {
  id: string;
  cycle_id: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
  ended_reason: string | null;
  fragments: string;
}

export interface FragmentLink {
  id: string;
  cycleId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
  fragments: LinkFragment[];
}

const toLink = (r: FragmentLinkRow): FragmentLink => ({
  id: r.id,
  cycleId: r.cycle_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  endedAt: r.ended_at,
  fragments: JSON.parse(r.fragments) as LinkFragment[],
});

/** Fragment links for the client interview and the tab sessions they were exchanged for (FRAGLINK-*). */
export class FragmentLinksRepo {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p(
        `INSERT INTO fragment_links (id, cycle_id, token_hash, created_by, created_at, expires_at, fragments)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      byToken: p('SELECT * FROM fragment_links WHERE token_hash = ?'),
      byId: p('SELECT * FROM fragment_links WHERE id = ?'),
      ofCycle: p('SELECT * FROM fragment_links WHERE cycle_id = ? ORDER BY created_at DESC'),
      live: p('SELECT * FROM fragment_links WHERE ended_at IS NULL AND expires_at > ?'),
      end: p('UPDATE fragment_links SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL'),
      insertSession: p('INSERT INTO fragment_link_sessions (token_hash, link_id, created_at) VALUES (?, ?, ?)'),
      session: p('SELECT l.* FROM fragment_link_sessions s JOIN fragment_links l ON l.id = s.link_id WHERE s.token_hash = ?'),
    };
  }

  /** Stores a new link; returns it with its secret (only ever here, never stored). */
  create(input: { cycleId: string; createdBy: string; ttlMs: number; fragments: LinkFragment[] }): { link: FragmentLink; token: string } {
    const id = newId();
    const token = randomToken();
    const now = Date.now();
    this.s.insert!.run(id, input.cycleId, hashToken(token), input.createdBy, now, now + input.ttlMs, JSON.stringify(input.fragments));
    return { link: this.get(id)!, token };
  }

  get(id: string): FragmentLink | undefined {
    const row = this.s.byId!.get(id) as FragmentLinkRow | undefined;
    return row ? toLink(row) : undefined;
  }

  byToken(token: string): FragmentLink | undefined {
    const row = this.s.byToken!.get(hashToken(token)) as FragmentLinkRow | undefined;
    return row ? toLink(row) : undefined;
  }

  ofCycle(cycleId: string): FragmentLink[] {
    return (this.s.ofCycle!.all(cycleId) as FragmentLinkRow[]).map(toLink);
  }

  /** Links neither ended nor expired (the re-check walks these). */
  live(now = Date.now()): FragmentLink[] {
    return (this.s.live!.all(now) as FragmentLinkRow[]).map(toLink);
  }

  /** Ends a link; false when it had already ended. */
  end(id: string, reason: string): boolean {
    return this.s.end!.run(Date.now(), reason, id).changes === 1;
  }

  /** A session token for one browser tab, exchanged for the link's secret. */
  newSession(linkId: string): string {
    const token = randomToken();
    this.s.insertSession!.run(hashToken(token), linkId, Date.now());
    return token;
  }

  /** The link behind a tab's session token (ended or expired links included: the caller decides). */
  linkOfSession(token: string): FragmentLink | undefined {
    const row = this.s.session!.get(hashToken(token)) as FragmentLinkRow | undefined;
    return row ? toLink(row) : undefined;
  }
}
