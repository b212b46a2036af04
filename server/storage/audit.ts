import type { Database, Statement } from 'better-sqlite3';
import type { AuditEntry } from '../../shared/domain/access.ts';
import type { DeletionReceipt } from '../../shared/protocol/delete-cycle.ts';
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
  private readonly insert: Statement<[ChainedFields & { prev_hash: string; hash: string }]>;
  private readonly tip: Statement<[]>;
  private readonly append: (row: Omit<ChainedFields, 'id'>) => void;
  private readonly forCycle: Statement<[string, number]>;
  private readonly recent: Statement<[number]>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO audit_events (id, at, actor_id, action, outcome, cycle_id, target, detail, prev_hash, hash)
       VALUES (@id, @at, @actor_id, @action, @outcome, @cycle_id, @target, @detail, @prev_hash, @hash)`,
    );
    // The id comes from the table's sequence (the highest id ever handed out), so that rows
    // removed from the end leave a gap the verifier sees, instead of their ids being reused.
    this.tip = db.prepare(
      `SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'audit_events') AS seq,
              (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) AS hash`,
    );
    // IMMEDIATE: the write lock is taken before the tip is read, so two writers (another process
    // on the same file) cannot both chain onto the same row.
    const appendTx = db.transaction((row: Omit<ChainedFields, 'id'>) => {
      const tip = this.tip.get() as { seq: number | null; hash: string | null };
      const id = (tip.seq ?? 0) + 1;
      const prev = tip.hash ?? genesisHash;
      this.insert.run({ ...row, id, prev_hash: prev, hash: auditRowHash(prev, { ...row, id }) });
    });
    this.append = (row) => appendTx.immediate(row);
    this.forCycle = db.prepare(
      `SELECT a.id, a.at, u.name AS actorName, a.action, a.outcome, a.target, t.name AS targetName, a.detail
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN users t ON t.id = a.target
        WHERE a.cycle_id = ? ORDER BY a.id DESC LIMIT ?`,
    );
    this.recent = db.prepare('SELECT * FROM audit_events ORDER BY id DESC LIMIT ?');
    this.receiptOf = db.prepare("SELECT at, detail FROM audit_events WHERE action = 'cycle_deleted' AND actor_id = ? AND target = ?");
  }

  private readonly receiptOf: Statement;

  /** A deletion receipt (DELETE-1) from its audit entry, for the person who deleted the cycle. */
  deletionReceipt(actorId: string, receipt: string): DeletionReceipt | undefined {
    const row = this.receiptOf.get(actorId, receipt) as { at: number; detail: string | null } | undefined;
    if (!row) return undefined;
    return { receipt, deletedAt: row.at, erased: JSON.parse(row.detail ?? '{}') as DeletionReceipt['erased'] };
  }

  record(e: AuditInput): void {
    this.append({
      at: Date.now(),
      actor_id: e.actorId,
      action: e.action,
      outcome: e.outcome ?? (e.action === 'access_denied' || e.action === 'login_failed' ? 'denied' : 'allowed'),
      cycle_id: e.cycleId ?? null,
      target: e.target ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    });
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
      if (this.open.size >= this.maxOpen) this.flushAll();
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

  flushAll(): void {
    for (const [address, w] of this.open) this.write(address, w);
  }

  private write(address: string, w: RefusalWindow): void {
    this.open.delete(address);
    this.audit.record({
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
