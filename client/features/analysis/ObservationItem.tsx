/**
 * One observation in a list: its moment (click to go there in the video), valence, kind, themes,
 * author and text; edit and delete where allowed; a short reply thread; "neem over" into the
 * shared list where offered.
 */
import { useState, type FormEvent } from 'react';
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { valenceLabels } from '../../../shared/kijkwijzer/analysis.ts';
import { observationKindFor } from '../../../shared/domain/cycle-kinds.ts';
import { useCycleKind } from '../cycles/kind.ts';
import { formatDateTime } from '../../ui/format.ts';
import { t } from '../../ui/i18n/nl.ts';
import { ObservationForm, type ObservationValues } from './ObservationForm.tsx';
import { useTimeRef } from '../room/mediaLabels.ts';
import { themeColor } from './model.ts';
import { ThemeTags } from './ThemePicker.tsx';

export interface ObservationActions {
  /** Go to this moment in the video. */
  onSeek: (o: Observation) => void;
  /** Where the video is now, for "Nu" in the edit form. */
  position: () => number;
  /** Whether this person may change / delete this one (default: yes, e.g. in their own layer). */
  canEdit?: (o: Observation) => boolean;
  canDelete?: (o: Observation) => boolean;
  onEdit?: (o: Observation, values: ObservationValues) => void;
  onDelete?: (o: Observation) => void;
  /** Without it the thread is read-only (published layers: the server's copy). */
  onReply?: (o: Observation, text: string) => void;
  canDeleteReply?: (reply: Reply) => boolean;
  onDeleteReply?: (o: Observation, reply: Reply) => void;
  /** "Neem over": copy into the shared list; `adopted` says it is already there. */
  onAdopt?: (o: Observation) => void;
  adopted?: ReadonlySet<string>;
  showAuthor?: boolean;
}

type Reply = Observation['replies'][number];

const replyMax = 500;

export function ObservationItem({ o, actions }: { o: Observation; actions: ObservationActions }) {
  const kind = useCycleKind();
  const [editing, setEditing] = useState(false);
  const timeRef = useTimeRef();
  const [repliesOpen, setRepliesOpen] = useState(false);
  const [reply, setReply] = useState('');
  const editable = actions.onEdit !== undefined && (actions.canEdit?.(o) ?? true);
  const deletable = actions.onDelete !== undefined && (actions.canDelete?.(o) ?? true);
  const time = timeRef(o.mediaId, o.start, o.end);
  const isAdopted = actions.adopted?.has(o.origin?.id ?? o.id) ?? false;

  if (editing && actions.onEdit) {
    return (
      <li className="obs obs--editing" data-testid="observation" data-id={o.id}>
        <ObservationForm
          initial={o}
          heading={t('analysis.form.editHeading', { time })}
          position={actions.position}
          onSave={(values) => {
            actions.onEdit!(o, values);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  const sendReply = (event: FormEvent): void => {
    event.preventDefault();
    const text = reply.trim();
    if (text === '' || !actions.onReply) return;
    actions.onReply(o, text);
    setReply('');
  };

  return (
    <li className={`obs obs--${o.valence}`} data-testid="observation" data-id={o.id} data-start={o.start} data-kind={o.kind}
      data-valence={o.valence} data-author={o.author} data-themes={o.themes.join(' ')} style={{ borderLeftColor: themeColor(o.themes) }}>
      <button type="button" className="obs__seek" data-testid="observation-seek" aria-label={t('analysis.item.seekLabel', { time, text: o.text })}
        onClick={() => actions.onSeek(o)}>
        <span className="obs__time">{time}</span>
        <span className="obs__text">{o.text}</span>
      </button>
      <span className="obs__meta">
        <span className={`valence valence--${o.valence}`}>{valenceLabels[o.valence]}</span>
        <span className="obs__kind">{observationKindFor(kind, o.kind).label}</span>
        <ThemeTags ids={o.themes} />
        {actions.showAuthor && <span className="obs__author" data-testid="observation-author">{o.authorName}</span>}
      </span>
      <span className="obs__actions">
        {editable && (
          <button type="button" className="button button--link" data-testid="observation-edit" aria-label={t('analysis.item.editLabel', { time })}
            onClick={() => setEditing(true)}>{t('analysis.item.edit')}</button>
        )}
        {deletable && (
          <button type="button" className="button button--link" data-testid="observation-delete" aria-label={t('analysis.item.deleteLabel', { time })}
            onClick={() => actions.onDelete!(o)}>{t('analysis.item.delete')}</button>
        )}
        {(actions.onReply || o.replies.length > 0) && (
          <button type="button" className="button button--link" data-testid="observation-replies" aria-expanded={repliesOpen}
            onClick={() => setRepliesOpen((open) => !open)}>
            {o.replies.length > 0 ? t('analysis.item.replies', { n: o.replies.length }) : t('analysis.item.reply')}
          </button>
        )}
        {actions.onAdopt && (
          isAdopted
            ? <span className="obs__adopted" data-testid="observation-adopted">{t('analysis.item.adopted')}</span>
            : <button type="button" className="button button--secondary" data-testid="observation-adopt" aria-label={t('analysis.item.adoptLabel', { time })}
                onClick={() => actions.onAdopt!(o)}>{t('analysis.item.adopt')}</button>
        )}
      </span>
      {repliesOpen && (
        <div className="obs__thread" data-testid="observation-thread">
          {o.replies.length > 0 && (
            <ul className="obs__replies" aria-label={t('analysis.item.threadLabel', { time })}>
              {o.replies.map((r) => (
                <li key={r.id} className="obs__reply" data-testid="observation-reply">
                  <span className="obs__reply-author">{r.authorName}</span>
                  <span className="obs__reply-at">{formatDateTime(r.at)}</span>
                  <span className="obs__reply-text">{r.text}</span>
                  {actions.onDeleteReply && (actions.canDeleteReply?.(r) ?? false) && (
                    <button type="button" className="button button--link" data-testid="observation-reply-delete"
                      aria-label={t('analysis.item.replyDeleteLabel', { name: r.authorName })} onClick={() => actions.onDeleteReply!(o, r)}>
                      {t('analysis.item.delete')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {actions.onReply && <form className="obs__reply-form" onSubmit={sendReply}>
            <label className="visually-hidden" htmlFor={`reply-${o.id}`}>{t('analysis.item.replyField')}</label>
            <input id={`reply-${o.id}`} className="field__input" value={reply} maxLength={replyMax} autoComplete="off"
              placeholder={t('analysis.item.replyField')} onChange={(event) => setReply(event.target.value)} />
            <button type="submit" className="button button--secondary" disabled={reply.trim() === ''}>{t('analysis.item.replySend')}</button>
          </form>}
        </div>
      )}
    </li>
  );
}
