import type { Database, Statement } from 'better-sqlite3';
import type { AuditEntry } from '../../shared/domain/access.ts';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'session_expired'
  | 'cycle_created'
  | 'cycle_opened'
  | 'cycle_updated'
  | 'document_opened'
  | 'member_added'
  | 'member_removed'
  | 'user_created'
  | 'user_disabled'
  | 'password_reset'
  | 'access_denied'
  | 'recording_created'
  | 'media_upload_started'
  | 'media_uploaded'
  | 'media_refused'
  | 'media_played'
  | 'media_erased'
  | 'consent_recorded'
  | 'consent_withdrawn'
  | 'consent_form_uploaded'
  | 'consent_form_viewed'
  | 'streams_cut'
  | 'layer_published'
  | 'layers_revealed'
  | 'interview_feedback_decided'
  | 'cycle_exported'
  | 'write_refused'
  | 'account_requested'
  | 'reset_link_issued'
  | 'access_log_exported';

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  outcome?: 'allowed' | 'denied';
  cycleId?: string | null;
  target?: string | null;
  /** Never content: only identifiers and reasons. */
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditRow {
  id: number;
  at: number;
  actor_id: string | null;
  action: AuditAction;
  outcome: 'allowed' | 'denied';
  cycle_id: string | null;
  target: string | null;
  detail: string | null;
}

/** Append-only audit log (the table refuses UPDATE and DELETE by trigger). */
export class AuditRepo {
  private readonly insert: Statement<[number, string | null, string, string, string | null, string | null, string | null]>;
  private readonly forCycle: Statement<[string, number]>;
  private readonly recent: Statement<[number]>;

  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_events (at, actor_id, action, outcome, cycle_id, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.forCycle = db.prepare(
      `SELECT a.id, a.at, u.name AS actorName, a.action, a.outcome, a.target, t.name AS targetName, a.detail
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN users t ON t.id = a.target
        WHERE a.cycle_id = ? ORDER BY a.id DESC LIMIT ?`,
    );
    this.recent = db.prepare('SELECT * FROM audit_events ORDER BY id DESC LIMIT ?');
  }

  record(e: AuditInput): void {
    this.insert.run(
      Date.now(),
      e.actorId,
      e.action,
      e.outcome ?? (e.action === 'access_denied' || e.action === 'login_failed' ? 'denied' : 'allowed'),
      e.cycleId ?? null,
      e.target ?? null,
      e.detail ? JSON.stringify(e.detail) : null,
    );
  }

  listForCycle(cycleId: string, limit = 500): AuditEntry[] {
    const rows = this.forCycle.all(cycleId, limit) as (Omit<AuditEntry, 'detail'> & { detail: string | null })[];
    return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as AuditEntry['detail']) : null }));
  }

  /** Raw recent events, newest first (tests and operators). */
  latest(limit = 50): AuditRow[] {
    return this.recent.all(limit) as AuditRow[];
  }
}

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
}

export interface CycleAuditRow {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  outcome: 'allowed' | 'denied';
  target: string | null;
  targetName: string | null;
  detail: Record<string, string | number | boolean | null> | null;
}

export interface AccountRequestRow {
  id: number;
  at: number;
  email: string;
  requesterId: string;
  requesterName: string;
  cycleId: string;
  role: string;
  name: string;
}

// "Every filter optional" in one statement: a NULL parameter switches its condition off.
const cycleFilterWhere = `a.cycle_id = @cycleId
  AND (@actorId IS NULL OR a.actor_id = @actorId)
  AND (@action IS NULL OR a.action = @action)
  AND (@from IS NULL OR a.at >= @from)
  AND (@to IS NULL OR a.at < @to)`;

type FilterParams = { cycleId: string; actorId: string | null; action: string | null; from: number | null; to: number | null };

/**
 * Read-side queries of the audit log beyond `AuditRepo`: the owner's filtered, paged access log
 * and the account requests the beheerder answers. Kept apart so the append path stays as it is.
 */
export class AuditQueries {
  private readonly page: Statement<[FilterParams & { limit: number; offset: number }]>;
  private readonly count: Statement<[FilterParams]>;
  private readonly requests: Statement<[string]>;

  constructor(db: Database) {
    this.page = db.prepare(
      `SELECT a.id, a.at, a.actor_id AS actorId, u.name AS actorName, a.action, a.outcome, a.target, t.name AS targetName, a.detail
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN users t ON t.id = a.target
        WHERE ${cycleFilterWhere} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
    );
    this.count = db.prepare(`SELECT COUNT(*) AS n FROM audit_events a WHERE ${cycleFilterWhere}`);
    // A request is open while no account with that address exists; the newest per address wins.
    this.requests = db.prepare(
      `SELECT a.id, a.at, a.target AS email, a.actor_id AS requesterId, u.name AS requesterName, a.cycle_id AS cycleId, a.detail
         FROM audit_events a JOIN users u ON u.id = a.actor_id
        WHERE a.action = 'account_requested' AND u.org_id = ?
          AND NOT EXISTS (SELECT 1 FROM users x WHERE x.email = a.target)
        ORDER BY a.id DESC LIMIT 200`,
    );
  }

  /** One page of a cycle's log, newest first, and how many entries match in all. */
  pageForCycle(cycleId: string, filter: AuditFilter, limit: number, offset: number): { rows: CycleAuditRow[]; total: number } {
    const params: FilterParams = {
      cycleId,
      actorId: filter.actorId ?? null,
      action: filter.action ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    };
    const rows = this.page.all({ ...params, limit, offset }) as (Omit<CycleAuditRow, 'detail'> & { detail: string | null })[];
    const { n } = this.count.get(params) as { n: number };
    return { rows: rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as CycleAuditRow['detail']) : null })), total: n };
  }

  /** Open account requests of an organisation's owners (one per address and cycle), newest first. */
  openAccountRequests(orgId: string): AccountRequestRow[] {
    const rows = this.requests.all(orgId) as { id: number; at: number; email: string; requesterId: string; requesterName: string; cycleId: string; detail: string | null }[];
    const seen = new Set<string>();
    const out: AccountRequestRow[] = [];
    for (const r of rows) {
      const key = `${r.email}\u0000${r.cycleId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const detail = r.detail ? (JSON.parse(r.detail) as { role?: string; name?: string }) : {};
      out.push({ id: r.id, at: r.at, email: r.email, requesterId: r.requesterId, requesterName: r.requesterName, cycleId: r.cycleId, role: detail.role ?? 'researcher', name: detail.name ?? '' });
    }
    return out;
  }
}

/**
 * Remembers when a key was last audited so repeats within `windowMs` are skipped: browsers
 * re-request byte 0 and clients reconnect, but one entry per person and object per window is
 * what the owner needs, and each entry costs a durable commit.
 */
export class AuditThrottle {
  private readonly last = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  shouldRecord(key: string, now = Date.now()): boolean {
    const at = this.last.get(key);
    if (at !== undefined && now - at < this.windowMs) return false;
    if (this.last.size > 10_000) this.last.clear();
    this.last.set(key, now);
    return true;
  }
}
