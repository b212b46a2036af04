import type { PlanStepId, StepStatus } from '../../shared/domain/plan.ts';
import type { SqlDb } from './sql.ts';

export interface StepRow {
  step_id: PlanStepId;
  status: StepStatus;
  date: string | null;
  reason: string;
  updated_at: number;
}

/** The stappenplan of each cycle: what the owner set per step (STEPS-1). */
export class StepsRepo {
  constructor(private readonly db: SqlDb) {}

  list(cycleId: string): Promise<StepRow[]> {
    return this.db.all<StepRow>('SELECT step_id, status, date, reason, updated_at FROM cycle_steps WHERE cycle_id = ?', [cycleId]);
  }

  async set(cycleId: string, stepId: PlanStepId, value: { status: StepStatus; date: string | null; reason: string }, by: string): Promise<void> {
    await this.db.run(
      `INSERT INTO cycle_steps (cycle_id, step_id, status, date, reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (cycle_id, step_id) DO UPDATE SET
         status = excluded.status, date = excluded.date, reason = excluded.reason,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [cycleId, stepId, value.status, value.date, value.reason, by, Date.now()],
    );
  }
}
