import { useId, useRef, useState, type FormEvent } from 'react';
import { consentUses, type ConsentUse } from '../../../shared/domain/consent.ts';
import { limits } from '../../../shared/limits/index.ts';
import { recordConsentBodyFor } from '../../../shared/protocol/media.ts';
import { isApiError, type ApiErrorCode } from '../../api/index.ts';
import { recordConsent, uploadConsentForm, type Recording } from '../../api/media.ts';
import { Alert, Button, Field } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useKindProfile , useKindT } from '../cycles/kind.ts';
import { ConsentDates, type DateField, type DateValues } from './ConsentDates.tsx';
import { formatBytes, todayIso } from './format.ts';

type Choice = boolean | null;
type TextField = DateField | 'recordedBy' | 'lawfulBasis';
type Errors = Partial<Record<ConsentUse | TextField | 'scan', string>>;
const textFields: readonly string[] = ['clientSignedOn', 'managerSignedOn', 'retentionUntil', 'recordedBy', 'lawfulBasis'];

const acceptForm = 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';

/**
 * The client's consent, as the owner takes it over from the signed form: one explicit yes or no
 * per use (nothing pre-ticked), the dates of both signatures, who recorded the conversation, the
 * lawful basis, the retention date, and the scan of the form (only the owner can ever open it;
 * until it is there, only the owner plays when the organisation asks for it: SCANGATE-1).
 */
export function ConsentForm({ cycleId, recording, onSaved, onClose }: {
  cycleId: string;
  recording: Recording;
  /** `scanFailure`: the consent was saved but the scan was refused. */
  onSaved: (recording: Recording, scanFailure: ApiErrorCode | null) => void;
  onClose: () => void;
}) {
  const t = useKindT();
  const current = recording.consent;
  // The uses this kind of cycle asks about (no client interview with a colleague), in its words.
  const profile = useKindProfile();
  const asked = consentUses.filter((u) => profile.consentFormLabels[u] !== undefined);
  const [decisions, setDecisions] = useState<Record<ConsentUse, Choice>>(() =>
    Object.fromEntries(consentUses.map((u) => [u, current ? current.decisions[u] : null])) as Record<ConsentUse, Choice>);
  const [dates, setDates] = useState<DateValues>(() => ({
    clientSignedOn: current?.clientSignedOn ?? todayIso(),
    managerSignedOn: current?.managerSignedOn ?? todayIso(),
    retentionUntil: current?.retentionUntil ?? '',
  }));
  const [recordedBy, setRecordedBy] = useState(current?.recordedBy ?? '');
  const [lawfulBasis, setLawfulBasis] = useState(current?.lawfulBasis ?? '');
  const [scan, setScan] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const maxScan = formatBytes(limits.maxConsentFormBytes);

  const validate = (): Errors => {
    const found: Errors = {};
    for (const use of asked) if (decisions[use] === null) found[use] = t('consentForm.decisionMissing');
    for (const field of ['clientSignedOn', 'managerSignedOn', 'retentionUntil'] as const) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dates[field])) found[field] = t('common.required');
    }
    if (recordedBy.trim() === '') found.recordedBy = t('common.required');
    if (!found.retentionUntil && dates.retentionUntil < todayIso()) found.retentionUntil = t('consentForm.retentionPast');
    if (scan !== null && scan.size > limits.maxConsentFormBytes) found.scan = t('consentForm.scanTooLarge', { max: maxScan });
    return found;
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setFailure(null);
    const found = validate();
    // The same schema as the server's, for this recording: its messages name the wrong date.
    const parsed = recordConsentBodyFor(recording).safeParse({
      decisions: Object.fromEntries(consentUses.map((u) => [u, decisions[u] === true])),
      ...dates,
      recordedBy,
      lawfulBasis,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (typeof field === 'string' && textFields.includes(field) && !found[field as TextField]) found[field as TextField] = issue.message;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) {
      // Focus the first field that needs attention.
      queueMicrotask(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const saved = await recordConsent(cycleId, recording.id, parsed.data);
      let scanFailure: ApiErrorCode | null = null;
      if (scan !== null) {
        try {
          await uploadConsentForm(cycleId, recording.id, scan);
        } catch (error) {
          scanFailure = isApiError(error) ? error.code : 'unexpected_response';
        }
      }
      onSaved(saved, scanFailure);
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form consent-form" onSubmit={submit} noValidate aria-labelledby={headingId} data-testid="consent-form">
      <h4 className="recording__subtitle" id={headingId}>
        {t(current === null ? 'consentForm.headingNew' : 'consentForm.headingEdit', { label: recording.label })}
      </h4>
      <p className="form__intro">{profile.consentIntro}</p>
      <div className="consent-form__uses">
        {asked.map((use) => (
          <DecisionField key={use} use={use} label={profile.consentFormLabels[use] ?? use} value={decisions[use]} error={errors[use] ?? null}
            onChange={(value) => setDecisions((d) => ({ ...d, [use]: value }))} />
        ))}
      </div>
      <ConsentDates values={dates} errors={errors} onChange={(field, value) => setDates((d) => ({ ...d, [field]: value }))} />
      <Field label={t('consentForm.recordedBy')} hint={t('consentForm.recordedByHint')} error={errors.recordedBy ?? null}>
        {(props) => <input {...props} className="field__input" type="text" value={recordedBy} maxLength={120} autoComplete="off"
          onChange={(event) => setRecordedBy(event.target.value)} />}
      </Field>
      <Field label={t('consentForm.lawfulBasis')} hint={t('consentForm.lawfulBasisHint')} error={errors.lawfulBasis ?? null}>
        {(props) => <textarea {...props} className="field__input" rows={2} value={lawfulBasis} maxLength={limits.consentNoteMaxLength}
          onChange={(event) => setLawfulBasis(event.target.value)} />}
      </Field>
      <Field label={t('consentForm.scan')}
        hint={t(current?.hasForm ? 'consentForm.scanReplaceHint' : 'consentForm.scanHint', { max: maxScan })}
        error={errors.scan ?? null}>
        {(props) => <input {...props} className="field__input" type="file" accept={acceptForm}
          onChange={(event) => setScan(event.target.files?.[0] ?? null)} />}
      </Field>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('consentForm.submit')}</Button>
        <Button variant="secondary" onClick={onClose} disabled={busy}>{t('consentForm.close')}</Button>
      </div>
    </form>
  );
}

/** One use: an explicit "Ja" or "Nee" (a radio group named after the use). */
function DecisionField({ use, label, value, error, onChange }: {
  use: ConsentUse;
  label: string;
  value: Choice;
  error: string | null;
  onChange: (value: boolean) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className="decision" data-testid="consent-use" data-use={use} aria-describedby={error ? errorId : undefined}>
      <legend className="decision__legend">{label}</legend>
      <div className="decision__options">
        <label className="decision__option">
          <input type="radio" name={`${id}-${use}`} checked={value === true} onChange={() => onChange(true)}
            aria-invalid={error ? true : undefined} />
          {t('consentForm.yes')}
        </label>
        <label className="decision__option">
          <input type="radio" name={`${id}-${use}`} checked={value === false} onChange={() => onChange(false)}
            aria-invalid={error ? true : undefined} />
          {t('consentForm.no')}
        </label>
      </div>
      {error && <p className="field__error" id={errorId}>{error}</p>}
    </fieldset>
  );
}
