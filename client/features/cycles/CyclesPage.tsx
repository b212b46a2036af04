import { useState, type FormEvent } from 'react';
import type { CycleSummary, PublicUser } from '../../../shared/domain/access.ts';
import { createCycleBody } from '../../../shared/protocol/http.ts';
import { createCycle, isApiError, listCycles, type ApiErrorCode } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { navigate, paths } from '../../routing/router.ts';
import { formatDateTime, formatDay, isoDateTime } from '../../ui/format.ts';
import { cycleKinds, defaultCycleKind, kindProfile, type CycleKind } from '../../../shared/domain/cycle-kinds.ts';
import { planStepFor } from '../../../shared/domain/plan.ts';
import { Alert, Button, Field, Panel, StatusPill } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { PageForError } from '../errors/ErrorPages.tsx';
import { PreviousCycleField } from '../reflection/PreviousCycleField.tsx';
import { kindT } from './kind.ts';

/** Route `/cycli`: the cycles this person takes part in, and a form to start a new one. */
export function CyclesPage({ user }: { user: PublicUser }) {
  useDocumentTitle(t('cycles.title'));
  if (user.isAdmin) {
    // Administrators manage accounts; the server would refuse them every cycle anyway.
    return (
      <div className="page page--narrow">
        <h1 className="page__title">{t('cycles.heading')}</h1>
        <Alert tone="warning">{errorMessage('admin_no_content')}</Alert>
        <p>{t('cycles.adminNote')} <Link href={paths.admin}>{t('cycles.toAdmin')}</Link></p>
      </div>
    );
  }
  return <CyclesOverview user={user} />;
}

function CyclesOverview({ user }: { user: PublicUser }) {
  const [cycles, { reload }] = useResource(listCycles, `cycles:${user.id}`);
  return (
    <div className="page">
      <div className="page__header">
        <h1 className="page__title">{t('cycles.heading')}</h1>
        <p className="page__intro">{t('cycles.intro')}</p>
      </div>
      <div className="page__grid">
        <div>
          {cycles.status === 'loading' && <p className="page__loading" aria-busy="true">{t('cycles.loading')}</p>}
          {cycles.status === 'error' && <PageForError error={cycles.error} isAdmin={false} onRetry={reload} />}
          {cycles.status === 'ready' && <CycleList cycles={cycles.data} />}
        </div>
        <Panel title={t('newCycle.heading')}>
          <NewCycleForm cycles={cycles.status === 'ready' ? cycles.data : []} />
        </Panel>
      </div>
    </div>
  );
}

function CycleList({ cycles }: { cycles: readonly CycleSummary[] }) {
  if (cycles.length === 0) return <p className="empty" data-testid="cycle-list-empty">{t('cycles.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="cycle-list" aria-label={t('cycles.listLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('cycles.col.title')}</th>
            <th scope="col">{t('cycles.col.counterpart')}</th>
            <th scope="col">{t('cycles.col.role')}</th>
            <th scope="col">{t('cycles.col.owner')}</th>
            <th scope="col">{t('cycles.col.status')}</th>
            <th scope="col">{t('cycles.col.next')}</th>
            <th scope="col">{t('cycles.col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {cycles.map((cycle) => (
            <tr key={cycle.id} data-testid="cycle-row" data-cycle-id={cycle.id}>
              <th scope="row"><Link href={paths.cycle(cycle.id)}>{cycle.title}</Link></th>
              <td>{cycle.counterpart || t('common.none')}</td>
              <td>{kindT(cycle.kind)(`role.${cycle.myRole}`)}</td>
              <td>{cycle.ownerName}</td>
              <td>
                <StatusPill tone={cycle.status === 'active' ? 'positive' : 'neutral'}>{t(`cycleStatus.${cycle.status}`)}</StatusPill>
              </td>
              <td data-testid="cycle-next" data-date={cycle.nextDate ?? ''}>
                {cycle.nextDate && cycle.nextStep
                  ? <time dateTime={cycle.nextDate}>{t('cycles.next', { date: formatDay(cycle.nextDate), step: planStepFor(cycle.kind, cycle.nextStep)?.dateLabel ?? '' })}</time>
                  : t('cycles.nextNone')}
              </td>
              <td><time dateTime={isoDateTime(cycle.updatedAt)}>{formatDateTime(cycle.updatedAt)}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewCycleForm({ cycles }: { cycles: readonly CycleSummary[] }) {
  const [title, setTitle] = useState('');
  const [counterpart, setCounterpart] = useState('');
  const [previousCycleId, setPreviousCycleId] = useState('');
  const [kind, setKind] = useState<CycleKind>(defaultCycleKind);
  const profile = kindProfile(kind);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = createCycleBody.safeParse({ title, counterpart, kind, ...(previousCycleId ? { previousCycleId } : {}) });
    if (!parsed.success) {
      setTitleError(t('newCycle.titleRequired'));
      return;
    }
    setTitleError(null);
    setFailure(null);
    setBusy(true);
    try {
      const cycle = await createCycle(parsed.data);
      navigate(paths.cycle(cycle.id));
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="new-cycle-form">
      <p className="form__intro">{t('newCycle.intro')}</p>
      <Field label={t('newCycle.title')} hint={t('newCycle.titleHint')} error={titleError}>
        {(props) => (
          <input {...props} className="field__input" name="title" value={title} maxLength={200} required autoComplete="off"
            onChange={(event) => setTitle(event.target.value)} />
        )}
      </Field>
      <fieldset className="field" data-testid="new-cycle-kind">
        <legend className="field__label">{t('newCycle.kind')}</legend>
        <span className="field__hint">{t('newCycle.kindHint')}</span>
        {cycleKinds.map((k) => (
          <label key={k} className="room__check">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {kindProfile(k).label}
          </label>
        ))}
      </fieldset>
      <Field label={profile.counterpartLabel} hint={profile.counterpartHint}>
        {(props) => (
          <input {...props} className="field__input" name="counterpart" value={counterpart} maxLength={120} autoComplete="off"
            onChange={(event) => setCounterpart(event.target.value)} />
        )}
      </Field>
      <PreviousCycleField kind={kind} cycles={cycles} value={previousCycleId} onChange={(previous) => {
        setPreviousCycleId(previous?.id ?? '');
        // A follow-up is with the same client: offer the same label.
        if (previous && counterpart.trim() === '') setCounterpart(previous.counterpart);
        // …and the same kind of conversation.
        if (previous) setKind(previous.kind);
      }} />
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('newCycle.submit')}</Button>
      </div>
    </form>
  );
}
