import type { Database, Statement } from 'better-sqlite3';
import type { PlanStepId, StepStatus } from '../../shared/domain/plan.ts';

export interface StepRow {
  step_id: PlanStepId;
  status: StepStatus;
  date: string | null;
  reason: string;
  updated_at: number;
}

/** The stappenplan of each cycle: what the owner set per step (STEPS-1). */
export class StepsRepo {
  private readonly forCycle: Statement<[string]>;
  private readonly upsert: Statement<[string, string, StepStatus, string | null, string, string, number]>;

  constructor(db: Database) {
    this.forCycle = db.prepare('SELECT step_id, status, date, reason, updated_at FROM cycle_steps WHERE cycle_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO cycle_steps (cycle_id, step_id, status, date, reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (cycle_id, step_id) DO UPDATE SET
         status = excluded.status, date = excluded.date, reason = excluded.reason,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
  }

  list(cycleId: string): StepRow[] {
    return this.forCycle.all(cycleId) as StepRow[];
  }

  set(cycleId: string, stepId: PlanStepId, value: { status: StepStatus; date: string | null; reason: string }, by: string): void {
    this.upsert.run(cycleId, stepId, value.status, value.date, value.reason, by, Date.now());
  }
}
