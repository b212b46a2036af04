/**
 * The transcript beside the video: follows playback (the line spoken now is highlighted and kept
 * in view), a click on a line seeks (for everyone when following, only oneself when watching
 * alone: the room's own seek), search, and "maak observatie" from a line. The owner imports a
 * transcript here and names the speakers' roles.
 */
import { useMemo, useState } from 'react';
import { transcriptUrl } from '../../../../shared/protocol/transcript.ts';
import { analyseTranscript } from '../../../../shared/transcript/analytics.ts';
import { getTranscript } from '../../../api/transcripts.ts';
import { isApiError } from '../../../api/http.ts';
import { useResource } from '../../../api/useResource.ts';
import type { PlayerEngine } from '../../../player/engine.ts';
import { useEngineStatus } from '../../../player/VideoPlayer.tsx';
import { t } from '../../../ui/i18n/nl.ts';
import { TranscriptAnalysis } from './TranscriptAnalysis.tsx';
import { SpeakerEditor } from './SpeakerEditor.tsx';
import { TranscriptLines } from './TranscriptLines.tsx';
import { TranscriptStart } from './TranscriptStart.tsx';
import './transcript.css';

export interface TranscriptPanelProps {
  mediaId: string;
  engine: PlayerEngine | null;
  canSeek: boolean;
  onSeek: (seconds: number) => void;
  /** Plays a stretch (the longest turn, a topic chain) the way fragments are played. */
  onPlayRange: (start: number, end: number) => void;
  /** Play/pause from the transcription aid while typing. */
  onTogglePlay: () => void;
  /** Puts the talk figures on the agenda; null when this person may not add to it. */
  onAgenda: ((text: string) => void) | null;
  /** Saves a fragment made from lines; null when this person may not add fragments. */
  onFragment: ((start: number, end: number, label: string) => void) | null;
  /** Null when this person may not add observations. */
  onObserve: ((seconds: number) => void) | null;
}

export function TranscriptPanel({ mediaId, engine, canSeek, onSeek, onPlayRange, onTogglePlay, onAgenda, onObserve, onFragment }: TranscriptPanelProps) {
  const { duration } = useEngineStatus(engine);
  const [resource, controls] = useResource(() => getTranscript(mediaId), mediaId);
  const [query, setQuery] = useState('');
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState(false);
  const data = resource.status === 'ready' ? resource.data : null;
  const cues = useMemo(() => data?.transcript?.cues ?? [], [data]);
  const analytics = useMemo(() => (data?.transcript ? analyseTranscript(data.transcript.cues, data.transcript.speakers) : null), [data]);


  // Those who may not play the recording may not read its transcript either: nothing to show.
  if (resource.status === 'error') return isApiError(resource.error, 'consent_missing', 'media_erased', 'not_found') ? null : <p className="room__note" role="alert">{t('transcript.loadFailed')}</p>;
  if (data === null) return null;

  const heading = (
    <h2 className="panel__title" id="transcript-heading">
      {t('transcript.heading')}
    </h2>
  );
  if (data.transcript === null || importing) {
    if (!data.editable) return null;
    return (
      <section className="panel transcript" aria-labelledby="transcript-heading" data-testid="transcript-panel">
        {heading}
        <TranscriptStart
          mediaId={mediaId}
          engine={engine}
          onTogglePlay={onTogglePlay}
          onDone={(next) => {
            controls.set(() => next);
            setImporting(false);
          }}
          onCancel={data.transcript !== null ? () => setImporting(false) : null}
        />
      </section>
    );
  }

  return (
    <section className="panel transcript" aria-labelledby="transcript-heading" data-testid="transcript-panel">
      {heading}
      {analytics && data.transcript && <TranscriptAnalysis analytics={analytics} speakers={data.transcript.speakers} durationSeconds={duration} canSeek={canSeek} onSeek={onSeek} onPlayRange={onPlayRange} onAgenda={onAgenda} />}
      <div className="transcript__tools">
        <label className="transcript__search">
          <span>{t('transcript.search')}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="transcript-search" />
        </label>
        <a className="button button--secondary" href={`${transcriptUrl(mediaId)}.vtt`} download data-testid="transcript-export">
          {t('transcript.export')}
        </a>
        {data.editable && (
          <>
            <button type="button" className="button button--secondary" onClick={() => setImporting(true)}>
              {t('transcript.replace')}
            </button>
            <button type="button" className="button button--secondary" aria-expanded={editing} onClick={() => setEditing((e) => !e)} data-testid="speakers-edit">
              {t('transcript.speakersButton')}
            </button>
          </>
        )}
      </div>
      {editing && data.transcript && (
        <SpeakerEditor
          mediaId={mediaId}
          speakers={data.transcript.speakers}
          onSaved={(next) => {
            controls.set(() => next);
            setEditing(false);
          }}
          onDeleted={() => {
            controls.set((d) => ({ ...d, transcript: null }));
            setEditing(false);
          }}
          onClose={() => setEditing(false)}
        />
      )}
      <TranscriptLines cues={cues} engine={engine} query={query} canSeek={canSeek} onSeek={onSeek} onObserve={onObserve} onFragment={onFragment} />
    </section>
  );
}
