/**
 * The werkblad for self-analysis (Kijkwijzer, "Werkblad"): the klantmanager looks back at their
 * own conversation, alone or with a colleague, with one to three themes in mind, and writes per
 * theme what they wonder about, what they see (with time codes) and what they will do
 * differently. It lives in their own private layer: nobody else can open it.
 */
import { useId, useState, type FormEvent } from 'react';
import { formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import {
  addFocusTheme,
  addSighting,
  asWorksheet,
  removeFocusTheme,
  removeSighting,
  setEntryText,
  setWatchWith,
  worksheetOf,
  type WorksheetEntryView,
} from '../../../shared/domain/cycle-doc/worksheet.ts';
import { watchWithLabelFor } from '../../../shared/domain/cycle-kinds.ts';
import { useCycleKind } from '../cycles/kind.ts';
import { validateWorksheet, watchWithIds, worksheetFields, worksheetIssueMessages, worksheetThemeChoices } from '../../../shared/kijkwijzer/reflection.ts';
import { themeById, type ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import type { CollabSession } from '../../collab/session.ts';
import { ConfirmDialog } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';
import { useWorksheet } from './docs.ts';
import { parseTimecode } from './model.ts';
import { ThemeChip } from './ThemePicker.tsx';
import { useTimeRef } from '../room/mediaLabels.ts';
import { ToTakeaway } from '../selfreflection/ToTakeaway.tsx';

/** The worksheet's own word for a theme ("Contact" for echtheid), else the catalogue's. */
function choiceLabel(themeId: ThemeId): string {
  return worksheetThemeChoices.find((c) => c.themeIds[0] === themeId)?.label ?? themeById(themeId).shortLabel;
}

function Sightings({ ws, entry, position, mediaId, onSeek }: {
  ws: ReturnType<typeof worksheetOf>;
  entry: WorksheetEntryView;
  position: () => number;
  /** The file being watched: a new sighting is on it (TIMECODE-1). */
  mediaId: string | null;
  onSeek: (mediaId: string | null, s: number) => void;
}) {
  const id = useId();
  const timeRef = useTimeRef();
  const [at, setAt] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = (event: FormEvent): void => {
    event.preventDefault();
    const seconds = at.trim() === '' ? position() : parseTimecode(at);
    if (seconds === null) return setError(t('analysis.form.timeInvalid'));
    if (text.trim() === '') return setError(t('analysis.worksheet.seenTextMissing'));
    addSighting(ws, entry.themeId, { at: seconds, text: text.trim(), mediaId });
    setAt('');
    setText('');
    setError(null);
  };
  return (
    <div className="worksheet__seen">
      {entry.seen.length > 0 && (
        <ul className="worksheet__sightings" aria-label={worksheetFields.seen.label}>
          {entry.seen.map((s) => (
            <li key={s.id} className="worksheet__sighting" data-testid="worksheet-sighting" data-at={s.at}>
              <button type="button" className="obs__seek" aria-label={t('analysis.item.seekLabel', { time: timeRef(s.mediaId, s.at), text: s.text })} onClick={() => onSeek(s.mediaId, s.at)}>
                <span className="obs__time">{timeRef(s.mediaId, s.at)}</span>
                <span className="obs__text">{s.text}</span>
              </button>
              <button type="button" className="button button--link" aria-label={t('analysis.worksheet.removeSeenLabel', { time: timeRef(s.mediaId, s.at) })}
                onClick={() => removeSighting(ws, entry.themeId, s.id)}>{t('analysis.item.delete')}</button>
            </li>
          ))}
        </ul>
      )}
      <form className="worksheet__add" onSubmit={add} noValidate>
        <label className="visually-hidden" htmlFor={`${id}-at`}>{t('analysis.worksheet.seenTime')}</label>
        <input id={`${id}-at`} className="field__input worksheet__time" value={at} placeholder={t('analysis.worksheet.seenTimePlaceholder')} inputMode="numeric"
          autoComplete="off" onChange={(event) => setAt(event.target.value)} />
        <button type="button" className="button button--secondary" onClick={() => setAt(formatTime(position()))}>{t('analysis.form.now')}</button>
        <label className="visually-hidden" htmlFor={`${id}-text`}>{t('analysis.worksheet.seenText')}</label>
        <input id={`${id}-text`} className="field__input" value={text} maxLength={4_000} placeholder={t('analysis.worksheet.seenText')}
          autoComplete="off" data-testid="worksheet-seen-text" onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="button button--secondary" data-testid="worksheet-seen-add">{t('analysis.worksheet.seenAdd')}</button>
      </form>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}

export function WorksheetPanel({ layer, position, mediaId, onSeek, onTakeaway, takeaways = [] }: {
  layer: CollabSession;
  position: () => number;
  mediaId: string | null;
  onSeek: (mediaId: string | null, seconds: number) => void;
  /** Present when this person may add aandachtspunten: "Wat ik anders ga doen" becomes one (SELF-2). */
  onTakeaway?: (text: string) => boolean;
  takeaways?: readonly string[];
}) {
  const id = useId();
  const view = useWorksheet(layer);
  const cycleKind = useCycleKind();
  const ws = worksheetOf(layer.doc);
  const [removing, setRemoving] = useState<ThemeId | null>(null);
  const issues = validateWorksheet(asWorksheet(view)).filter((i) => i.code !== 'badTimecode');
  const chosen = new Set(view.entries.map((e) => e.themeId));
  const { min, max } = worksheetFields.focusThemes;

  const toggleTheme = (themeId: ThemeId): void => {
    if (!chosen.has(themeId)) return void addFocusTheme(ws, themeId);
    const entry = view.entries.find((e) => e.themeId === themeId);
    // Removing a theme throws its notes away: ask first when there is something written.
    if (entry && (entry.wonder.trim() || entry.change.trim() || entry.seen.length > 0)) setRemoving(themeId);
    else removeFocusTheme(ws, themeId);
  };
  const toggleWith = (w: (typeof watchWithIds)[number]): void =>
    setWatchWith(ws, view.watchWith.includes(w) ? view.watchWith.filter((x) => x !== w) : [...view.watchWith, w]);

  return (
    <div className="analysis-view worksheet" data-testid="worksheet" data-themes={view.entries.map((e) => e.themeId).join(' ')}>
      <p className="analysis-view__intro">{t('analysis.worksheet.intro')}</p>

      <fieldset className="worksheet__with">
        <legend className="field__label">{worksheetFields.watchWith.label}</legend>
        {watchWithIds.map((w) => (
          <label key={w} className="room__check">
            <input type="checkbox" data-testid="worksheet-with" data-with={w} checked={view.watchWith.includes(w)} onChange={() => toggleWith(w)} />
            {watchWithLabelFor(cycleKind, w)}
          </label>
        ))}
        {view.watchWith.includes('anders') && (
          <span className="field">
            <label className="visually-hidden" htmlFor={`${id}-other`}>{t('analysis.worksheet.withOther')}</label>
            <input id={`${id}-other`} className="field__input" value={view.watchWithOther} maxLength={200} placeholder={t('analysis.worksheet.withOther')}
              onChange={(event) => setWatchWith(ws, view.watchWith, event.target.value)} />
          </span>
        )}
      </fieldset>

      <div className="worksheet__themes" role="group" aria-labelledby={`${id}-themes`}>
        <span className="field__label" id={`${id}-themes`}>{worksheetFields.focusThemes.label}</span>
        <span className="field__hint">{t('analysis.worksheet.themesHint', { min, max })}</span>
        <span className="worksheet__choices">
          {worksheetThemeChoices.map((c) => {
            const themeId = c.themeIds[0]!;
            return (
              <span key={c.label} className="worksheet__choice" title={c.label}>
                <ThemeChip themeId={themeId} pressed={chosen.has(themeId)} disabled={chosen.size >= max} onToggle={() => toggleTheme(themeId)} />
                {c.label !== themeById(themeId).shortLabel && <span className="worksheet__alias">{c.label}</span>}
              </span>
            );
          })}
        </span>
      </div>

      {issues.length > 0 && (
        <ul className="worksheet__issues" data-testid="worksheet-issues">
          {issues.map((i) => <li key={i.code}>{worksheetIssueMessages[i.code]}</li>)}
        </ul>
      )}

      {view.entries.map((entry) => {
        const theme = themeById(entry.themeId);
        return (
          <section key={entry.themeId} className="worksheet__entry" data-testid="worksheet-entry" data-theme={entry.themeId}
            style={{ borderLeftColor: theme.color }} aria-labelledby={`${id}-${entry.themeId}`}>
            <h3 className="analysis-section__title" id={`${id}-${entry.themeId}`}>{t('analysis.worksheet.entryHeading', { theme: choiceLabel(entry.themeId) })}</h3>
            <p className="field__hint">{theme.question}</p>
            <details className="worksheet__questions">
              <summary>{t('analysis.guide.questions')}</summary>
              <ul className="guide__list">{theme.guidingQuestions.map((q) => <li key={q}>{q}</li>)}</ul>
            </details>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-${entry.themeId}-wonder`}>{worksheetFields.wonder.label}</label>
              <textarea id={`${id}-${entry.themeId}-wonder`} className="field__input" rows={2} value={entry.wonder} data-testid="worksheet-wonder"
                placeholder={worksheetFields.wonder.hint} onChange={(event) => setEntryText(ws, entry.themeId, 'wonder', event.target.value)} />
            </div>
            <div className="field">
              <span className="field__label">{worksheetFields.seen.label}</span>
              <span className="field__hint">{worksheetFields.seen.hint}</span>
              <Sightings ws={ws} entry={entry} position={position} mediaId={mediaId} onSeek={onSeek} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-${entry.themeId}-change`}>{worksheetFields.change.label}</label>
              <textarea id={`${id}-${entry.themeId}-change`} className="field__input" rows={2} value={entry.change} data-testid="worksheet-change"
                placeholder={worksheetFields.change.hint} onChange={(event) => setEntryText(ws, entry.themeId, 'change', event.target.value)} />
              {onTakeaway && <ToTakeaway text={entry.change} onTakeaway={onTakeaway} existing={takeaways} />}
              <details className="worksheet__questions">
                <summary>{t('analysis.guide.tips')}</summary>
                <ul className="guide__list">{theme.tips.map((tip) => <li key={tip}>{tip}</li>)}</ul>
              </details>
            </div>
          </section>
        );
      })}

      <ConfirmDialog
        open={removing !== null}
        title={t('analysis.worksheet.removeTitle', { theme: removing ? choiceLabel(removing) : '' })}
        body={t('analysis.worksheet.removeBody')}
        confirmLabel={t('analysis.worksheet.removeConfirm')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => {
          if (removing) removeFocusTheme(ws, removing);
          setRemoving(null);
        }}
        onCancel={() => setRemoving(null)}
      />
    </div>
  );
}
