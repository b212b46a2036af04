/**
 * The five core questions (`004_*`) as a guided self-reflection (SELF-3): each question with why
 * it matters, questions to ask oneself, an answer and the moments of the recording that show it,
 * ending with what one takes along as an aandachtspunt. Written in one's own private layer, so a
 * klantmanager can do it alone (a cycle without researchers) and share it like the werkblad.
 */
import { useId, useState, type FormEvent } from 'react';
import { addCoreMoment, coreReflectionOf, removeCoreMoment, setCoreAnswer, type CoreAnswerView } from '../../../shared/domain/cycle-doc/core-reflection.ts';
import { useTimeRef } from '../room/mediaLabels.ts';
import { coreQuestionById } from '../../../shared/kijkwijzer/core-questions.ts';
import type { CollabSession } from '../../collab/session.ts';
import { t } from '../../ui/i18n/nl.ts';
import { parseTimecode } from '../analysis/model.ts';
import { useCoreReflection } from './docs.ts';
import { ToTakeaway } from './ToTakeaway.tsx';

export interface CoreQuestionsProps {
  layer: CollabSession;
  position: () => number;
  /** The file being watched: a new moment is on it (TIMECODE-1). */
  mediaId: string | null;
  /** Go to a moment, on its own file. */
  onSeek: (mediaId: string | null, seconds: number) => void;
  /** Present when this person may add aandachtspunten to the cycle. */
  onTakeaway?: (text: string) => boolean;
  takeaways: readonly string[];
}

export function CoreQuestionsPanel({ layer, position, mediaId, onSeek, onTakeaway, takeaways }: CoreQuestionsProps) {
  const answers = useCoreReflection(layer);
  const [takeaway, setTakeaway] = useState('');
  const id = useId();
  return (
    <div className="analysis-view core-questions" data-testid="core-questions">
      <p className="analysis-view__intro">{t('self.intro')}</p>
      <ol className="core-questions__list">
        {answers.map((a) => <Question key={a.questionId} layer={layer} answer={a} position={position} mediaId={mediaId} onSeek={onSeek} />)}
      </ol>
      {onTakeaway && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-take`}>{t('self.takeaway')}</label>
          <span className="field__hint">{t('self.takeawayHint')}</span>
          <textarea id={`${id}-take`} className="field__input" rows={2} value={takeaway} maxLength={4_000} data-testid="core-takeaway"
            onChange={(e) => setTakeaway(e.target.value)} />
          <ToTakeaway text={takeaway} onTakeaway={onTakeaway} existing={takeaways} />
        </div>
      )}
    </div>
  );
}

function Question({ layer, answer, position, mediaId, onSeek }: {
  layer: CollabSession;
  answer: CoreAnswerView;
  position: () => number;
  mediaId: string | null;
  onSeek: (mediaId: string | null, s: number) => void;
}) {
  const q = coreQuestionById(answer.questionId);
  const timeRef = useTimeRef();
  const id = useId();
  const map = coreReflectionOf(layer.doc);
  const [at, setAt] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = (event: FormEvent): void => {
    event.preventDefault();
    const seconds = at.trim() === '' ? position() : parseTimecode(at);
    if (seconds === null) return setError(t('analysis.form.timeInvalid'));
    addCoreMoment(map, q.id, { at: seconds, text: text.trim(), mediaId });
    setAt('');
    setText('');
    setError(null);
  };
  return (
    <li className="core-questions__item" data-testid="core-question" data-question={q.id}>
      <h3 className="analysis-section__title" id={`${id}-q`}>{q.number}. {q.label}: {q.question}</h3>
      <p className="field__hint">{q.why}</p>
      <details className="worksheet__questions">
        <summary>{t('self.subQuestions')}</summary>
        <ul className="guide__list">{q.subQuestions.map((s) => <li key={s}>{s}</li>)}</ul>
      </details>
      <label className="visually-hidden" htmlFor={`${id}-answer`}>{t('self.answerLabel', { question: q.label })}</label>
      <textarea id={`${id}-answer`} className="field__input" rows={3} value={answer.answer} maxLength={10_000} placeholder={t('self.answer')}
        data-testid="core-answer" onChange={(e) => setCoreAnswer(map, q.id, e.target.value)} />
      {answer.moments.length > 0 && (
        <ul className="worksheet__sightings" aria-label={t('self.moments', { question: q.label })}>
          {answer.moments.map((m) => (
            <li key={m.id} className="worksheet__sighting" data-testid="core-moment" data-at={m.at}>
              <button type="button" className="obs__seek" onClick={() => onSeek(m.mediaId, m.at)} aria-label={t('analysis.item.seekLabel', { time: timeRef(m.mediaId, m.at), text: m.text })}>
                <span className="obs__time">{timeRef(m.mediaId, m.at)}</span> <span className="obs__text">{m.text}</span>
              </button>
              <button type="button" className="button button--link" onClick={() => removeCoreMoment(map, q.id, m.id)}
                aria-label={t('analysis.worksheet.removeSeenLabel', { time: timeRef(m.mediaId, m.at) })}>{t('analysis.item.delete')}</button>
            </li>
          ))}
        </ul>
      )}
      <form className="worksheet__add" onSubmit={add} noValidate aria-label={t('self.addMoment', { question: q.label })}>
        <label className="visually-hidden" htmlFor={`${id}-at`}>{t('analysis.worksheet.seenTime')}</label>
        <input id={`${id}-at`} className="field__input worksheet__time" value={at} placeholder={t('analysis.worksheet.seenTimePlaceholder')} autoComplete="off"
          onChange={(e) => setAt(e.target.value)} />
        <label className="visually-hidden" htmlFor={`${id}-text`}>{t('self.momentText')}</label>
        <input id={`${id}-text`} className="field__input" value={text} maxLength={4_000} placeholder={t('self.momentText')} autoComplete="off"
          onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button--secondary" data-testid="core-moment-add">{t('self.momentAdd')}</button>
      </form>
      {error && <p className="field__error">{error}</p>}
    </li>
  );
}
