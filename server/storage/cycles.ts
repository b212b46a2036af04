import type { Database, Statement } from 'better-sqlite3';
import type { CycleRole, CycleStatus, CycleSummary, Member } from '../../shared/domain/access.ts';
import { defaultCycleKind, type CycleKind } from '../../shared/domain/cycle-kinds.ts';
import { newId } from './ids.ts';

export interface CycleRow {
  id: string;
  org_id: string;
  owner_id: string;
  title: string;
  counterpart: string;
  status: CycleStatus;
  previous_cycle_id: string | null;
  kind: CycleKind;
  created_at: number;
  updated_at: number;
}

/** Cycles and their memberships. Membership is the only way to see a cycle. */
export class CyclesRepo {
  private readonly insertCycle: Statement<[string, string, string, string, string, string | null, CycleKind, number, number]>;
  private readonly insertMember: Statement<[string, string, CycleRole, string | null, number]>;
  private readonly byId: Statement<[string]>;
  private readonly roleOf: Statement<[string, string]>;
  private readonly mine: Statement<[string]>;
  private readonly members: Statement<[string]>;
  private readonly removeMember: Statement<[string, string]>;
  private readonly update: Statement<[string, string, CycleStatus, number, string]>;
  private readonly createTx: (input: CreateCycleInput) => string;
  private readonly nextStmt: Statement<[string]>;
  /** Cycle status by id: read on every incoming collaborative update, so kept in memory. */
  private readonly statusCache = new Map<string, CycleStatus | null>();
  private readonly ownedStmt: Statement<[string]>;
  private readonly touchStmt: Statement<[number, string, number]>;

  constructor(db: Database) {
    this.insertCycle = db.prepare(
      `INSERT INTO cycles (id, org_id, owner_id, title, counterpart, previous_cycle_id, kind, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertMember = db.prepare(
      'INSERT INTO memberships (cycle_id, user_id, role, added_by, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare('SELECT * FROM cycles WHERE id = ?');
    this.roleOf = db.prepare('SELECT role FROM memberships WHERE cycle_id = ? AND user_id = ?');
    // The next date is the earliest of the steps still to come (STEPS-2); active cycles with a
    // date come first, soonest first, then the others by their last change.
    this.mine = db.prepare(
      `SELECT c.id, c.title, c.counterpart, c.status, o.name AS ownerName, m.role AS myRole,
              c.created_at AS createdAt, c.updated_at AS updatedAt, c.kind,
              n.date AS nextDate, n.step_id AS nextStep
         FROM memberships m JOIN cycles c ON c.id = m.cycle_id JOIN users o ON o.id = c.owner_id
         LEFT JOIN cycle_steps n ON n.rowid = (
           SELECT s.rowid FROM cycle_steps s
            WHERE s.cycle_id = c.id AND s.date IS NOT NULL AND s.status NOT IN ('klaar', 'overgeslagen')
            ORDER BY s.date, s.step_id LIMIT 1)
        WHERE m.user_id = ?
        ORDER BY c.status, n.date IS NULL, n.date, c.updated_at DESC`,
    );
    this.members = db.prepare(
      `SELECT u.id AS userId, u.name, u.email, m.role, u.color FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.cycle_id = ? ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'researcher' THEN 1 ELSE 2 END, u.name`,
    );
    this.removeMember = db.prepare("DELETE FROM memberships WHERE cycle_id = ? AND user_id = ? AND role != 'owner'");
    this.update = db.prepare('UPDATE cycles SET title = ?, counterpart = ?, status = ?, updated_at = ? WHERE id = ?');
    this.touchStmt = db.prepare('UPDATE cycles SET updated_at = ? WHERE id = ? AND updated_at < ?');
    this.nextStmt = db.prepare('SELECT * FROM cycles WHERE previous_cycle_id = ? ORDER BY created_at LIMIT 1');
    this.ownedStmt = db.prepare('SELECT * FROM cycles WHERE owner_id = ? ORDER BY created_at, id');
    this.createTx = db.transaction((input: CreateCycleInput) => {
      const id = newId();
      const now = Date.now();
      this.insertCycle.run(id, input.orgId, input.ownerId, input.title, input.counterpart, input.previousCycleId ?? null, input.kind ?? defaultCycleKind, now, now);
      this.insertMember.run(id, input.ownerId, 'owner', input.ownerId, now);
      return id;
    });
  }

  /** The cycle's content changed at `at` ("Laatst gewijzigd"); never moves the time back. */
  touch(cycleId: string, at: number): void {
    this.touchStmt.run(at, cycleId, at);
  }

  /** The cycle that names `cycleId` as its previous one (the follow-up recording), if any. */
  nextOf(cycleId: string): CycleRow | undefined {
    return this.nextStmt.get(cycleId) as CycleRow | undefined;
  }

  /** Cycles owned by `userId`, oldest first: the klantmanager's own trajectory. */
  ownedBy(userId: string): CycleRow[] {
    return this.ownedStmt.all(userId) as CycleRow[];
  }

  create(input: CreateCycleInput): CycleRow {
    return this.get(this.createTx(input))!;
  }

  get(id: string): CycleRow | undefined {
    return this.byId.get(id) as CycleRow | undefined;
  }

  /** The cycle's status (null for an unknown cycle), without a query per call. */
  status(cycleId: string): CycleStatus | null {
    let status = this.statusCache.get(cycleId);
    if (status === undefined) {
      status = this.get(cycleId)?.status ?? null;
      if (this.statusCache.size > 10_000) this.statusCache.clear();
      this.statusCache.set(cycleId, status);
    }
    return status;
  }

  role(cycleId: string, userId: string): CycleRole | undefined {
    return (this.roleOf.get(cycleId, userId) as { role: CycleRole } | undefined)?.role;
  }

  listForUser(userId: string): CycleSummary[] {
    return this.mine.all(userId) as CycleSummary[];
  }

  listMembers(cycleId: string): Member[] {
    return this.members.all(cycleId) as Member[];
  }

  addMember(cycleId: string, userId: string, role: Exclude<CycleRole, 'owner'>, addedBy: string): void {
    this.insertMember.run(cycleId, userId, role, addedBy, Date.now());
  }

  /** Removes a non-owner member; returns false when there was nothing to remove. */
  removeMemberOf(cycleId: string, userId: string): boolean {
    return this.removeMember.run(cycleId, userId).changes === 1;
  }

  /** Forgets a deleted cycle's cached status (DELETE-1: its rows are gone). */
  forget(id: string): void {
    this.statusCache.delete(id);
  }

  updateCycle(id: string, patch: { title?: string; counterpart?: string; status?: CycleStatus }): CycleRow {
    const current = this.get(id)!;
    this.update.run(patch.title ?? current.title, patch.counterpart ?? current.counterpart, patch.status ?? current.status, Date.now(), id);
    this.statusCache.delete(id);
    return this.get(id)!;
  }
}

export interface CreateCycleInput {
  orgId: string;
  ownerId: string;
  title: string;
  counterpart: string;
  previousCycleId?: string | undefined;
  kind?: CycleKind | undefined;
}
