import { useState, type FormEvent } from 'react';
import { createUserBody } from '../../../shared/protocol/http.ts';
import { createUser, isApiError, type ApiErrorCode, type CreatedUser } from '../../api/index.ts';
import { Alert, Button, Field } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';

/** "Nieuw account": name and address; the answer says how the invitation goes out. */
export function CreateUserForm({ initial, onCreated }: { initial: { email: string; name: string } | null; onCreated: (created: CreatedUser) => void }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [errors, setErrors] = useState<{ name: string | null; email: string | null }>({ name: null, email: null });
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = createUserBody.safeParse({ name, email });
    if (!parsed.success) {
      const bad = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      setErrors({
        name: bad.has('name') ? t('common.required') : null,
        email: bad.has('email') ? (email.trim() === '' ? t('common.required') : t('common.emailInvalid')) : null,
      });
      return;
    }
    setErrors({ name: null, email: null });
    setFailure(null);
    setBusy(true);
    try {
      const created = await createUser(parsed.data.email, parsed.data.name);
      setName('');
      setEmail('');
      onCreated(created);
    } catch (error) {
      const code = isApiError(error) ? error.code : 'unexpected_response';
      if (code === 'user_exists') setErrors({ name: null, email: errorMessage(code) });
      else setFailure(code);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="create-user-form">
      <Field label={t('admin.createName')} error={errors.name}>
        {(props) => (
          <input {...props} className="field__input" name="name" value={name} maxLength={120} autoComplete="off"
            required onChange={(event) => setName(event.target.value)} />
        )}
      </Field>
      <Field label={t('admin.createEmail')} error={errors.email}>
        {(props) => (
          <input {...props} className="field__input" type="email" name="email" value={email} maxLength={254}
            autoComplete="off" spellCheck={false} required onChange={(event) => setEmail(event.target.value)} />
        )}
      </Field>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('admin.createSubmit')}</Button>
      </div>
    </form>
  );
}
