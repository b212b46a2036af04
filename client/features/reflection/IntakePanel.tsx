/**
 * Intake (step 1 of the cycle): the klantmanager's doubts (twijfels) and learning goals
 * (leerdoelen) about this conversation — the agenda's first pillar — and, for a follow-up
 * conversation with the same client, the check of last time's intentions.
 */
import { useState } from 'react';
import { addDoubt, doubtsOf, patchItem, type Doubt } from '../../../shared/domain/cycle-doc/intake.ts';
import { pillarFor } from '../../../shared/domain/cycle-kinds.ts';
import { mayWriteFor, useMayWrite } from '../access/useMayWrite.ts';
import type { ReflectionProps } from './context.ts';
import { useDoubts } from './doc.ts';
import { AddForm, EditableText } from './EditableText.tsx';
import { PreviousTakeaways } from './PreviousTakeaways.tsx';
import { useKindT } from '../cycles/kind.ts';

const kinds: readonly Doubt['kind'][] = ['twijfel', 'leerdoel'];

export function IntakePanel({ session, cycle, user }: Pick<ReflectionProps, 'session' | 'cycle' | 'user'>) {
  const t = useKindT();
  const doubts = useDoubts(session);
  // The klantmanager owns and steers the intake; the others read it to prepare.
  const may = useMayWrite(session, cycle, user.id);
  const writesIntake = mayWriteFor({ userId: user.id, role: cycle.myRole }, true)('doubts', 'add');
  const [kind, setKind] = useState<Doubt['kind']>('twijfel');
  const map = doubtsOf(session.doc);

  return (
    <section className="panel reflection" aria-labelledby="intake-heading" data-testid="intake">
      <h2 className="panel__title" id="intake-heading">{t('intake.heading')}</h2>
      <p className="reflection__prompt">{pillarFor(cycle.kind, 'doubts').prompt}</p>
      {!writesIntake && <p className="reflection__note" data-testid="intake-read-only">{t('intake.ownerWrites')}</p>}

      {kinds.map((k) => {
        const items = doubts.filter((d) => d.kind === k);
        return (
          <div key={k} className="reflection__group">
            <h3 className="reflection__subheading" id={`intake-${k}`}>{t(`intake.kind.${k}.plural`)}</h3>
            {items.length === 0
              ? <p className="empty">{t(`intake.kind.${k}.empty`)}</p>
              : (
                <ul className="reflection__list" aria-labelledby={`intake-${k}`}>
                  {items.map((d) => (
                    <li key={d.id} className="reflection__item" data-testid="doubt" data-id={d.id} data-kind={d.kind}>
                      <EditableText value={d.text} label={t(`intake.kind.${k}`)} canEdit={may('doubts', 'change')} testId="doubt"
                        onSave={(text) => patchItem(map, d.id, { text })}
                        {...(may('doubts', 'delete') ? { onDelete: () => map.delete(d.id) } : {})} />
                    </li>
                  ))}
                </ul>
              )}
          </div>
        );
      })}

      {may('doubts', 'add') && (
        <AddForm label={t('intake.addLabel')} placeholder={t('intake.addPlaceholder')} submitLabel={t('intake.add')} disabled={false}
          testId="doubt-add" onAdd={(text) => addDoubt(map, kind, text)}>
          <select className="field__input add-form__select" aria-label={t('intake.kindLabel')} value={kind} data-testid="doubt-kind"
            onChange={(event) => setKind(event.target.value as Doubt['kind'])}>
            {kinds.map((k) => <option key={k} value={k}>{t(`intake.kind.${k}`)}</option>)}
          </select>
        </AddForm>
      )}

      <PreviousTakeaways session={session} cycle={cycle} may={may} />
    </section>
  );
}
