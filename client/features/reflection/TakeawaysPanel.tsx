/**
 * Aandachtspunten (step 5): what the klantmanager takes along and will try next time — carried to
 * the next cycle with the same client, where it is checked — and a short evaluation of the
 * reflection itself, with the yardstick the reflection applies to the conversation.
 */
import { useId, useState } from 'react';
import { addTakeaway, evaluationFields, evaluationText, patchItem, takeawaysOf, type EvaluationField } from '../../../shared/domain/cycle-doc/intake.ts';
import {
  evaluationQuestions,
  takeawayKindDescriptions,
  takeawayKindLabels,
  takeawayKinds,
  takeawayPrompt,
  takeawayQuestions,
  type TakeawayKind,
} from '../../../shared/kijkwijzer/reflection.ts';
import type { CollabSession } from '../../collab/index.ts';
import { useMayWrite } from '../access/useMayWrite.ts';
import type { ReflectionProps } from './context.ts';
import { useEvaluationText, useTakeaways } from './doc.ts';
import { AddForm, EditableText } from './EditableText.tsx';
import { YTextArea } from './YTextArea.tsx';
import { useKindT } from '../cycles/kind.ts';

export function TakeawaysPanel({ session, cycle, user }: Pick<ReflectionProps, 'session' | 'cycle' | 'user'>) {
  const t = useKindT();
  const takeaways = useTakeaways(session);
  // The klantmanager and the researchers write them; colleagues read.
  const may = useMayWrite(session, cycle, user.id);
  const [kind, setKind] = useState<TakeawayKind>('aandachtspunt');
  const map = takeawaysOf(session.doc);

  return (
    <section className="panel reflection" aria-labelledby="takeaways-heading" data-testid="takeaways">
      <h2 className="panel__title" id="takeaways-heading">{t('takeaways.heading')}</h2>
      <p className="reflection__prompt">{takeawayPrompt}</p>
      <ul className="reflection__hints">{takeawayQuestions.map((q) => <li key={q}>{q}</li>)}</ul>
      <p className="reflection__note">{t('takeaways.carried')}</p>

      {takeaways.length === 0
        ? <p className="empty" data-testid="takeaways-empty">{t('takeaways.empty')}</p>
        : (
          <ul className="reflection__list" aria-labelledby="takeaways-heading">
            {takeaways.map((item) => (
              <li key={item.id} className="reflection__item" data-testid="takeaway" data-id={item.id} data-kind={item.kind}>
                <span className="badge">{takeawayKindLabels[item.kind]}</span>
                <EditableText value={item.text} label={takeawayKindLabels[item.kind]} canEdit={may('takeaways', 'change')} testId="takeaway"
                  onSave={(text) => patchItem(map, item.id, { text })}
                  {...(may('takeaways', 'delete') ? { onDelete: () => map.delete(item.id) } : {})} />
              </li>
            ))}
          </ul>
        )}
      {may('takeaways', 'add') && (
        <AddForm label={t('takeaways.addLabel')} submitLabel={t('takeaways.add')} disabled={false} testId="takeaway-add"
          placeholder={t('takeaways.placeholder')} onAdd={(text) => addTakeaway(map, text, kind)}>
          <select className="field__input add-form__select" aria-label={t('takeaways.kindLabel')} value={kind} data-testid="takeaway-kind"
            title={takeawayKindDescriptions[kind]} onChange={(event) => setKind(event.target.value as TakeawayKind)}>
            {takeawayKinds.map((k) => <option key={k} value={k}>{takeawayKindLabels[k]}</option>)}
          </select>
        </AddForm>
      )}

      <div className="reflection__group" data-testid="evaluation">
        <h3 className="reflection__subheading">{t('evaluation.heading')}</h3>
        <p className="reflection__note">{t('evaluation.intro')}</p>
        {evaluationFields.map((field) => (
          <EvaluationAnswer key={field} session={session} field={field} canWrite={may('evaluation', 'change')} />
        ))}
      </div>
    </section>
  );
}

function EvaluationAnswer({ session, field, canWrite }: { session: CollabSession; field: EvaluationField; canWrite: boolean }) {
  const text = useEvaluationText(session, field);
  const id = useId();
  const question = evaluationQuestions.find((q) => q.id === field);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>{question?.text ?? field}</label>
      {/* The answer's text is created on the first keystroke, and only by someone who may write it. */}
      <YTextArea text={text} create={canWrite ? () => evaluationText(session.doc, field) : null} id={id} disabled={!canWrite} testId={`evaluation-${field}`} />
    </div>
  );
}
