/**
 * The <video> element and its engine. Playback only, never a download: no native controls (our
 * own bar steers), `controlsList="nodownload"`, no picture-in-picture, no context menu ("Video
 * opslaan als…"). When the browser refuses to start without a click, a clear button asks for one.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { FollowMode } from '../../shared/playback/room.ts';
import type { Transport } from '../../shared/playback/transport.ts';
import { t } from '../ui/i18n/nl.ts';
import { PlayerEngine, type EngineClock, type EngineStatus } from './engine.ts';

const idleStatus: EngineStatus = { mode: 'volgen', state: 'kijkt-mee', ready: false, blocked: false, paused: true, duration: Number.NaN, error: false, localVersion: 0 };
const noSubscription = (): (() => void) => () => undefined;

export function useEngineStatus(engine: PlayerEngine | null): EngineStatus {
  return useSyncExternalStore(engine?.subscribe ?? noSubscription, engine?.status ?? (() => idleStatus));
}

export interface VideoPlayerProps {
  media: { id: string; url: string; label: string };
  transport: () => Transport | null;
  clock: EngineClock;
  mode: FollowMode;
  muted: boolean;
  onEngine: (engine: PlayerEngine | null) => void;
}

export function VideoPlayer({ media, transport, clock, mode, muted, onEngine }: VideoPlayerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [engine, setEngine] = useState<PlayerEngine | null>(null);
  const status = useEngineStatus(engine);

  useEffect(() => {
    if (video.current === null) return;
    const created = new PlayerEngine(video.current, transport, clock);
    setEngine(created);
    onEngine(created);
    return () => {
      created.destroy();
      onEngine(null);
    };
    // The engine lives as long as the element, the document and the clock.
  }, [transport, clock, onEngine]);

  useEffect(() => engine?.setMedia(media.id), [engine, media.id]);
  useEffect(() => engine?.setMode(mode), [engine, mode]);
  useEffect(() => engine?.setMuted(muted), [engine, muted]);

  return (
    <div className="player" data-testid="player-frame" data-ready={String(status.ready)} data-blocked={String(status.blocked)}>
      <video
        ref={video}
        className="player__video"
        data-testid="player"
        src={media.url}
        preload="auto"
        playsInline
        disablePictureInPicture
        controlsList="nodownload noremoteplayback noplaybackrate"
        aria-label={t('player.label', { label: media.label })}
        onContextMenu={(event) => event.preventDefault()}
      />
      {status.blocked && (
        <div className="player__overlay">
          <button type="button" className="button button--primary player__unlock" data-testid="player-unlock" onClick={() => engine?.unlock()}>
            <span aria-hidden="true">▶</span> {t('room.unlock')}
          </button>
          <p className="player__overlay-hint">{t('room.unlockHint')}</p>
        </div>
      )}
    </div>
  );
}
