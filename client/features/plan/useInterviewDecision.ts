/**
 * Why a cycle has no client interview, if it has none by design or by decision: the kind of
 * cycle has no interview (KIND-1), or the owner recorded "Geen cliëntinterview" with a reason in
 * the stappenplan (STEPS-3). Null while the interview is still possible.
 */
import type { CycleSummary } from '../../../shared/domain/access.ts';
import { kindProfile } from '../../../shared/domain/cycle-kinds.ts';
import { noInterviewDecision } from '../../../shared/domain/plan.ts';
import { fetchSteps } from '../../api/plan.ts';
import { useResource } from '../../api/useResource.ts';
import { t } from '../../ui/i18n/nl.ts';

export function useNoInterviewNote(cycle: CycleSummary): string | null {
  const profile = kindProfile(cycle.kind);
  const [steps] = useResource(() => fetchSteps(cycle.id), `steps:${cycle.id}:interview`);
  if (!profile.hasClientInterview) return profile.noInterviewNote;
  const decision = steps.status === 'ready' ? noInterviewDecision(steps.data) : null;
  return decision ? t('agenda.noInterviewDecided', { reason: decision.reason }) : null;
}
