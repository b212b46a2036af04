/**
 * The buttons under the video: play/pause, time, rate, sound, which file, and how this person
 * watches (volgen / zelfstandig, with one click back to the group). The time runs from the
 * engine's frame callback, so the bar itself renders only when something discrete changes.
 */
import { useEffect, useRef } from 'react';
import { formatTime } from '../../shared/domain/cycle-doc/fragments.ts';
import type { FollowMode } from '../../shared/playback/room.ts';
import { t } from '../ui/i18n/nl.ts';
import type { PlayerEngine } from './engine.ts';

export const rates = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export interface TransportBarProps {
  engine: PlayerEngine | null;
  playing: boolean;
  enabled: boolean;
  rate: number;
  duration: number;
  muted: boolean;
  mode: FollowMode;
  media: readonly { id: string; label: string }[];
  mediaId: string | null;
  onTogglePlay: () => void;
  onRate: (rate: number) => void;
  onMuted: (muted: boolean) => void;
  onMode: (mode: FollowMode) => void;
  onMedia: (mediaId: string) => void;
  onShortcuts: () => void;
}

export function TransportBar(p: TransportBarProps) {
  const time = useRef<HTMLSpanElement>(null);
  const total = Number.isFinite(p.duration) ? formatTime(p.duration) : '--:--';

  useEffect(() => {
    if (p.engine === null) return;
    let shown = '';
    return p.engine.onFrame((currentTime) => {
      const now = formatTime(currentTime);
      if (now === shown || time.current === null) return;
      shown = now;
      time.current.textContent = t('player.time', { now, total });
    });
  }, [p.engine, total]);

  return (
    <div className="transport" role="group" aria-label={t('player.controls')} data-testid="transport">
      <button
        type="button"
        className="transport__play button button--primary"
        data-testid="play-toggle"
        data-playing={String(p.playing)}
        aria-label={p.playing ? t('player.pause') : t('player.play')}
        disabled={!p.enabled}
        onClick={p.onTogglePlay}
      >
        <span aria-hidden="true">{p.playing ? '❚❚' : '▶'}</span> {p.playing ? t('player.pause') : t('player.play')}
      </button>
      <span className="transport__time" ref={time} data-testid="player-time">{t('player.time', { now: '00:00', total })}</span>
      <label className="transport__field">
        <span className="transport__label">{t('player.rate')}</span>
        <select
          className="field__input transport__select"
          data-testid="rate-select"
          value={String(p.rate)}
          disabled={!p.enabled}
          onChange={(event) => p.onRate(Number(event.target.value))}
        >
          {rates.map((r) => <option key={r} value={String(r)}>{t('player.rateOption', { rate: String(r).replace('.', ',') })}</option>)}
        </select>
      </label>
      <button type="button" className="button button--secondary" data-testid="mute-toggle" aria-pressed={p.muted} onClick={() => p.onMuted(!p.muted)}>
        {p.muted ? t('player.unmute') : t('player.mute')}
      </button>
      {p.media.length > 1 && (
        <label className="transport__field">
          <span className="transport__label">{t('player.media')}</span>
          <select
            className="field__input transport__select"
            data-testid="media-select"
            value={p.mediaId ?? ''}
            disabled={!p.enabled}
            onChange={(event) => p.onMedia(event.target.value)}
          >
            {p.media.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        </label>
      )}
      <span className="transport__spacer" />
      <div className="segmented" role="radiogroup" aria-label={t('player.mode')} data-testid="follow-mode" data-mode={p.mode}>
        {(['volgen', 'zelfstandig'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            role="radio"
            aria-checked={p.mode === mode}
            className="segmented__option"
            data-testid={mode === 'volgen' ? 'mode-follow' : 'mode-alone'}
            title={mode === 'volgen' ? t('player.followHint') : t('player.aloneHint')}
            onClick={() => p.onMode(mode)}
          >
            {mode === 'volgen' ? t('player.follow') : t('player.alone')}
          </button>
        ))}
      </div>
      <button type="button" className="button button--link" data-testid="shortcuts-open" onClick={p.onShortcuts}>{t('player.shortcuts')}</button>
    </div>
  );
}
