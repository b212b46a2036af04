import type { CycleSummary, Member, PublicUser } from '../../../shared/domain/access.ts';
import { fetchCycle, type CycleDetail } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { useCollabSession, useParticipants, type CollabSession } from '../../collab/index.ts';
import { Panel } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { PresenceList } from '../document/PresenceList.tsx';
import { ReportPanel } from '../document/ReportPanel.tsx';
import { PageForError } from '../errors/ErrorPages.tsx';
import { CycleHeader } from './CycleHeader.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import { RecordingsPanel } from '../recordings/RecordingsPanel.tsx';

/**
 * Route `/cycli/:id`: the cycle workspace. The cycle is loaded over HTTP first (that is where
 * membership is checked and explained); only a member's page opens the collaboration socket.
 */
export function CyclePage({ cycleId, user }: { cycleId: string; user: PublicUser }) {
  const [detail, { reload, set }] = useResource(() => fetchCycle(cycleId), `cycle:${cycleId}:${user.id}`);
  useDocumentTitle(detail.status === 'ready' ? detail.data.cycle.title : t('cycle.eyebrow'));

  if (detail.status === 'loading') return <p className="page__loading" aria-busy="true">{t('cycle.loading')}</p>;
  if (detail.status === 'error') return <PageForError error={detail.error} isAdmin={user.isAdmin} onRetry={reload} />;
  return (
    <CycleWorkspace
      detail={detail.data}
      user={user}
      onCycleChange={(cycle: CycleSummary) => set((d): CycleDetail => ({ ...d, cycle }))}
      onMembersChange={(members: Member[]) => set((d): CycleDetail => ({ ...d, members }))}
    />
  );
}

function CycleWorkspace({ detail, user, onCycleChange, onMembersChange }: {
  detail: CycleDetail;
  user: PublicUser;
  onCycleChange: (cycle: CycleSummary) => void;
  onMembersChange: (members: Member[]) => void;
}) {
  const { cycle, docName, members } = detail;
  const session = useCollabSession(docName);
  const isOwner = cycle.myRole === 'owner';

  return (
    <div className="page cycle" data-testid="cycle-workspace" data-cycle-id={cycle.id}>
      <CycleHeader cycle={cycle} isOwner={isOwner} onChange={onCycleChange} />
      <div className="cycle__grid">
        {session === null
          ? <p className="page__loading" aria-busy="true">{t('report.loading')}</p>
          : <ReportPanel session={session} user={user} role={cycle.myRole} />}
        <aside className="cycle__aside">
          <Panel title={t('presence.heading')} titleId="presence-heading">
            {session !== null && <Presence session={session} />}
          </Panel>
          <MembersPanel cycleId={cycle.id} members={members} isOwner={isOwner} currentUserId={user.id} onChange={onMembersChange} />
        </aside>
        <RecordingsPanel cycleId={cycle.id} role={cycle.myRole} />
      </div>
    </div>
  );
}

function Presence({ session }: { session: CollabSession }) {
  const participants = useParticipants(session);
  return <PresenceList participants={participants} labelledBy="presence-heading" />;
}
