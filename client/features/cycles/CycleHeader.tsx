import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CycleStatus, CycleSummary } from '../../../shared/domain/access.ts';
import { updateCycleBody } from '../../../shared/protocol/http.ts';
import { isApiError, updateCycle, type ApiErrorCode } from '../../api/index.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { Alert, Button, Field, StatusPill } from '../../ui/primitives.tsx';
import { ExportButtons } from '../export/ExportButtons.tsx';
import { kindProfile } from '../../../shared/domain/cycle-kinds.ts';
import { DeleteCycleDialog } from './DeleteCycleDialog.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useKindT } from './kind.ts';

/**
 * Title, counterpart and status of the cycle. The owner steers: rename, archive or reactivate,
 * delete with everything in it, and see who has had access. Everyone else reads.
 */
export function CycleHeader({ cycle, isOwner, onChange }: {
  cycle: CycleSummary;
  isOwner: boolean;
  onChange: (cycle: CycleSummary) => void;
}) {
  const t = useKindT();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const restoreFocus = useRef(false);
  useEffect(() => {
    // Back to where the person was once the form has closed, for keyboard users.
    if (!editing && restoreFocus.current) {
      restoreFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  const setStatus = async (status: CycleStatus): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      onChange(await updateCycle(cycle.id, { status }));
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    } finally {
      setBusy(false);
    }
  };

  const stopEditing = (): void => {
    restoreFocus.current = true;
    setEditing(false);
  };

  return (
    <header className="cycle-header">
      <nav className="cycle-header__crumbs" aria-label={t('nav.label')}>
        <Link href={paths.cycles}>{t('cycle.back')}</Link>
      </nav>
      <div className="cycle-header__row">
        <div className="cycle-header__text">
          <p className="page__eyebrow">
            {t('cycle.eyebrow')} · <span data-testid="cycle-kind">{kindProfile(cycle.kind).label}</span>
            {cycle.counterpart && <> · <span data-testid="cycle-counterpart">{t('cycle.with', { counterpart: cycle.counterpart })}</span></>}
          </p>
          <h1 className="page__title" data-testid="cycle-title">{cycle.title}</h1>
          <p className="cycle-header__meta">
            <span>{t('cycle.owner', { name: cycle.ownerName })}</span>
            <span>{t('cycle.myRole', { role: t(`role.${cycle.myRole}`) })}</span>
            <StatusPill tone={cycle.status === 'active' ? 'positive' : 'neutral'} data-testid="cycle-status" data-status={cycle.status}>
              <span className="visually-hidden">{t('cycle.statusLabel')}: </span>
              {t(`cycleStatus.${cycle.status}`)}
            </StatusPill>
          </p>
        </div>
        {isOwner && !editing && (
          <div className="cycle-header__actions" role="group" aria-label={t('cycle.actions')}>
            <Button variant="secondary" buttonRef={editButton} onClick={() => setEditing(true)}>{t('cycle.edit')}</Button>
            {cycle.status === 'active'
              ? <Button variant="secondary" busy={busy} onClick={() => void setStatus('archived')}>{t('cycle.archive')}</Button>
              : <Button variant="secondary" busy={busy} onClick={() => void setStatus('active')}>{t('cycle.reactivate')}</Button>}
            <Link href={paths.cycleAccess(cycle.id)} className="button button--link">{t('cycle.accessLog')}</Link>
            <Button variant="danger" onClick={() => setDeleting(true)}>{t('cycle.delete')}</Button>
          </div>
        )}
        <ExportButtons cycleId={cycle.id} />
      </div>
      {cycle.status === 'archived' && <p className="cycle-header__note">{t('cycle.archivedNote')}</p>}
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      {isOwner && <DeleteCycleDialog cycle={cycle} open={deleting} onClose={() => setDeleting(false)} />}
      {editing && (
        <EditCycleForm
          cycle={cycle}
          onSaved={(updated) => {
            onChange(updated);
            stopEditing();
          }}
          onCancel={stopEditing}
        />
      )}
    </header>
  );
}

function EditCycleForm({ cycle, onSaved, onCancel }: {
  cycle: CycleSummary;
  onSaved: (cycle: CycleSummary) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(cycle.title);
  const [counterpart, setCounterpart] = useState(cycle.counterpart);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = updateCycleBody.safeParse({ title, counterpart });
    if (!parsed.success) {
      setTitleError(t('newCycle.titleRequired'));
      return;
    }
    setTitleError(null);
    setFailure(null);
    setBusy(true);
    try {
      onSaved(await updateCycle(cycle.id, parsed.data));
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
      setBusy(false);
    }
  };

  return (
    <form className="form form--inline panel" onSubmit={submit} noValidate aria-label={t('cycle.editHeading')} data-testid="edit-cycle-form">
      <Field label={t('newCycle.title')} error={titleError}>
        {(props) => (
          // Opened on request, so focus goes straight to the field being edited.
          <input {...props} autoFocus className="field__input" name="title" value={title} maxLength={200} required autoComplete="off"
            onChange={(event) => setTitle(event.target.value)} />
        )}
      </Field>
      <Field label={t('newCycle.counterpart')} hint={t('newCycle.counterpartHint')}>
        {(props) => (
          <input {...props} className="field__input" name="counterpart" value={counterpart} maxLength={120} autoComplete="off"
            onChange={(event) => setCounterpart(event.target.value)} />
        )}
      </Field>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('common.save')}</Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
