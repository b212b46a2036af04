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
  | 'write_refused';

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
