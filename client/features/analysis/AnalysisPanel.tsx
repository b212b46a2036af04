/**
 * The "Analyse" tab beside the video: the Kijkwijzer guide, and four (for the klantmanager five)
 * views: Mijn laag (private observations), Gedeeld (the shared list and every published layer),
 * Vergelijk (analysts side by side with agreement per theme), Intervisie (blind layers, reveal,
 * "iedereen op Volgen") and the Werkblad for self-analysis.
 *
 * The room hands in what it knows about the video (`player`); this panel never touches the
 * player itself, so it works beside any stage.
 */
import { useEffect, useRef, useState } from 'react';
import type { CycleSummary, Member, PublicUser } from '../../../shared/domain/access.ts';
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import type { ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { fetchLayers, fetchPlayRefusals } from '../../api/analysis.ts';
import { useResource } from '../../api/useResource.ts';
import { useConnectionState } from '../../collab/index.ts';
import type { CollabSession } from '../../collab/session.ts';
import { Alert } from '../../ui/primitives.tsx';
import { useMayWrite } from '../access/useMayWrite.ts';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { ComparePanel } from './ComparePanel.tsx';
import { useLayerSession, useObservationList, usePublished, usePublishMarkers } from './docs.ts';
import { IntervisionPanel } from './IntervisionPanel.tsx';
import { KijkwijzerGuide } from './KijkwijzerGuide.tsx';
import { LayerView } from './LayerView.tsx';
import { adoptedIds, applyFilter, noFilter, observationMarkers, type ObservationFilter } from './model.ts';
import { adopt, SharedView } from './SharedView.tsx';
import { WorksheetPanel } from './WorksheetPanel.tsx';
import { SlimPanel } from '../slim/SlimPanel.tsx';
import { CoreQuestionsPanel } from '../selfreflection/CoreQuestionsPanel.tsx';
import { toTakeaway } from '../selfreflection/docs.ts';
import { SharedWorksheets } from '../selfreflection/SharedWorksheets.tsx';
import { ShareWorksheet } from '../selfreflection/ShareWorksheet.tsx';
import { useTakeaways } from '../reflection/doc.ts';
import './analysis.css';
import { useKindT } from '../cycles/kind.ts';

/** What the room tells the analysis about the video. */
export interface AnalysisPlayer {
  /** Where the picture is now (s). */
  position: () => number;
  /** The file being watched. */
  mediaId: string | null;
  /** Length of that file (s); NaN while unknown. */
  duration: number;
  /** The room's in/out selection (I and O keys, or a drag on the timeline). */
  selection: { start: number | null; end: number | null };
  /** Go to a moment (of another file, when `mediaId` names one). */
  seek: (mediaId: string | null, seconds: number) => void;
  /** Stop the own video while an observation is written (never the group's). */
  pauseOwn: () => void;
}

/** An observation being written: where it starts, and what was chosen before the form opened. */
export interface Draft {
  key: number;
  start: number;
  end: number | null;
  mediaId: string | null;
  themes?: ThemeId[];
}

type View = 'mine' | 'shared' | 'compare' | 'intervision' | 'slim' | 'worksheet' | 'core' | 'sharedWorksheets';

export interface AnalysisPanelProps {
  session: CollabSession;
  cycle: CycleSummary;
  user: PublicUser;
  members: readonly Member[];
  player: AnalysisPlayer;
  /** Incremented by the room when M is pressed while this tab is open: a new observation here. */
  markRequest?: number;
  /** Whether the tab is the one shown (markers go to the timeline only then). */
  active?: boolean;
}

export function AnalysisPanel(props: AnalysisPanelProps) {
  const connection = useConnectionState(props.session);
  return (
    <section className="panel analysis" aria-labelledby="analysis-heading" data-testid="analysis">
      <h2 className="panel__title" id="analysis-heading">{t('analysis.heading')}</h2>
      {connection.status === 'refused'
        ? <Refused cycleId={props.cycle.id} role={props.cycle.myRole} code={connection.errorCode} />
        : <Workspace {...props} />}
    </section>
  );
}

/** The server keeps this person out of the cycle's documents: say why, in the client's words. */
function Refused({ cycleId, role, code }: { cycleId: string; role: CycleSummary['myRole']; code: Parameters<typeof errorMessage>[0] | null }) {
  const t = useKindT();
  const [reasons] = useResource(() => fetchPlayRefusals(cycleId), `analysis-refusals:${cycleId}`);
  const consent = code === 'forbidden' && reasons.status === 'ready' ? reasons.data : [];
  return (
    <>
      <Alert tone="danger" data-testid="analysis-refused" data-code={code ?? ''}>
        <p>{t('analysis.refused.heading')}</p>
        {consent.map((reason) => <p key={reason} data-testid="analysis-refusal-reason">{reason}</p>)}
        {consent.length === 0 && code !== null && <p>{errorMessage(code)}</p>}
        {role === 'colleague' && <p>{t('analysis.refused.colleague')}</p>}
      </Alert>
      <KijkwijzerGuide />
    </>
  );
}

function Workspace({ session, cycle, user, members, player, markRequest = 0, active = true }: AnalysisPanelProps) {
  const layer = useLayerSession(cycle.id, user.id, active);
  const shared = useObservationList(session);
  const published = usePublished(session);
  const publishedKey = [...published].map(([id, list]) => `${id}:${list.length}`).join(',');
  // Layer statuses come over HTTP; read them again whenever a layer arrives in the shared document.
  const [generation, setGeneration] = useState(0);
  const [layers, { reload, set: setLayers }] = useResource(() => fetchLayers(cycle.id), `layers:${cycle.id}:${publishedKey}:${generation}`);
  const [view, setView] = useState<View>('mine');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [filters, setFilters] = useState<{ mine: ObservationFilter; shared: ObservationFilter; published: ObservationFilter }>({ mine: noFilter, shared: noFilter, published: noFilter });
  const role = cycle.myRole;
  const may = useMayWrite(session, cycle, user.id);
  const adopted = adoptedIds(shared);
  const mine = published.get(user.id) ?? [];
  const takeaways = useTakeaways(session);

  const newDraft = (themes?: ThemeId[]): Draft => {
    const { start, end } = player.selection;
    const ranged = start !== null && end !== null && end > start;
    return { key: Date.now(), start: ranged ? start : player.position(), end: ranged ? end : null, mediaId: player.mediaId, ...(themes ? { themes } : {}) };
  };
  // Marking always writes in my own layer first: analysts look on their own before they share.
  const mark = (themes?: ThemeId[]): void => {
    setDraft(newDraft(themes));
    player.pauseOwn();
    setView('mine');
  };

  // M in the room (while this tab is open) marks the moment; a request from before this panel
  // mounted (the room counts them) is not acted on again.
  const handledMark = useRef(markRequest);
  useEffect(() => {
    if (markRequest === handledMark.current) return;
    handledMark.current = markRequest;
    mark();
  }, [markRequest]);

  const seekTo = (o: Observation): void => player.seek(o.mediaId, o.start);
  const base = { onSeek: seekTo, position: player.position };
  const allPublished = [...published.values()].flat();
  const markersOf = (list: readonly Observation[]) => observationMarkers(list, player.mediaId, 'a', t('timeline.observation'));
  // The shared list is on the timeline already (the room shows it); the views add what they list.
  const markers = view === 'shared' ? markersOf(applyFilter(allPublished, filters.published)) : view === 'compare' ? markersOf(allPublished) : [];
  usePublishMarkers(cycle.id, markers, active && view !== 'mine');

  const views: { id: View; label: string }[] = [
    { id: 'mine', label: t('analysis.view.mine') },
    { id: 'shared', label: t('analysis.view.shared') },
    { id: 'compare', label: t('analysis.view.compare') },
    { id: 'intervision', label: t('analysis.view.intervision') },
    { id: 'slim', label: t('analysis.view.slim') },
    ...(role === 'owner' ? [{ id: 'worksheet' as const, label: t('analysis.view.worksheet') }] : []),
    { id: 'core', label: t('analysis.view.core') },
    { id: 'sharedWorksheets', label: t('analysis.view.sharedWorksheets') },
  ];
  // "Wat ik anders ga doen" and "Wat neem ik mee?" become aandachtspunten in one action (SELF-2).
  const onTakeaway = may('takeaways', 'add') ? (text: string) => toTakeaway(session, text) : undefined;
  const takeawayTexts = takeaways.map((x) => x.text.trim());

  return (
    <div className="analysis__body" data-view={view}>
      <KijkwijzerGuide onUseTheme={(id) => mark([id])} />
      <nav className="analysis__views" aria-label={t('analysis.view.label')}>
        {views.map((v) => (
          <button key={v.id} type="button" className="analysis__view" data-testid={`analysis-view-${v.id}`} aria-pressed={view === v.id} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </nav>

      {(view === 'mine' || view === 'worksheet' || view === 'core') && layer === null && <p className="page__loading" aria-busy="true">{t('analysis.layer.loading')}</p>}
      {view === 'mine' && layer !== null && (
        <LayerView
          layer={layer}
          cycleId={cycle.id}
          user={user}
          published={mine}
          intervision={layers.status === 'ready' ? layers.data.intervision : null}
          isColleague={role === 'colleague'}
          draft={draft}
          onDraft={setDraft}
          onMark={() => mark()}
          filter={filters.mine}
          onFilter={(mineFilter) => setFilters((f) => ({ ...f, mine: mineFilter }))}
          actions={base}
          markersEnabled={active}
          mediaId={player.mediaId}
          onPublished={() => setGeneration((g) => g + 1)}
        />
      )}
      {view === 'shared' && (
        <SharedView
          session={session}
          user={user}
          may={may}
          shared={shared}
          published={published}
          draft={draft}
          onDraft={setDraft}
          onMark={() => {
            setDraft(newDraft());
            player.pauseOwn();
          }}
          filters={filters}
          onFilters={(next) => setFilters((f) => ({ ...f, ...next }))}
          actions={base}
        />
      )}
      {view === 'compare' && (
        <ComparePanel
          published={published}
          members={members}
          adopted={adopted}
          duration={Number.isFinite(player.duration) ? player.duration : 0}
          mediaId={player.mediaId}
          onSeek={seekTo}
          {...(may('observations', 'add') ? { onAdopt: (o: Observation) => adopt(session, o, user) } : {})}
        />
      )}
      {view === 'intervision' && <IntervisionPanel cycleId={cycle.id} session={session} user={user} role={role} may={may} layers={layers} onChanged={reload}
        onIntervision={(intervision) => setLayers((d) => ({ ...d, intervision }))} />}
      {view === 'slim' && <SlimPanel session={session} cycle={cycle} user={user} />}
      {view === 'worksheet' && layer !== null && (
        <>
          <WorksheetPanel layer={layer} position={player.position} mediaId={player.mediaId} onSeek={(m, s) => player.seek(m ?? player.mediaId, s)} {...(onTakeaway ? { onTakeaway } : {})} takeaways={takeawayTexts} />
          <ShareWorksheet cycleId={cycle.id} members={members} userId={user.id} />
        </>
      )}
      {view === 'core' && layer !== null && (
        <CoreQuestionsPanel layer={layer} position={player.position} mediaId={player.mediaId} onSeek={(m, s) => player.seek(m ?? player.mediaId, s)} {...(onTakeaway ? { onTakeaway } : {})} takeaways={takeawayTexts} />
      )}
      {view === 'sharedWorksheets' && <SharedWorksheets cycleId={cycle.id} userId={user.id} />}
    </div>
  );
}
