import { useEffect, useState, type FormEvent } from 'react';
import { passwordResetRequestBody, tokenPasswordBody } from '../../../shared/protocol/http.ts';
import { isApiError, requestPasswordReset, setPasswordWithToken, type ApiErrorCode } from '../../api/index.ts';
import { Link } from '../../routing/Link.tsx';
import { navigate, paths } from '../../routing/router.ts';
import { Alert, Button, Field, Notice, Panel } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { signedIn } from './session.ts';

const minPasswordLength = 10;

/**
 * The one-time token travels in the fragment (`/wachtwoord#token=…`): fragments are never sent
 * to a server, so it cannot end up in access logs or a Referer. It is read once and removed from
 * the address bar (and so from the history) right away.
 */
function readTokenFromHash(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return token !== null && token !== '' ? token : null;
}

/** Route `/wachtwoord`: choose a password from an invite or reset link, or ask for a reset link. */
export function PasswordPage() {
  useDocumentTitle(t('password.title'));
  // Lazy state: read once on mount; the effect then clears the hash.
  const [token] = useState(readTokenFromHash);
  useEffect(() => {
    if (window.location.hash !== '') {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
  }, []);
  return token === null ? <RequestResetForm /> : <SetPasswordForm token={token} />;
}

function SetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password: string | null; repeat: string | null }>({ password: null, repeat: null });
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = tokenPasswordBody.safeParse({ token, password });
    const passwordOk = parsed.success || !parsed.error.issues.some((issue) => issue.path[0] === 'password');
    const next = {
      password: passwordOk ? null : t('password.tooShort', { min: minPasswordLength }),
      repeat: passwordOk && repeat !== password ? t('password.mismatch') : null,
    };
    setErrors(next);
    if (next.password !== null || next.repeat !== null) return;
    if (!parsed.success) {
      // Only the token can be wrong now: a mangled link.
      setFailure('token_invalid');
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      const user = await setPasswordWithToken(parsed.data.token, parsed.data.password);
      signedIn(user);
      navigate(user.isAdmin ? paths.admin : paths.cycles, { replace: true });
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow auth">
      <Panel>
        <form className="form" onSubmit={submit} noValidate data-testid="set-password-form" aria-labelledby="password-heading">
          <h1 className="page__title" id="password-heading">{t('password.setHeading')}</h1>
          <p className="form__intro">{t('password.setIntro', { min: minPasswordLength })}</p>
          {failure !== null && (
            <Alert tone="danger">
              <p>{errorMessage(failure)}</p>
              {failure === 'token_invalid' && <p><Link href={paths.password}>{t('password.requestSubmit')}</Link></p>}
            </Alert>
          )}
          <Field label={t('password.new')} error={errors.password}>
            {(props) => (
              <input {...props} className="field__input" type="password" name="new-password" value={password}
                autoComplete="new-password" minLength={minPasswordLength} required onChange={(event) => setPassword(event.target.value)} />
            )}
          </Field>
          <Field label={t('password.repeat')} error={errors.repeat}>
            {(props) => (
              <input {...props} className="field__input" type="password" name="repeat-password" value={repeat}
                autoComplete="new-password" required onChange={(event) => setRepeat(event.target.value)} />
            )}
          </Field>
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('password.submit')}</Button>
          </div>
        </form>
      </Panel>
    </div>
  );
}

function RequestResetForm() {
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = passwordResetRequestBody.safeParse({ email });
    if (!parsed.success) {
      setEmailError(email.trim() === '' ? t('common.required') : t('common.emailInvalid'));
      return;
    }
    setEmailError(null);
    setFailure(null);
    setBusy(true);
    try {
      await requestPasswordReset(parsed.data.email);
      setSent(true);
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow auth">
      <Panel>
        <form className="form" onSubmit={submit} noValidate data-testid="reset-request-form" aria-labelledby="reset-heading">
          <h1 className="page__title" id="reset-heading">{t('password.requestHeading')}</h1>
          <p className="form__intro">{t('password.requestIntro')}</p>
          {sent && <Notice data-testid="reset-sent">{t('password.requestSent')}</Notice>}
          {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
          <Field label={t('login.email')} error={emailError}>
            {(props) => (
              <input {...props} className="field__input" type="email" name="email" value={email} autoComplete="username"
                spellCheck={false} required onChange={(event) => setEmail(event.target.value)} />
            )}
          </Field>
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('password.requestSubmit')}</Button>
            <Link href={paths.login}>{t('password.backToLogin')}</Link>
          </div>
        </form>
      </Panel>
    </div>
  );
}
