/**
 * The steps of a cycle page in the method's order (Opnames & toestemming → Intake → Analyse →
 * Cliëntinterview → Reflectiegesprek → Aandachtspunten → Export), how each is named in the
 * address, and which one a cycle opens on when the address names none: its first unfinished one.
 */
import type * as Y from 'yjs';
import { docKeys } from '../../../shared/domain/cycle-doc/keys.ts';
import type { CycleStepSlug } from '../../routing/router.ts';

export type StepTabId = 'recordings' | 'intake' | 'analysis' | 'interview' | 'agenda' | 'fragments' | 'report' | 'takeaways' | 'export';

/** Tab id, address and step number (the reflectiegesprek's three parts share number 5). */
export const cycleSteps: readonly { id: StepTabId; slug: CycleStepSlug; n: number }[] = [
  { id: 'recordings', slug: 'opnames', n: 1 },
  { id: 'intake', slug: 'intake', n: 2 },
  { id: 'analysis', slug: 'analyse', n: 3 },
  { id: 'interview', slug: 'clientinterview', n: 4 },
  { id: 'agenda', slug: 'agenda', n: 5 },
  { id: 'fragments', slug: 'fragmenten', n: 5 },
  { id: 'report', slug: 'verslag', n: 5 },
  { id: 'takeaways', slug: 'aandachtspunten', n: 6 },
  { id: 'export', slug: 'export', n: 7 },
];

export function stepBySlug(slug: CycleStepSlug): StepTabId {
  return cycleSteps.find((s) => s.slug === slug)?.id ?? 'recordings';
}

export function slugOf(id: string): CycleStepSlug | undefined {
  return cycleSteps.find((s) => s.id === id)?.slug;
}

export function stepNumber(id: string): number | undefined {
  return cycleSteps.find((s) => s.id === id)?.n;
}

/**
 * The first step with nothing in it yet: no recording → Opnames; no doubts or learning goals →
 * Intake; no published observations → Analyse; an empty agenda → Agenda; no takeaways → Verslag
 * (the report is written during and after the conversation); otherwise Aandachtspunten.
 * The client interview is optional (consent, usefulness), so it never holds a cycle back.
 */
export function firstUnfinishedStep(doc: Y.Doc, hasRecording: boolean): StepTabId {
  const filled = (key: string): boolean => doc.getMap(key).size > 0;
  if (!hasRecording) return 'recordings';
  if (!filled(docKeys.doubts)) return 'intake';
  if (!filled(docKeys.observations) && !filled(docKeys.published)) return 'analysis';
  if (!filled(docKeys.agenda)) return 'agenda';
  if (!filled(docKeys.takeaways)) return 'report';
  return 'takeaways';
}
