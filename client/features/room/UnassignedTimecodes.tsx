/**
 * Old time codes that no recording could be found for (TIMECODE-6): the cycle has several files
 * and the time fits more than one. They say "opname onbekend" everywhere; here the owner picks
 * the recording of each, and the server checks and writes it (nothing is guessed for them).
 */
import { useId, useState } from 'react';
import { formatRange, formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import { unassignedRecordingLabel } from '../../../shared/domain/cycle-doc/recording-refs.ts';
import type { AssignTimecodeBody } from '../../../shared/protocol/timecodes.ts';
import { assignTimecode } from '../../api/timecodes.ts';
import { isApiError } from '../../api/http.ts';
import type { CollabSession } from '../../collab/session.ts';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useFragments, useObservations } from './doc.ts';
import type { RecordingChoice } from './FragmentRangeForm.tsx';

interface Unassigned {
  part: AssignTimecodeBody['part'];
  id: string;
  time: string;
  text: string;
}

export function UnassignedTimecodes({ session, cycleId, recordings }: { session: CollabSession; cycleId: string; recordings: readonly RecordingChoice[] }) {
  const observations = useObservations(session);
  const fragments = useFragments(session);
  const items: Unassigned[] = [
    ...observations.filter((o) => o.mediaId === null).map((o) => ({ part: 'observations' as const, id: o.id, time: o.end !== null ? formatRange(o.start, o.end) : formatTime(o.start), text: o.text })),
    ...fragments.filter((f) => f.mediaId === null).map((f) => ({ part: 'fragments' as const, id: f.id, time: formatRange(f.start, f.end), text: f.label })),
  ];
  // Nothing to choose between: with one file (or none) the migration already decided.
  if (items.length === 0 || recordings.length < 2) return null;
  return (
    <section className="panel" aria-labelledby="unassigned-heading" data-testid="unassigned-timecodes">
      <h2 className="panel__title" id="unassigned-heading">{t('timecodes.unassignedHeading')}</h2>
      <p className="field__hint">{t('timecodes.unassignedIntro')}</p>
      <ul className="reflection__list">
        {items.map((item) => <Row key={`${item.part}:${item.id}`} cycleId={cycleId} item={item} recordings={recordings} />)}
      </ul>
    </section>
  );
}

function Row({ cycleId, item, recordings }: { cycleId: string; item: Unassigned; recordings: readonly RecordingChoice[] }) {
  const id = useId();
  const [mediaId, setMediaId] = useState(recordings[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      await assignTimecode(cycleId, { part: item.part, id: item.id, mediaId });
      setError(null);
    } catch (err) {
      setError(errorMessage(isApiError(err) ? err.code : 'unexpected_response'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-testid="unassigned-timecode" data-id={item.id}>
      <span className="obs__time">{unassignedRecordingLabel} · {item.time}</span> {item.text}
      <label className="visually-hidden" htmlFor={`${id}-rec`}>{t('timecodes.pickLabel', { time: item.time })}</label>
      <select id={`${id}-rec`} className="field__input" value={mediaId} data-testid="unassigned-recording" onChange={(e) => setMediaId(e.target.value)}>
        {recordings.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
      </select>
      <button type="button" className="button button--secondary" disabled={busy} data-testid="unassigned-save" onClick={() => void save()}>{t('timecodes.pick')}</button>
      {error && <span className="field__error" role="alert">{error}</span>}
    </li>
  );
}
