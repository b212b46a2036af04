/**
 * How the room places the analysis: the "Analyse" side tab, the markers its open view puts on
 * the timeline, M (mark this moment) while the tab is open, and the facilitator's call to put
 * everyone on "Volgen". One hook, so the room needs only a few lines for all of it.
 */
import { useState, type ReactNode } from 'react';
import type { CycleSummary, Member, PublicUser } from '../../../shared/domain/access.ts';
import type { CollabSession } from '../../collab/session.ts';
import type { TimelineMarker } from '../../player/Timeline.tsx';
import { t } from '../../ui/i18n/nl.ts';
import { AnalysisPanel, type AnalysisPlayer } from './AnalysisPanel.tsx';
import { useAnalysisMarkers, useFollowCall } from './docs.ts';

export const analysisTabId = 'analysis';

export function useAnalysisTab({ session, cycle, user, members, player, active, onFollow }: {
  session: CollabSession;
  cycle: CycleSummary;
  user: PublicUser;
  members: readonly Member[];
  player: AnalysisPlayer;
  /** The Analyse tab is the one shown. */
  active: boolean;
  /** A facilitator put the group on "Volgen": follow the group again. */
  onFollow: () => void;
}): { tab: { id: string; label: string; content: ReactNode }; markers: readonly TimelineMarker[]; mark: () => void } {
  const [markRequest, setMarkRequest] = useState(0);
  useFollowCall(session, user.id, onFollow);
  const markers = useAnalysisMarkers(cycle.id);
  return {
    tab: {
      id: analysisTabId,
      label: t('analysis.tab'),
      content: <AnalysisPanel session={session} cycle={cycle} user={user} members={members} player={player} markRequest={markRequest} active={active} />,
    },
    markers: active ? markers : [],
    mark: () => setMarkRequest((n) => n + 1),
  };
}
