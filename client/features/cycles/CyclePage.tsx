import type { CycleSummary, Member, PublicUser } from '../../../shared/domain/access.ts';
import { fetchCycle, type CycleDetail } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { useCollabSession } from '../../collab/index.ts';
import { t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { SessionRefused } from '../document/ConnectionStatus.tsx';
import { PageForError } from '../errors/ErrorPages.tsx';
import { TakeawaysSummary } from '../reflection/TakeawaysSummary.tsx';
import { Room } from '../room/Room.tsx';
import { SkipToSteps } from '../room/SideTabs.tsx';
import { navigate, paths, type CycleStepSlug } from '../../routing/router.ts';
import { useCallback } from 'react';
import { slugOf, stepBySlug, type StepTabId } from './steps.ts';
import { CycleHeader } from './CycleHeader.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import { PlanPanel } from '../plan/PlanPanel.tsx';
import { CycleKindProvider } from './kind.ts';

/**
 * Route `/cycli/:id`: the cycle workspace. The cycle is loaded over HTTP first (that is where
 * membership is checked and explained); only a member's page opens the collaboration socket.
 */
export function CyclePage({ cycleId, user, step }: { cycleId: string; user: PublicUser; step: CycleStepSlug | null }) {
  const [detail, { reload, set }] = useResource(() => fetchCycle(cycleId), `cycle:${cycleId}:${user.id}`);
  useDocumentTitle(detail.status === 'ready' ? detail.data.cycle.title : t('cycle.eyebrow'));

  if (detail.status === 'loading') return <p className="page__loading" aria-busy="true">{t('cycle.loading')}</p>;
  if (detail.status === 'error') return <PageForError error={detail.error} isAdmin={user.isAdmin} onRetry={reload} />;
  return (
    <CycleWorkspace
      detail={detail.data}
      user={user}
      step={step === null ? null : stepBySlug(step)}
      onCycleChange={(cycle: CycleSummary) => set((d): CycleDetail => ({ ...d, cycle }))}
      onMembersChange={(members: Member[]) => set((d): CycleDetail => ({ ...d, members }))}
    />
  );
}

/**
 * The reflection room (video, timeline, presence, tabs with the report) under the cycle's
 * header; the members panel stays in view under the video, because the owner steers who
 * takes part while the others watch and write.
 */
function CycleWorkspace({ detail, user, step, onCycleChange, onMembersChange }: {
  detail: CycleDetail;
  user: PublicUser;
  step: StepTabId | null;
  onCycleChange: (cycle: CycleSummary) => void;
  onMembersChange: (members: Member[]) => void;
}) {
  const { cycle, docName, members } = detail;
  const session = useCollabSession(docName);
  const isOwner = cycle.myRole === 'owner';
  // The chosen step lives in the address, so a reload or a shared link opens the same step.
  const onStep = useCallback((next: StepTabId, { replace = false }: { replace?: boolean } = {}): void => {
    navigate(paths.cycle(cycle.id, slugOf(next)), { replace });
  }, [cycle.id]);
  const membersPanel = <MembersPanel cycleId={cycle.id} members={members} isOwner={isOwner} currentUserId={user.id} onChange={onMembersChange} />;

  return (
    <CycleKindProvider value={cycle.kind}>
    <div className="page cycle room" data-testid="cycle-workspace" data-cycle-id={cycle.id} data-kind={cycle.kind}>
      <SkipToSteps />
      <CycleHeader cycle={cycle} isOwner={isOwner} onChange={onCycleChange} />
      <PlanPanel cycle={cycle} />
      {session !== null && <SessionRefused session={session} />}
      {session !== null && <TakeawaysSummary session={session} cycle={cycle} />}
      {session === null
        ? <p className="page__loading" aria-busy="true">{t('report.loading')}</p>
        : <Room session={session} cycle={cycle} user={user} members={members} below={membersPanel} step={step} onStep={onStep} />}
    </div>
    </CycleKindProvider>
  );
}
