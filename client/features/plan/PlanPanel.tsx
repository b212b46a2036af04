/**
 * The stappenplan of a cycle (STEPS-1): the method's steps with a status, a date where the
 * method names a moment (opname, interview, reflectiegesprek, vervolggesprek) and, for a skipped
 * step, the reason ("Geen cliëntinterview" is a decision). The owner sets them; everyone else reads.
 */
import { useId, useState, type FormEvent } from 'react';
import type { CycleSummary } from '../../../shared/domain/access.ts';
import { isOpenWithDate, planStepsFor, stepStatuses, stepStatusLabels, stepUpdateBody, type PlanStep, type PlanStepState, type StepStatus } from '../../../shared/domain/plan.ts';
import { isApiError, type ApiErrorCode } from '../../api/index.ts';
import { fetchSteps, updateStep } from '../../api/plan.ts';
import { useResource } from '../../api/useResource.ts';
import { formatDay } from '../../ui/format.ts';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { Alert, StatusPill } from '../../ui/primitives.tsx';
import { useKindT } from '../cycles/kind.ts';

export function PlanPanel({ cycle, onSaved }: { cycle: CycleSummary; onSaved?: (steps: PlanStepState[]) => void }) {
  const [steps, { set }] = useResource(() => fetchSteps(cycle.id), `steps:${cycle.id}`);
  const isOwner = cycle.myRole === 'owner' && cycle.status === 'active';
  const catalogue = planStepsFor(cycle.kind);
  // Closed by default, so the room stays in view; the summary line tells the next date.
  const next = steps.status === 'ready' ? nextDated(steps.data, catalogue) : null;
  return (
    <details className="panel plan" data-testid="plan">
      <summary className="plan__summary">
        <span className="panel__title">{t('plan.heading')}</span>{' '}
        <span className="field__hint" data-testid="plan-next">
          {next ? t('cycles.next', { date: formatDay(next.date), step: next.label }) : t('cycles.nextNone')}
        </span>
      </summary>
      <p className="field__hint">{isOwner ? t('plan.intro') : t('plan.introReadOnly')}</p>
      {steps.status === 'loading' && <p aria-busy="true">{t('plan.loading')}</p>}
      {steps.status === 'error' && <Alert tone="danger">{errorMessage(steps.error.code)}</Alert>}
      {steps.status === 'ready' && (
        <ol className="plan__steps">
          {catalogue.map((step) => {
            const state = steps.data.find((s) => s.id === step.id);
            if (!state) return null;
            return (
              <li key={step.id} className="plan__step" data-testid="plan-step" data-step={step.id} data-status={state.status} data-date={state.date ?? ''}>
                {isOwner
                  ? <StepForm cycleId={cycle.id} step={step} state={state} onSaved={(next) => { set(() => next); onSaved?.(next); }} />
                  : <StepView step={step} state={state} />}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}

function StepView({ step, state }: { step: PlanStep; state: PlanStepState }) {
  const tone = state.status === 'klaar' ? 'positive' : state.status === 'bezig' ? 'warning' : 'neutral';
  return (
    <p className="plan__line">
      <strong>{step.label}</strong>{' '}
      <StatusPill tone={tone}>{stepStatusLabels[state.status]}</StatusPill>
      {step.dateLabel && state.date && <span> · {step.dateLabel} {formatDay(state.date)}</span>}
      {state.status === 'overgeslagen' && <span data-testid="plan-reason"> · {t('plan.skipped', { skip: step.skipLabel, reason: state.reason })}</span>}
    </p>
  );
}

function StepForm({ cycleId, step, state, onSaved }: { cycleId: string; step: PlanStep; state: PlanStepState; onSaved: (steps: PlanStepState[]) => void }) {
  const t = useKindT();
  const id = useId();
  const [status, setStatus] = useState<StepStatus>(state.status);
  const [date, setDate] = useState(state.date ?? '');
  const [reason, setReason] = useState(state.reason);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = stepUpdateBody.safeParse({ status, date: step.dateLabel && date ? date : null, reason });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? t('plan.reason', { skip: step.skipLabel }));
    setError(null);
    setFailure(null);
    setBusy(true);
    setSaved(false);
    try {
      onSaved(await updateStep(cycleId, step.id, parsed.data));
      setSaved(true);
    } catch (e) {
      setFailure(isApiError(e) ? e.code : 'unexpected_response');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="plan__form" onSubmit={submit} noValidate aria-labelledby={`${id}-label`}>
      <span className="plan__label" id={`${id}-label`}><strong>{step.label}</strong> <span className="field__hint">{step.text}</span></span>
      <label className="visually-hidden" htmlFor={`${id}-status`}>{t('plan.status', { step: step.label })}</label>
      <select id={`${id}-status`} className="field__input plan__status" value={status} data-testid="plan-status"
        onChange={(event) => setStatus(event.target.value as StepStatus)}>
        {stepStatuses.map((s) => <option key={s} value={s}>{stepStatusLabels[s]}</option>)}
      </select>
      {step.dateLabel && (
        <span className="plan__date">
          <label htmlFor={`${id}-date`}>{step.dateLabel}</label>
          <input id={`${id}-date`} type="date" className="field__input" value={date} data-testid="plan-date"
            aria-describedby={step.dateHint ? `${id}-hint` : undefined} onChange={(event) => setDate(event.target.value)} />
          {step.dateHint && <span className="field__hint" id={`${id}-hint`}>{step.dateHint}</span>}
        </span>
      )}
      {status === 'overgeslagen' && (
        <span className="plan__reason">
          <label htmlFor={`${id}-reason`}>{t('plan.reason', { skip: step.skipLabel })}</label>
          <input id={`${id}-reason`} className="field__input" value={reason} maxLength={1_000} data-testid="plan-reason-input"
            placeholder={t('plan.reasonPlaceholder')} onChange={(event) => setReason(event.target.value)} />
        </span>
      )}
      <button type="submit" className="button button--secondary" disabled={busy} data-testid="plan-save">{t('plan.save')}</button>
      {saved && <span role="status" className="field__hint">{t('plan.saved')}</span>}
      {error && <p className="field__error">{error}</p>}
      {failure && <Alert tone="danger">{errorMessage(failure)}</Alert>}
    </form>
  );
}

/** The earliest date of a step still to come, as Mijn cycli shows it (STEPS-2). */
function nextDated(steps: readonly PlanStepState[], catalogue: readonly PlanStep[]): { date: string; label: string } | null {
  const open = steps.filter(isOpenWithDate).sort((a, b) => a.date!.localeCompare(b.date!) || a.id.localeCompare(b.id))[0];
  if (!open?.date) return null;
  return { date: open.date, label: catalogue.find((c) => c.id === open.id)?.dateLabel ?? '' };
}
