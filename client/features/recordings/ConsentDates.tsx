import { todayInNl } from '../../../shared/protocol/media.ts';
import { Field } from '../../ui/primitives.tsx';
import { useKindT } from '../cycles/kind.ts';

export interface DateValues {
  clientSignedOn: string;
  managerSignedOn: string;
  retentionUntil: string;
}
export type DateField = keyof DateValues;

/**
 * The form's dates: beside the client's signature, beside the klantmanager's (the form is signed
 * by both, CONSENT-SIGN-1), and the end of the retention period.
 */
export function ConsentDates({ values, errors, onChange }: {
  values: DateValues;
  errors: Partial<Record<DateField, string>>;
  onChange: (field: DateField, value: string) => void;
}) {
  const t = useKindT();
  const today = todayInNl();
  return (
    <fieldset className="consent-form__row consent-form__dates">
      <legend className="decision__legend">{t('consentForm.signatures')}</legend>
      <Field label={t('consentForm.clientSignedOn')} error={errors.clientSignedOn ?? null}>
        {(props) => <input {...props} className="field__input" type="date" value={values.clientSignedOn} max={today}
          data-testid="client-signed-on" onChange={(event) => onChange('clientSignedOn', event.target.value)} />}
      </Field>
      <Field label={t('consentForm.managerSignedOn')} error={errors.managerSignedOn ?? null}>
        {(props) => <input {...props} className="field__input" type="date" value={values.managerSignedOn} max={today}
          data-testid="manager-signed-on" onChange={(event) => onChange('managerSignedOn', event.target.value)} />}
      </Field>
      <Field label={t('consentForm.retention')} hint={t('consentForm.retentionHint')} error={errors.retentionUntil ?? null}>
        {(props) => <input {...props} className="field__input" type="date" value={values.retentionUntil} min={today}
          onChange={(event) => onChange('retentionUntil', event.target.value)} />}
      </Field>
    </fieldset>
  );
}
