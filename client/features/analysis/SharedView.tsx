/**
 * "Gedeeld": what the group has. Above, the shared list the reflection works from (observations
 * and questions taken over, or added together); below, every published layer, attributed to
 * its analyst, from which an observation or question can be taken over ("neem over").
 *
 * Who may do what is the rule table's answer (`observations`): anyone adds and replies, only the
 * author changes or deletes an observation. Published layers are the server's copy: read only.
 */
import { useState } from 'react';
import type { PublicUser } from '../../../shared/domain/access.ts';
import { formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import {
  addObservation,
  addReply,
  copyObservations,
  deleteObservation,
  observationsOf,
  updateObservation,
  type Observation,
} from '../../../shared/domain/cycle-doc/observations.ts';
import type { CollabSession } from '../../collab/session.ts';
import type { MayWrite } from '../access/useMayWrite.ts';
import { Button } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';
import type { Draft } from './AnalysisPanel.tsx';
import { deleteReply } from './docs.ts';
import { adoptedIds, type ObservationFilter } from './model.ts';
import { ObservationForm } from './ObservationForm.tsx';
import type { ObservationActions } from './ObservationItem.tsx';
import { ObservationList } from './ObservationList.tsx';

/**
 * Copies one observation (published or compared) into the shared list; nothing twice. The copy is
 * the adopter's entry (an entry's author is always who added it); `origin` keeps where it came from.
 */
export function adopt(session: CollabSession, o: Observation, by: Pick<PublicUser, 'id' | 'name'>): void {
  copyObservations([{ ...o, author: by.id, authorName: by.name }], observationsOf(session.doc), o.origin?.layer ?? o.author);
}

export function SharedView({ session, user, may, shared, published, draft, onDraft, onMark, filters, onFilters, actions }: {
  session: CollabSession;
  user: PublicUser;
  may: MayWrite;
  shared: readonly Observation[];
  published: ReadonlyMap<string, Observation[]>;
  draft: Draft | null;
  onDraft: (draft: Draft | null) => void;
  onMark: () => void;
  filters: { shared: ObservationFilter; published: ObservationFilter };
  onFilters: (next: { shared: ObservationFilter; published: ObservationFilter }) => void;
  actions: Pick<ObservationActions, 'onSeek' | 'position'>;
}) {
  const [adding, setAdding] = useState(false);
  const map = observationsOf(session.doc);
  const all = [...published.values()].flat().sort((a, b) => a.start - b.start || a.createdAt - b.createdAt);
  const adopted = adoptedIds(shared);
  const canAdd = may('observations', 'add');
  const canReply = may('observations', 'add', { sub: 'replies' });

  return (
    <div className="analysis-view" data-testid="shared-view">
      <section className="analysis-section" aria-labelledby="shared-list-heading">
        <h3 className="analysis-section__title" id="shared-list-heading">{t('analysis.shared.listHeading')}</h3>
        <p className="analysis-view__intro">{t('analysis.shared.listIntro')}</p>
        {!adding && canAdd && (
          <div className="analysis-view__bar">
            <Button variant="secondary" data-testid="shared-add" onClick={() => { onMark(); setAdding(true); }}>{t('analysis.shared.add')}</Button>
          </div>
        )}
        {adding && canAdd && draft !== null && (
          <ObservationForm
            key={draft.key}
            initial={draft}
            heading={t('analysis.form.newSharedHeading', { time: formatTime(draft.start) })}
            position={actions.position}
            onSave={(values) => {
              addObservation(map, { ...values, mediaId: draft.mediaId, author: user.id, authorName: user.name });
              onDraft(null);
              setAdding(false);
            }}
            onCancel={() => {
              onDraft(null);
              setAdding(false);
            }}
          />
        )}
        <ObservationList
          list={shared}
          filter={filters.shared}
          onFilter={(next) => onFilters({ ...filters, shared: next })}
          label={t('analysis.shared.listHeading')}
          empty={t('analysis.shared.listEmpty')}
          testId="shared-observations"
          actions={{
            ...actions,
            showAuthor: true,
            canEdit: (o) => may('observations', 'change', { author: o.author }),
            canDelete: (o) => may('observations', 'delete', { author: o.author }),
            onEdit: (o, values) => updateObservation(map, o.id, values),
            onDelete: (o) => deleteObservation(map, o.id),
            ...(canReply ? { onReply: (o: Observation, text: string) => void addReply(map, o.id, { author: user.id, authorName: user.name, text }) } : {}),
            canDeleteReply: (reply) => may('observations', 'delete', { sub: 'replies', author: reply.author }),
            onDeleteReply: (o, reply) => deleteReply(map, o.id, reply.id),
          }}
        />
      </section>

      <section className="analysis-section" aria-labelledby="published-heading">
        <h3 className="analysis-section__title" id="published-heading">{t('analysis.shared.publishedHeading')}</h3>
        <p className="analysis-view__intro">{t('analysis.shared.publishedIntro')}</p>
        <ObservationList
          list={all}
          filter={filters.published}
          onFilter={(next) => onFilters({ ...filters, published: next })}
          label={t('analysis.shared.publishedHeading')}
          empty={t('analysis.shared.publishedEmpty')}
          testId="published-observations"
          actions={{
            ...actions,
            showAuthor: true,
            ...(canAdd ? { onAdopt: (o: Observation) => adopt(session, o, user), adopted } : {}),
          }}
        />
      </section>
    </div>
  );
}
