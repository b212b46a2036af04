/**
 * The stage of the room: presence, video, transport bar, the group's notes ("wacht op …",
 * presenter, who steered last), the timeline and the forms for fragments and moments.
 */
import { useEffect, useState } from 'react';
import type { Member, PublicUser } from '../../../shared/domain/access.ts';
import { formatRange, formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import { findTheme, type ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { followersOf, presencePosition, type FollowMode, type RoomSettings } from '../../../shared/playback/room.ts';
import { viewPosition, type Transport } from '../../../shared/playback/transport.ts';
import type { Resource } from '../../api/useResource.ts';
import type { ClockSync } from '../../collab/clock.ts';
import type { RoomParticipant } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';
import type { EngineStatus, PlayerEngine } from '../../player/engine.ts';
import { Timeline, type TimelineMarker, type TimelinePerson } from '../../player/Timeline.tsx';
import { TransportBar } from '../../player/TransportBar.tsx';
import { VideoPlayer } from '../../player/VideoPlayer.tsx';
import { Alert } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import type { RoomActions } from './actions.ts';
import { useFragments, useObservations } from './doc.ts';
import { FragmentForm, MomentForm } from './FragmentForms.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { RoomOptions } from './RoomOptions.tsx';
import type { PlayableMedia, RoomMedia } from './recordings.ts';
import type { Selection } from './Room.tsx';

const neutralMarker = '#5b6673';

export interface StageProps {
  session: CollabSession;
  clock: ClockSync | null;
  engine: PlayerEngine | null;
  onEngine: (engine: PlayerEngine | null) => void;
  status: EngineStatus;
  media: Resource<RoomMedia>;
  current: PlayableMedia | null;
  playable: readonly PlayableMedia[];
  transport: Transport | null;
  transportGetter: () => Transport | null;
  settings: RoomSettings;
  participants: readonly RoomParticipant[];
  members: readonly Member[];
  user: PublicUser;
  mode: FollowMode;
  onMode: (mode: FollowMode) => void;
  muted: boolean;
  onMuted: (muted: boolean) => void;
  actions: RoomActions;
  selection: Selection;
  onSelection: (selection: Selection) => void;
  onSaveSelection: (label: string, theme: ThemeId | null) => void;
  moment: number | null;
  onSaveMoment: (text: string, theme: ThemeId | null) => void;
  onCancelMoment: () => void;
  onShortcuts: () => void;
  onMediaError: () => void;
  onSettings: (patch: Partial<RoomSettings>) => void;
  /** What this person may write (the rule table): room settings, new fragments and moments. */
  may: { present: boolean; waitForAll: boolean; addFragment: boolean; addMoment: boolean };
  /** More markers for the timeline (the open analysis view's observations). */
  extraMarkers?: readonly TimelineMarker[];
}

/** Re-renders every `ms` while `active`: for positions that move with time (the others' markers). */
function useTicker(ms: number, active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
}

export function Stage(p: StageProps) {
  const { session, clock, engine, status, current, transport, settings, mode, actions, selection, user } = p;
  const fragments = useFragments(session);
  const observations = useObservations(session);
  const nameOf = (userId: string | null): string => p.members.find((m) => m.userId === userId)?.name ?? '';

  useEffect(() => {
    // The file stopped loading (consent withdrawn, erased): ask the server what is playable now.
    if (status.error) p.onMediaError();
  }, [status.error]);

  const mediaId = current?.id ?? null;
  const others = p.participants.filter((x) => !x.isSelf && x.playback !== null && x.playback.mediaId === mediaId && (x.playback.mode === 'zelfstandig' || mode === 'zelfstandig'));
  useTicker(500, others.length > 0 || mode === 'zelfstandig');
  const serverNow = clock?.serverNow() ?? Date.now();
  const people: TimelinePerson[] = others.map((x) => ({
    id: String(x.clientId),
    name: x.name,
    color: x.color,
    position: presencePosition(x.playback!, serverNow),
    note: t(`presence.state.${x.playback!.state}`),
  }));
  if (mode === 'zelfstandig' && transport !== null && transport.mediaId === mediaId) {
    people.push({ id: 'group', name: t('timeline.group'), color: neutralMarker, position: viewPosition(transport, serverNow, status.duration), note: t('timeline.group') });
  }

  const onThisMedia = (m: string | null): boolean => m === null || m === mediaId;
  const markers: TimelineMarker[] = [
    ...fragments.filter((f) => onThisMedia(f.mediaId)).map((f): TimelineMarker => ({
      id: `f-${f.id}`,
      kind: 'fragment',
      start: f.start,
      end: f.end,
      color: (f.theme ? findTheme(f.theme)?.color : undefined) ?? neutralMarker,
      label: [formatRange(f.start, f.end), f.label].filter(Boolean).join(' '),
    })),
    ...observations.filter((o) => onThisMedia(o.mediaId)).map((o): TimelineMarker => ({
      id: `o-${o.id}`,
      kind: 'observation',
      start: o.start,
      end: o.end,
      color: (o.themes[0] ? findTheme(o.themes[0])?.color : undefined) ?? neutralMarker,
      label: [formatTime(o.start), o.text || t('timeline.observation')].join(' '),
    })),
    ...(p.extraMarkers ?? []),
  ];

  const { buffering } = followersOf(p.participants, transport?.mediaId ?? null);
  const bufferingNames = buffering.map((x) => (x.isSelf ? t('presence.you', { name: x.name }) : x.name)).join(', ');
  const presenter = settings.presenter;
  const playing = actions.isPlaying();
  const rate = mode === 'volgen' ? (transport?.rate ?? 1) : (engine?.video.playbackRate ?? 1);
  const showForm = p.may.addFragment && selection.start !== null && selection.end !== null && selection.end > selection.start;

  return (
    <section className="panel room__stage" aria-label={t('room.label')} data-testid="stage">
      <PresenceBar participants={p.participants} />
      {p.media.status === 'loading' && <p className="page__loading" aria-busy="true">{t('room.loadingMedia')}</p>}
      {p.media.status === 'error' && <Alert tone="danger">{errorMessage(p.media.error.code)}</Alert>}
      {p.media.status === 'ready' && current === null && (
        <div className="room__empty" data-testid="room-empty">
          {p.media.data.refusals.length > 0
            ? p.media.data.refusals.map((message) => <p key={message}>{message}</p>)
            : <p>{t('room.noMedia')}</p>}
        </div>
      )}
      {current !== null && clock !== null && (
        <>
          <VideoPlayer media={current} transport={p.transportGetter} clock={clock} mode={mode} muted={p.muted} onEngine={p.onEngine} />
          {status.error && <Alert tone="warning">{t('room.mediaError')}</Alert>}
          <TransportBar
            engine={engine}
            playing={playing}
            enabled={actions.enabled}
            rate={rate}
            duration={status.duration}
            muted={p.muted}
            mode={mode}
            media={p.playable}
            mediaId={mediaId}
            onTogglePlay={() => actions.togglePlay()}
            onRate={(r) => actions.setRate(r)}
            onMuted={p.onMuted}
            onMode={p.onMode}
            onMedia={(id) => actions.selectMedia(id)}
            onShortcuts={p.onShortcuts}
          />
          <RoomOptions settings={settings} user={user} mode={mode} mayPresent={p.may.present} mayWaitForAll={p.may.waitForAll} onMode={p.onMode} onSettings={p.onSettings} />
          <div className="room__notes" role="status" data-testid="room-notes">
            {!clock.ready && <p>{t('room.clockPending')}</p>}
            {buffering.length > 0 && (
              <p className="room__note room__note--wait" data-testid="waiting-for">
                {transport?.hold === 'buffering' ? t('player.waitingFor', { names: bufferingNames }) : t('player.bufferingOthers', { names: bufferingNames })}
              </p>
            )}
            {presenter !== null && (
              <p className="room__note" data-testid="presenter-note">
                {presenter === user.id ? t('player.presenting') : t('player.locked', { name: settings.presenterName || nameOf(presenter) })}
              </p>
            )}
            {mode === 'volgen' && transport !== null && transport.stopAt !== null && playing && (
              <p className="room__note">{t('player.fragmentPlaying', { range: formatRange(transport.position, transport.stopAt) })}</p>
            )}
            {mode === 'volgen' && transport?.by && nameOf(transport.by) && (
              <p className="room__note room__note--muted">{t('player.lastBy', { name: nameOf(transport.by) })}</p>
            )}
          </div>
          <Timeline
            engine={engine}
            duration={status.duration}
            markers={markers}
            people={people}
            selection={selection}
            onSeek={(s) => actions.seekTo(s)}
            onSelect={(start, end) => p.onSelection({ start, end })}
            previewUrl={current.url}
            disabled={!status.ready}
          />
          {p.may.addFragment && selection.start !== null && !showForm && (
            <p className="room__hint" data-testid="selection-hint">
              {selection.end === null
                ? t('fragments.inPoint', { time: formatTime(selection.start) })
                : t('fragments.tooShort')}
            </p>
          )}
          {p.may.addFragment && selection.start === null && selection.end !== null && (
            <p className="room__hint" data-testid="selection-hint">{t('fragments.outFirst', { time: formatTime(selection.end) })}</p>
          )}
          {showForm && (
            <FragmentForm
              key={`${selection.start}-${selection.end}`}
              start={selection.start!}
              end={selection.end!}
              onSave={p.onSaveSelection}
              onCancel={() => p.onSelection({ start: null, end: null })}
            />
          )}
          {p.may.addMoment && p.moment !== null && <MomentForm key={p.moment} at={p.moment} onSave={p.onSaveMoment} onCancel={p.onCancelMoment} />}
        </>
      )}
    </section>
  );
}
