import type { AuditEntry } from '../../shared/domain/access.ts';
import type { DeletionReceipt } from '../../shared/protocol/delete-cycle.ts';
import type { SqlDb } from './sql.ts';
import { hashToken } from './ids.ts';
import { auditRowHash, genesisHash, type ChainedFields } from './audit-chain.ts';

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
  | 'access_log_exported'
  | 'transcript_imported'
  | 'transcript_exported'
  | 'transcript_deleted'
  | 'org_settings_changed'
  | 'fragment_link_opened'
  | 'fragment_link_played'
  | 'fragment_link_ended'
  | 'cycle_deleted'
  | 'client_code_issued'
  | 'client_form_downloaded'
  | 'client_portal_opened'
  | 'client_portal_viewed'
  | 'client_receipt_viewed'
  | 'erasure_receipt_issued'
  | 'worksheet_shared'
  | 'worksheet_viewed';

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
  prev_hash: string;
  hash: string;
}

/**
 * Append-only audit log (the table refuses UPDATE and DELETE by trigger), hash-chained: each row
 * is written together with the previous row's hash and its own (`audit-chain.ts`).
 */
export class AuditRepo {
  private readonly tipSql: string;

  constructor(private readonly db: SqlDb) {
    // The id follows the highest id ever handed out, so that rows removed from the end leave a gap
    // the verifier sees, instead of their ids being reused. SQLite keeps that in its sequence
    // table; on PostgreSQL a trigger keeps it in `audit_sequence`, in the inserting transaction
    // (postgres-schema.ts). Either is read after the transaction's lock is taken.
    const sequence = db.dialect === 'sqlite' ? 'sqlite_sequence' : 'audit_sequence';
    this.tipSql = `SELECT (SELECT seq FROM ${sequence} WHERE name = 'audit_events') AS seq,
                          (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) AS hash`;
  }

  /** A deletion receipt (DELETE-1) from its audit entry, for the person who deleted the cycle. */
  async deletionReceipt(actorId: string, receipt: string): Promise<DeletionReceipt | undefined> {
    const row = await this.db.get<{ at: number; detail: string | null }>(
      "SELECT at, detail FROM audit_events WHERE action = 'cycle_deleted' AND actor_id = ? AND target = ?",
      [actorId, receipt],
    );
    if (!row) return undefined;
    return { receipt, deletedAt: row.at, erased: JSON.parse(row.detail ?? '{}') as DeletionReceipt['erased'] };
  }

  /**
   * Appends one entry. The tip is read inside a transaction that holds the write lock (SQLite:
   * IMMEDIATE; PostgreSQL: the audit advisory lock), so two writers, in this process or another,
   * never chain onto the same row.
   */
  record(e: AuditInput): Promise<void> {
    const row: Omit<ChainedFields, 'id'> = {
      at: Date.now(),
      actor_id: e.actorId,
      action: e.action,
      outcome: e.outcome ?? (e.action === 'access_denied' || e.action === 'login_failed' ? 'denied' : 'allowed'),
      cycle_id: e.cycleId ?? null,
      target: e.target ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    };
    return this.db.transaction(
      async (tx) => {
        const tip = (await tx.get<{ seq: number | null; hash: string | null }>(this.tipSql))!;
        const id = (tip.seq ?? 0) + 1;
        const prev = tip.hash ?? genesisHash;
        await tx.run(
          `INSERT INTO audit_events (id, at, actor_id, action, outcome, cycle_id, target, detail, prev_hash, hash)
           VALUES (@id, @at, @actor_id, @action, @outcome, @cycle_id, @target, @detail, @prev_hash, @hash)`,
          { ...row, id, prev_hash: prev, hash: auditRowHash(prev, { ...row, id }) },
        );
      },
      { lockKey: 'audit' },
    );
  }

  /**
   * For synchronous paths (the collaboration server's per-message checks): the row is written
   * after the caller returns, in order with other appends; a failure goes to `onError`. With
   * `when`, only if it resolves to true.
   */
  recordInBackground(e: AuditInput, when?: Promise<boolean>): void {
    // `when`: a throttle's answer still on its way; `settled` waits for it and the row alike.
    const write = when ? when.then((record) => (record ? this.record(e) : undefined)) : this.record(e);
    const done: Promise<void> = write
      .catch((err: unknown) => this.onError(err))
      .finally(() => this.background.delete(done));
    this.background.add(done);
  }

  private readonly background = new Set<Promise<void>>();

  /** Resolves when every background write started so far has ended (before the database closes). */
  async settled(): Promise<void> {
    await Promise.all([...this.background]);
  }

  /** Where a failed background write is reported (the app sets its logger). */
  onError: (err: unknown) => void = () => {};

  async listForCycle(cycleId: string, limit = 500): Promise<AuditEntry[]> {
    const rows = await this.db.all<Omit<AuditEntry, 'detail'> & { detail: string | null }>(
      `SELECT a.id, a.at, u.name AS "actorName", a.action, a.outcome, a.target, t.name AS "targetName", a.detail
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN users t ON t.id = a.target
        WHERE a.cycle_id = ? ORDER BY a.id DESC LIMIT ?`,
      [cycleId, limit],
    );
    return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as AuditEntry['detail']) : null }));
  }

  /** Raw recent events, newest first (tests and operators). */
  latest(limit = 50): Promise<AuditRow[]> {
    return this.db.all<AuditRow>('SELECT * FROM audit_events ORDER BY id DESC LIMIT ?', [limit]);
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

// "Every filter optional" in one statement: a NULL parameter switches its condition off. The
// comparison comes first: PostgreSQL takes a parameter's type from its first use, and a bare
// `$n IS NULL` has none ("could not determine data type of parameter").
const cycleFilterWhere = `a.cycle_id = @cycleId
  AND (a.actor_id = @actorId OR @actorId IS NULL)
  AND (a.action = @action OR @action IS NULL)
  AND (a.at >= @from OR @from IS NULL)
  AND (a.at < @to OR @to IS NULL)`;

type FilterParams = { cycleId: string; actorId: string | null; action: string | null; from: number | null; to: number | null };

/**
 * Read-side queries of the audit log beyond `AuditRepo`: the owner's filtered, paged access log
 * and the account requests the beheerder answers. Kept apart so the append path stays as it is.
 */
export class AuditQueries {
  constructor(private readonly db: SqlDb) {}

  /** One page of a cycle's log, newest first, and how many entries match in all. */
  async pageForCycle(cycleId: string, filter: AuditFilter, limit: number, offset: number): Promise<{ rows: CycleAuditRow[]; total: number }> {
    const params: FilterParams = {
      cycleId,
      actorId: filter.actorId ?? null,
      action: filter.action ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    };
    const rows = await this.db.all<Omit<CycleAuditRow, 'detail'> & { detail: string | null }>(
      `SELECT a.id, a.at, a.actor_id AS "actorId", u.name AS "actorName", a.action, a.outcome, a.target, t.name AS "targetName", a.detail
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN users t ON t.id = a.target
        WHERE ${cycleFilterWhere} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
      { ...params, limit, offset },
    );
    const { n } = (await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_events a WHERE ${cycleFilterWhere}`, params))!;
    return { rows: rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as CycleAuditRow['detail']) : null })), total: n };
  }

  /**
   * Open account requests of an organisation's owners (one per address and cycle), newest first.
   * A request is open while no account with that address exists; the newest per address wins.
   */
  async openAccountRequests(orgId: string): Promise<AccountRequestRow[]> {
    const rows = await this.db.all<{ id: number; at: number; email: string; requesterId: string; requesterName: string; cycleId: string; detail: string | null }>(
      `SELECT a.id, a.at, a.target AS email, a.actor_id AS "requesterId", u.name AS "requesterName", a.cycle_id AS "cycleId", a.detail
         FROM audit_events a JOIN users u ON u.id = a.actor_id
        WHERE a.action = 'account_requested' AND u.org_id = ?
          AND NOT EXISTS (SELECT 1 FROM users x WHERE x.email = a.target)
        ORDER BY a.id DESC LIMIT 200`,
      [orgId],
    );
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

/** The window counters a `SharedAuditThrottle` keeps in the database (`TabSessionsRepo`). */
export interface WindowCounters {
  /** Counts one more in the key's window and returns the count (1 opens a new window). */
  hit(key: string, now: number, windowMs: number): Promise<number>;
  /** Drops counters whose window has passed. */
  prune(now: number): Promise<void>;
}

/**
 * `AuditThrottle` across every process on one database (SCALE-10): with several processes a
 * person's ranges go to any of them, and each would otherwise write its own entry per window.
 * The local throttle answers repeats without a query; only when it would record does the
 * database decide, with a window counter (one row per key, hashed: the counters table holds no
 * names or ids), that exactly one process records per window.
 */
export class SharedAuditThrottle {
  private readonly local: AuditThrottle;
  private claims = 0;

  constructor(
    private readonly counters: WindowCounters,
    private readonly scope: string,
    private readonly windowMs: number,
  ) {
    this.local = new AuditThrottle(windowMs);
  }

  async shouldRecord(key: string, now = Date.now()): Promise<boolean> {
    if (!this.local.shouldRecord(key, now)) return false;
    const count = await this.counters.hit(hashToken(`audit:${this.scope}:${key}`), now, this.windowMs);
    // Now and then, not on every claim: a counter whose window has passed counts as a new one anyway.
    if (++this.claims % 100 === 0) await this.counters.prune(now);
    return count === 1;
  }
}

interface RefusalWindow {
  from: number;
  to: number;
  count: number;
  reasons: Set<string>;
  targets: Set<string>;
}

/**
 * Refusals of anonymous requests, one row per address per window (SPEC.md AUDIT-2). Anyone can
 * send them, each would otherwise cost a durable commit and a row, and the owner learns nothing
 * more from the 300th than from a count. The first refusal opens a window; the window's row
 * (count, reasons, routes, first and last moment) is written once it has passed (`flushDue`,
 * called by a timer) or when the server stops (`flushAll`).
 */
export class AnonymousRefusals {
  private readonly open = new Map<string, RefusalWindow>();
  /** Rows on their way to the log (`settled` waits for them). */
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly audit: AuditRepo,
    readonly windowMs = 60_000,
    /** Beyond this many open windows (many addresses) they are written early, to bound memory. */
    private readonly maxOpen = 10_000,
  ) {}

  note(address: string, reason: string, target: string, now = Date.now()): void {
    let w = this.open.get(address);
    if (w && now - w.from >= this.windowMs) {
      this.write(address, w);
      w = undefined;
    }
    if (!w) {
      if (this.open.size >= this.maxOpen) void this.flushAll();
      w = { from: now, to: now, count: 0, reasons: new Set(), targets: new Set() };
      this.open.set(address, w);
    }
    w.count++;
    w.to = now;
    w.reasons.add(reason);
    // Route patterns, not raw URLs; a handful is enough to say what was tried.
    if (w.targets.size < 5) w.targets.add(target);
  }

  /** Writes the windows that have passed; returns how many rows it wrote. */
  flushDue(now = Date.now()): number {
    let written = 0;
    for (const [address, w] of this.open) {
      if (now - w.from < this.windowMs) continue;
      this.write(address, w);
      written++;
    }
    return written;
  }

  /** Writes every open window and waits until all rows written so far are in the log. */
  async flushAll(): Promise<void> {
    for (const [address, w] of this.open) this.write(address, w);
    await this.settled();
  }

  /** Resolves when every row this class started writing is in the log (or failed). */
  async settled(): Promise<void> {
    await Promise.all([...this.writing]);
  }

  private write(address: string, w: RefusalWindow): void {
    this.open.delete(address);
    const done = this.record(address, w).finally(() => this.writing.delete(done));
    this.writing.add(done);
  }

  /** A failed write loses one aggregated row, never the process (it is reported by `onError`). */
  private async record(address: string, w: RefusalWindow): Promise<void> {
    try {
      await this.write0(address, w);
    } catch (err) {
      this.onError(err);
    }
  }

  /** Where a failed write is reported (the app sets its logger). */
  onError: (err: unknown) => void = () => {};

  private write0(address: string, w: RefusalWindow): Promise<void> {
    return this.audit.record({
      actorId: null,
      action: 'access_denied',
      target: 'anonymous',
      detail: {
        address,
        count: w.count,
        reasons: [...w.reasons].join(','),
        targets: [...w.targets].join(' | '),
        from: w.from,
        to: w.to,
      },
    });
  }
}
