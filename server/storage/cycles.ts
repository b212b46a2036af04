import type { CycleRole, CycleStatus, CycleSummary, Member } from '../../shared/domain/access.ts';
import { defaultCycleKind, type CycleKind } from '../../shared/domain/cycle-kinds.ts';
import { newId } from './ids.ts';
import type { SqlDb } from './sql.ts';

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
  /**
   * Cycle status by id, read synchronously on every incoming collaborative update
   * (`cachedStatus`): filled when a socket is authorised and kept current by `updateCycle`.
   */
  private readonly statusCache = new Map<string, CycleStatus | null>();

  constructor(private readonly db: SqlDb) {}

  /** The cycle's content changed at `at` ("Laatst gewijzigd"); never moves the time back. */
  async touch(cycleId: string, at: number): Promise<void> {
    await this.db.run('UPDATE cycles SET updated_at = ? WHERE id = ? AND updated_at < ?', [at, cycleId, at]);
  }

  /** The cycle that names `cycleId` as its previous one (the follow-up recording), if any. */
  nextOf(cycleId: string): Promise<CycleRow | undefined> {
    return this.db.get<CycleRow>('SELECT * FROM cycles WHERE previous_cycle_id = ? ORDER BY created_at LIMIT 1', [cycleId]);
  }

  /** Cycles owned by `userId`, oldest first: the klantmanager's own trajectory. */
  ownedBy(userId: string): Promise<CycleRow[]> {
    return this.db.all<CycleRow>('SELECT * FROM cycles WHERE owner_id = ? ORDER BY created_at, id', [userId]);
  }

  async create(input: CreateCycleInput): Promise<CycleRow> {
    const id = newId();
    await this.db.transaction(async (tx) => {
      const now = Date.now();
      await tx.run(
        `INSERT INTO cycles (id, org_id, owner_id, title, counterpart, previous_cycle_id, kind, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, input.orgId, input.ownerId, input.title, input.counterpart, input.previousCycleId ?? null, input.kind ?? defaultCycleKind, now, now],
      );
      await tx.run(insertMember, [id, input.ownerId, 'owner', input.ownerId, now]);
    });
    return (await this.get(id))!;
  }

  get(id: string): Promise<CycleRow | undefined> {
    return this.db.get<CycleRow>('SELECT * FROM cycles WHERE id = ?', [id]);
  }

  /** The cycle's status (null for an unknown cycle); remembered for `cachedStatus`. */
  async status(cycleId: string): Promise<CycleStatus | null> {
    const cached = this.statusCache.get(cycleId);
    if (cached !== undefined) return cached;
    const status = (await this.get(cycleId))?.status ?? null;
    this.remember(cycleId, status);
    return status;
  }

  /** The status `status` last saw, without a query (undefined when it was never read here). */
  cachedStatus(cycleId: string): CycleStatus | null | undefined {
    return this.statusCache.get(cycleId);
  }

  private remember(cycleId: string, status: CycleStatus | null): void {
    // Oldest first out: a cycle with live sockets was read at their authorisation, and a miss
    // makes the socket reconnect and read it again (`cycleMessageAuthorise`).
    if (this.statusCache.size >= 10_000) this.statusCache.delete(this.statusCache.keys().next().value!);
    this.statusCache.set(cycleId, status);
  }

  async role(cycleId: string, userId: string): Promise<CycleRole | undefined> {
    return (await this.db.get<{ role: CycleRole }>('SELECT role FROM memberships WHERE cycle_id = ? AND user_id = ?', [cycleId, userId]))?.role;
  }

  /**
   * The next date is the earliest of the steps still to come (STEPS-2); active cycles with a
   * date come first, soonest first, then the others by their last change.
   */
  listForUser(userId: string): Promise<CycleSummary[]> {
    return this.db.all<CycleSummary>(
      `SELECT c.id, c.title, c.counterpart, c.status, o.name AS "ownerName", m.role AS "myRole",
              c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.kind,
              n.date AS "nextDate", n.step_id AS "nextStep"
         FROM memberships m JOIN cycles c ON c.id = m.cycle_id JOIN users o ON o.id = c.owner_id
         LEFT JOIN cycle_steps n ON n.cycle_id = c.id AND n.step_id = (
           SELECT s.step_id FROM cycle_steps s
            WHERE s.cycle_id = c.id AND s.date IS NOT NULL AND s.status NOT IN ('klaar', 'overgeslagen')
            ORDER BY s.date, s.step_id LIMIT 1)
        WHERE m.user_id = ?
        ORDER BY c.status, n.date IS NULL, n.date, c.updated_at DESC`,
      [userId],
    );
  }

  listMembers(cycleId: string): Promise<Member[]> {
    return this.db.all<Member>(
      `SELECT u.id AS "userId", u.name, u.email, m.role, u.color FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.cycle_id = ? ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'researcher' THEN 1 ELSE 2 END, u.name`,
      [cycleId],
    );
  }

  async addMember(cycleId: string, userId: string, role: Exclude<CycleRole, 'owner'>, addedBy: string): Promise<void> {
    await this.db.run(insertMember, [cycleId, userId, role, addedBy, Date.now()]);
  }

  /** Removes a non-owner member; returns false when there was nothing to remove. */
  async removeMemberOf(cycleId: string, userId: string): Promise<boolean> {
    return (await this.db.run("DELETE FROM memberships WHERE cycle_id = ? AND user_id = ? AND role != 'owner'", [cycleId, userId])).changes === 1;
  }

  /** Forgets a deleted cycle's cached status (DELETE-1: its rows are gone). */
  forget(id: string): void {
    this.statusCache.delete(id);
  }

  async updateCycle(id: string, patch: { title?: string; counterpart?: string; status?: CycleStatus }): Promise<CycleRow> {
    const current = (await this.get(id))!;
    await this.db.run('UPDATE cycles SET title = ?, counterpart = ?, status = ?, updated_at = ? WHERE id = ?', [
      patch.title ?? current.title,
      patch.counterpart ?? current.counterpart,
      patch.status ?? current.status,
      Date.now(),
      id,
    ]);
    const row = (await this.get(id))!;
    this.remember(id, row.status);
    return row;
  }
}

const insertMember = 'INSERT INTO memberships (cycle_id, user_id, role, added_by, created_at) VALUES (?, ?, ?, ?, ?)';

export interface CreateCycleInput {
  orgId: string;
  ownerId: string;
  title: string;
  counterpart: string;
  previousCycleId?: string | undefined;
  kind?: CycleKind | undefined;
}
