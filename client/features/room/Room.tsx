/**
 * The reflection room: the video everyone watches in step, the timeline with fragments and
 * observations, who is here and how they watch, and beside it the tabs (Verslag, Fragmenten).
 * Owns the per-person choices (volgen/zelfstandig, sound, in/out points); everything shared
 * lives in the cycle document and awareness.
 */
import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CycleSummary, Member, PublicUser } from '../../../shared/domain/access.ts';
import type { Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import { fragmentRefName, type FragmentRefAttrs } from '../../../shared/editor/extensions.ts';
import type { ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { addAgendaItem, agendaOf } from '../../../shared/domain/cycle-doc/agenda.ts';
import { docKeys } from '../../../shared/domain/cycle-doc/keys.ts';
import type { FollowMode } from '../../../shared/playback/room.ts';
import { useServerClock } from '../../collab/clock.ts';
import { useConnectionState } from '../../collab/hooks.ts';
import { transportStore, updateRoomSettings, useRoomParticipants, useRoomSettings, useTransport } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';
import type { PlayerEngine } from '../../player/engine.ts';
import { useShortcuts, type ShortcutAction } from '../../player/keyboard.ts';
import { useEngineStatus } from '../../player/VideoPlayer.tsx';
import { t } from '../../ui/i18n/nl.ts';
import { useMayWrite } from '../access/useMayWrite.ts';
import { firstUnfinishedStep, stepNumber, type StepTabId } from '../cycles/steps.ts';
import { kindProfile } from '../../../shared/domain/cycle-kinds.ts';
import { ReportPanel } from '../document/ReportPanel.tsx';
import { ExportStep } from '../export/ExportStep.tsx';
import { RecordingsPanel } from '../recordings/RecordingsPanel.tsx';
import { reflectionTabs } from '../reflection/tabs.tsx';
import { analysisTabId, useAnalysisTab } from '../analysis/tab.tsx';
import { RoomActions } from './actions.ts';
import { editFragment, removeFragment, saveFragment, saveObservation, useFragments } from './doc.ts';
import { FragmentsPanel } from './FragmentsPanel.tsx';
import { UnassignedTimecodes } from './UnassignedTimecodes.tsx';
import { usePauseWhenLastLeaves } from './leave.ts';
import { useRoomMedia } from './recordings.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { MediaLabelsContext, RecordingChoicesContext } from './mediaLabels.ts';
import { StepList, TabPanels, type SideTab } from './SideTabs.tsx';
import { Stage } from './Stage.tsx';
import { TranscriptPanel } from './transcript/TranscriptPanel.tsx';
import { usePresencePublisher, useWaitForAll } from './sync.ts';
import './room.css';

const mutedKey = 'kijkruimte:muted';

export interface Selection {
  start: number | null;
  end: number | null;
}

/** The reflectiegesprek's parts: there watching together ("Volgen") is the default. */
const jointSteps: ReadonlySet<string> = new Set<StepTabId>(['agenda', 'fragments', 'report']);
type WatchKind = 'alone' | 'joint';

export function Room({ session, cycle, user, members, below, step, onStep }: {
  session: CollabSession;
  cycle: CycleSummary;
  user: PublicUser;
  members: readonly Member[];
  /** Shown under the stage (the members panel). */
  below: ReactNode;
  /** The chosen step (from the address); null: none named yet, open the first unfinished one. */
  step: StepTabId | null;
  onStep: (step: StepTabId, options?: { replace?: boolean }) => void;
}) {
  const clock = useServerClock();
  const [mediaGeneration, setMediaGeneration] = useState(0);
  const media = useRoomMedia(session, cycle.id, mediaGeneration);
  const transport = useTransport(session);
  const settings = useRoomSettings(session);
  const participants = useRoomParticipants(session);
  const fragments = useFragments(session);
  // Analysing is done alone (the method: "afzonderlijk van elkaar"); only the reflectiegesprek
  // watches together by default. The other steps (intake, interview, …) keep how one watches,
  // so a look at the twijfels during the gesprek does not leave the group. A person's own choice
  // holds until they move between analysing and the gesprek.
  const tab: StepTabId = step ?? 'recordings';
  const kind: WatchKind | null = tab === analysisTabId ? 'alone' : jointSteps.has(tab) ? 'joint' : null;
  const [watchKind, setWatchKind] = useState<WatchKind>(kind ?? 'alone');
  if (kind !== null && kind !== watchKind) setWatchKind(kind);
  const [modeChoice, setModeChoice] = useState<{ kind: WatchKind; mode: FollowMode } | null>(null);
  const mode: FollowMode = modeChoice !== null && modeChoice.kind === watchKind ? modeChoice.mode : watchKind === 'joint' ? 'volgen' : 'zelfstandig';
  const [localMediaId, setLocalMediaId] = useState<string | null>(null);
  const [engine, setEngine] = useState<PlayerEngine | null>(null);
  const status = useEngineStatus(engine);
  const [muted, setMutedState] = useState(() => window.localStorage.getItem(mutedKey) === '1');
  const [selection, setSelection] = useState<Selection>({ start: null, end: null });
  const [moment, setMoment] = useState<number | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const setTab = (id: StepTabId): void => onStep(id);
  const connection = useConnectionState(session);
  const hasRecording = media.status === 'ready' ? media.data.any : null;
  useEffect(() => {
    // No step in the address: open the first unfinished one once the cycle is known.
    if (step === null && connection.synced && hasRecording !== null) onStep(firstUnfinishedStep(session.doc, hasRecording), { replace: true });
  }, [step, connection.synced, hasRecording, session, onStep]);
  const [editor, setEditor] = useState<Editor | null>(null);

  const playable = media.status === 'ready' ? media.data.playable : [];
  const groupMediaId = transport?.mediaId && playable.some((m) => m.id === transport.mediaId) ? transport.mediaId : (playable[0]?.id ?? null);
  // A file chosen alone that is no longer playable (consent withdrawn, erased) gives way to one
  // that is, at once: the person keeps a player for what they may still watch.
  const localPlayable = localMediaId !== null && playable.some((m) => m.id === localMediaId) ? localMediaId : null;
  const mediaId = mode === 'volgen' ? groupMediaId : (localPlayable ?? groupMediaId);
  const current = playable.find((m) => m.id === mediaId) ?? null;
  // What this person may write is the rule table's answer (presenter lock included for the transport).
  const may = useMayWrite(session, cycle, user.id);
  const settingsMap = session.doc.getMap<unknown>(docKeys.settings);
  const maySetting = (key: string): boolean => may('settings', settingsMap.has(key) ? 'change' : 'add', { sub: key });
  const mayWriteTransport = may('playback', transport === null ? 'add' : 'change', { sub: 'transport', presenter: settings.presenter });
  const canSteer = mode === 'zelfstandig' || mayWriteTransport;

  // The lead of a scheduled command leaves room for the slowest follower's seek.
  const participantsRef = useRef(participants);
  const engineRef = useRef(engine);
  useEffect(() => {
    participantsRef.current = participants;
    engineRef.current = engine;
  });
  const slowestSeekMs = useCallback((): number => {
    const theirs = participantsRef.current.filter((p) => p.playback?.mode === 'volgen').map((p) => p.playback?.seekMs ?? 0);
    return Math.max(engineRef.current?.slowestSeekMs ?? 200, ...theirs);
  }, []);

  const actions = useMemo(
    () => new RoomActions({ session, clock, engine, mode, canSteer, mediaId, userId: user.id, slowestSeekMs, selectLocalMedia: setLocalMediaId }),
    [session, clock, engine, mode, canSteer, mediaId, user.id, slowestSeekMs],
  );

  usePresencePublisher({ session, clock, engine, status, mode, mediaId, transport });
  usePauseWhenLastLeaves({ session, clock, mode, mayWriteTransport });
  useWaitForAll({ session, clock, engine, status, mode, mediaId, settings, participants, transport, userId: user.id, mayWriteTransport, slowestSeekMs });

  const changeMode = (next: FollowMode): void => {
    // Going alone keeps the file the group watches; back to the group follows the group's file.
    if (next === 'zelfstandig') setLocalMediaId(groupMediaId);
    setModeChoice({ kind: watchKind, mode: next });
  };

  const setMuted = (next: boolean): void => {
    window.localStorage.setItem(mutedKey, next ? '1' : '0');
    setMutedState(next);
  };

  const playFragment = (ref: Pick<Fragment, 'mediaId' | 'start' | 'end'> | FragmentRefAttrs): void => actions.playRange(ref.mediaId, ref.start, ref.end);

  const insertFragment = (f: Fragment): void => {
    if (editor === null) return;
    const attrs: FragmentRefAttrs = { mediaId: f.mediaId, start: f.start, end: f.end, label: f.label, theme: f.theme };
    editor.chain().focus().insertContent([{ type: fragmentRefName, attrs }, { type: 'text', text: ' ' }]).run();
    setTab('report');
  };

  const analysis = useAnalysisTab({
    session, cycle, user, members, active: tab === analysisTabId, onFollow: () => changeMode('volgen'),
    player: {
      position: () => actions.position(),
      mediaId,
      duration: status.duration,
      selection,
      seek: (m, s) => (m !== null && m !== mediaId ? actions.selectMedia(m) : actions.seekTo(s)),
      // Watching alone, the video waits while the observation is written; following, pausing
      // would stop everyone, so the group's video runs on.
      pauseOwn: () => (mode === 'zelfstandig' ? actions.pause() : undefined),
    },
  });

  const onShortcut = (action: ShortcutAction): void => {
    const pos = actions.position();
    switch (action) {
      case 'playPause': return actions.togglePlay();
      case 'back10': return actions.seekBy(-10);
      case 'forward10': return actions.seekBy(10);
      case 'back5': return actions.seekBy(-5);
      case 'forward5': return actions.seekBy(5);
      case 'frameBack': return actions.stepFrame(-1);
      case 'frameForward': return actions.stepFrame(1);
      case 'markIn': return setSelection((s) => ({ start: pos, end: s.end !== null && s.end > pos ? s.end : null }));
      case 'markOut': return setSelection((s) => ({ start: s.start, end: pos }));
      case 'markMoment':
        // With the Analyse tab open, M marks the moment in the analyst's own layer.
        if (tab === analysisTabId) return analysis.mark();
        return current !== null ? setMoment(pos) : undefined;
      case 'help': return setShortcutsOpen(true);
      case 'escape':
        setSelection({ start: null, end: null });
        return setMoment(null);
    }
  };
  useShortcuts(onShortcut, !shortcutsOpen);

  const saveSelection = (label: string, theme: ThemeId | null): void => {
    if (selection.start === null || selection.end === null || !may('fragments', 'add')) return;
    saveFragment(session, { mediaId, start: selection.start, end: selection.end, label, theme, createdBy: user.id });
    setSelection({ start: null, end: null });
  };

  const saveMoment = (text: string, theme: ThemeId | null): void => {
    if (moment === null || !may('observations', 'add')) return;
    saveObservation(session, { start: moment, mediaId, themes: theme ? [theme] : [], kind: 'observation', valence: 'neutral', text, author: user.id, authorName: user.name });
    setMoment(null);
  };

  const mediaLabels = useMemo(() => (media.status === 'ready' ? media.data.labels : new Map<string, string>()), [media]);
  const reflection = reflectionTabs({ session, cycle, user, canPlay: actions.enabled, onPlay: playFragment });
  const reflectionGroup = t('tabs.reflection');
  const tabs: SideTab[] = [
    { id: 'recordings', label: t('recordings.tab'), content: <RecordingsPanel cycleId={cycle.id} role={cycle.myRole} /> },
    reflection.intake,
    analysis.tab,
    reflection.interview,
    { ...reflection.agenda, group: reflectionGroup },
    {
      id: 'fragments',
      label: t('tabs.fragments'),
      group: reflectionGroup,
      content: (
        <>
        <FragmentsPanel
          fragments={fragments}
          recordings={playable}
          currentMediaId={mediaId}
          canAdd={may('fragments', 'add')}
          canPlay={actions.enabled}
          canInsert={editor !== null}
          onAdd={(values) => saveFragment(session, { ...values, createdBy: user.id })}
          onPlay={playFragment}
          onInsert={insertFragment}
          canChange={(f) => may('fragments', 'change', { author: f.createdBy })}
          onUpdate={(f, values) => editFragment(session, f.id, values)}
          onDelete={(f) => removeFragment(session, f.id)}
        />
        {cycle.myRole === 'owner' && <UnassignedTimecodes session={session} cycleId={cycle.id} recordings={playable} />}
        </>
      ),
    },
    {
      id: 'report',
      label: t('tabs.report'),
      group: reflectionGroup,
      // Fragmenten inserts references into the report's editor, so it exists from the start.
      eager: true,
      content: <ReportPanel session={session} user={user} role={cycle.myRole} canEdit={may('report', 'change')} onFragmentPlay={playFragment} onEditor={setEditor} />,
    },
    reflection.takeaways,
    { id: 'export', label: t('tabs.export'), content: <ExportStep cycleId={cycle.id} /> },
  ]
    // A kind of cycle without a client interview (leidinggevende–collega) has no such step (KIND-1).
    .filter((x) => x.id !== 'interview' || kindProfile(cycle.kind).hasClientInterview)
    .map((x) => ({ ...x, step: stepNumber(x.id) }));

  const chooseTab = (id: string): void => {
    const known = tabs.find((x) => x.id === id);
    if (known !== undefined) setTab(known.id as StepTabId);
  };

  return (
    <MediaLabelsContext.Provider value={mediaLabels}>
    <RecordingChoicesContext.Provider value={playable}>
    <StepList tabs={tabs} active={tab} onChange={chooseTab} />
    <div className="room__grid" data-testid="room" data-step={step ?? ''} data-mode={mode}>
      <div className="room__main">
        <Stage
          session={session}
          clock={clock}
          engine={engine}
          onEngine={setEngine}
          status={status}
          media={media}
          current={current}
          playable={playable}
          transport={transport}
          transportGetter={transportStore(session).get}
          settings={settings}
          participants={participants}
          members={members}
          user={user}
          mode={mode}
          onMode={changeMode}
          muted={muted}
          onMuted={setMuted}
          actions={actions}
          selection={selection}
          onSelection={setSelection}
          onSaveSelection={saveSelection}
          moment={moment}
          onSaveMoment={saveMoment}
          onCancelMoment={() => setMoment(null)}
          onShortcuts={() => setShortcutsOpen(true)}
          onMediaError={() => setMediaGeneration((g) => g + 1)}
          onSettings={(patch) => updateRoomSettings(session, patch)}
          may={{
            present: maySetting('presenter') && maySetting('presenterName'),
            waitForAll: maySetting('waitForAll'),
            addFragment: may('fragments', 'add'),
            addMoment: may('observations', 'add'),
          }}
          extraMarkers={analysis.markers}
        />
        {current !== null && (
          <TranscriptPanel
            mediaId={current.id}
            engine={engine}
            canSeek={actions.enabled}
            onSeek={(seconds) => actions.seekTo(seconds)}
            onPlayRange={(start, end) => actions.playRange(current.id, start, end)}
            onTogglePlay={() => actions.togglePlay()}
            onFragment={may('fragments', 'add') ? (start, end, label) => saveFragment(session, { mediaId: current.id, start, end, label, createdBy: user.id }) : null}
            onAgenda={may('agenda', 'add') ? (text) => addAgendaItem(agendaOf(session.doc), { section: 'interventielogica', text, source: { kind: 'transcript', id: current.id }, createdBy: user.id }) : null}
            onObserve={may('observations', 'add') ? (seconds) => setMoment(seconds) : null}
          />
        )}
        {below}
      </div>
      <aside className="room__side">
        <TabPanels tabs={tabs} active={tab} />
      </aside>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
    </RecordingChoicesContext.Provider>
    </MediaLabelsContext.Provider>
  );
}
