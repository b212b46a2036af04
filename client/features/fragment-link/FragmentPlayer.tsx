import { useEffect, useRef, useState } from 'react';
import { formatRange } from '../../../shared/domain/cycle-doc/fragments.ts';
import type { ClientFragment } from '../../../shared/protocol/fragment-links.ts';
import { Alert, Button } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';

type State = 'ready' | 'playing' | 'paused' | 'ended' | 'failed';

/**
 * One fragment: the video starts at the fragment's beginning and stops at its end; there is no
 * seek bar. The file holds only the fragment (cut on the server from the key frame before it, so
 * it starts at `playFrom` in the file's own time). Afterwards the method's questions.
 */
export function FragmentPlayer({ fragment, position, total, onNext }: {
  fragment: ClientFragment;
  position: number;
  total: number;
  onNext: (() => void) | null;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<State>('ready');
  const [playedFrom, setPlayedFrom] = useState<number | null>(null);
  const [playedTo, setPlayedTo] = useState<number | null>(null);
  const range = formatRange(fragment.start, fragment.end);

  useEffect(() => {
    const v = video.current;
    if (v === null) return;
    const onTime = (): void => {
      if (v.currentTime >= fragment.playTo) {
        v.pause();
        setPlayedTo(v.currentTime);
        setState('ended');
      }
    };
    v.addEventListener('timeupdate', onTime);
    return () => v.removeEventListener('timeupdate', onTime);
  }, [fragment.playTo]);

  const play = async (fromStart: boolean): Promise<void> => {
    const v = video.current;
    if (v === null) return;
    if (fromStart || v.currentTime < fragment.playFrom || v.currentTime >= fragment.playTo) v.currentTime = fragment.playFrom;
    setPlayedFrom((p) => (fromStart || p === null ? v.currentTime : p));
    setPlayedTo(null);
    try {
      await v.play();
      setState('playing');
    } catch {
      setState('failed');
    }
  };

  return (
    <section className="client-fragment" data-testid="client-fragment" data-index={fragment.index} data-state={state}
      data-start={fragment.playFrom} data-end={fragment.playTo} data-played-from={playedFrom ?? ''} data-played-to={playedTo ?? ''}
      aria-labelledby={`fragment-${fragment.index}-heading`}>
      <h2 className="section__title" id={`fragment-${fragment.index}-heading`}>
        {t('clientFragments.fragmentHeading', { n: position, total, range })}
      </h2>
      {fragment.label !== '' && <p className="client-fragment__label">{fragment.label}</p>}
      <video ref={video} className="client-fragment__video" src={`${fragment.mediaUrl}#t=${fragment.playFrom}`} preload="metadata" playsInline disablePictureInPicture
        aria-label={t('clientFragments.videoLabel', { n: position, range })} onContextMenu={(event) => event.preventDefault()}
        onLoadedMetadata={(event) => { event.currentTarget.currentTime = fragment.playFrom; }}
        onPause={() => setState((s) => (s === 'playing' ? 'paused' : s))}
        onError={() => setState((s) => (s === 'ended' ? s : 'failed'))} />
      <div className="form__actions">
        {state === 'playing'
          ? <Button variant="secondary" onClick={() => video.current?.pause()}>{t('clientFragments.pause')}</Button>
          : state === 'ended'
            ? <Button variant="secondary" onClick={() => void play(true)}>{t('clientFragments.again')}</Button>
            : <Button onClick={() => void play(false)}>{t(state === 'paused' ? 'clientFragments.resume' : 'clientFragments.play')}</Button>}
        {state === 'ended' && onNext !== null && <Button onClick={onNext}>{t('clientFragments.next')}</Button>}
      </div>
      {state === 'failed' && <Alert tone="warning">{t('clientFragments.failed')}</Alert>}
      {state === 'ended' && (
        <div className="client-fragment__questions" data-testid="client-questions" role="status">
          <h3 className="reflection__subheading">{t('clientFragments.questionsHeading')}</h3>
          <ul>
            <li>{t('clientFragments.q1')}</li>
            <li>{t('clientFragments.q2')}</li>
            <li>{t('clientFragments.q3')}</li>
          </ul>
        </div>
      )}
    </section>
  );
}
