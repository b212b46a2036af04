import type { CycleKind } from './cycle-kinds.ts';
import type { PlanStepId } from './plan.ts';

/** Roles and cycles as both sides see them. */
export const cycleRoles = ['owner', 'researcher', 'colleague'] as const;
export type CycleRole = (typeof cycleRoles)[number];

export const cycleStatuses = ['active', 'archived'] as const;
export type CycleStatus = (typeof cycleStatuses)[number];

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  color: string;
  isAdmin: boolean;
}

export interface CycleSummary {
  id: string;
  title: string;
  counterpart: string;
  status: CycleStatus;
  ownerName: string;
  myRole: CycleRole;
  createdAt: number;
  updatedAt: number;
  /** What kind of conversation (KIND-1). */
  kind: CycleKind;
  /** The earliest date of a step still to come, and which step (STEPS-2); null without one. */
  nextDate: string | null;
  nextStep: PlanStepId | null;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: CycleRole;
  color: string;
}

export interface AuditEntry {
  id: number;
  at: number;
  actorName: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
  target: string | null;
  /** The person a member change was about, when the target is an account (even a removed one). */
  targetName: string | null;
  /** Identifiers and reasons only (never content), e.g. `{ role: 'researcher' }`, `{ reason: 'not_a_member' }`. */
  detail: Record<string, string | number | boolean | null> | null;
}

/** Changes one person made in the shared cycle document within one hour, by part (DOCACCESS-3). */
export interface EditGroup {
  userId: string;
  name: string | null;
  /** Start of the hour, epoch ms. */
  hour: number;
  /** Part ids of shared/access/rules.ts. */
  parts: string[];
  updates: number;
}

/** The shared collaborative document of a cycle; later issues add private layers per analyst. */
export function cycleDocName(cycleId: string): string {
  return `cycle:${cycleId}`;
}

/** Parses a document name into the cycle it belongs to, or null for names outside any cycle. */
export function cycleIdOfDoc(docName: string): string | null {
  const m = /^cycle:([a-z0-9-]{8,64})(?::.*)?$/.exec(docName);
  return m ? m[1]! : null;
}

export const roleLabels: Record<CycleRole, string> = {
  owner: 'klantmanager (eigenaar)',
  researcher: 'onderzoeker / coach',
  colleague: 'collega (intervisie)',
};
