import { useState, type FormEvent } from 'react';
import { isApiError, login, type ApiErrorCode } from '../../api/index.ts';
import { Link } from '../../routing/Link.tsx';
import { navigate, paths, returnParam, safeReturnPath, useSearch } from '../../routing/router.ts';
import { Alert, Button, Field, Panel } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { signedIn } from './session.ts';

/**
 * Route `/inloggen`. One generic message for a wrong address or password (the server does the
 * same), so the form does not reveal which accounts exist.
 */
export function LoginPage({ expired }: { expired: boolean }) {
  useDocumentTitle(t('login.title'));
  const search = useSearch();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email: boolean; password: boolean }>({ email: false, password: false });
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const nextMissing = { email: email.trim() === '', password: password === '' };
    setMissing(nextMissing);
    if (nextMissing.email || nextMissing.password) return;
    setFailure(null);
    setBusy(true);
    try {
      const user = await login(email.trim(), password);
      const target = safeReturnPath(new URLSearchParams(search).get(returnParam));
      signedIn(user);
      navigate(target ?? (user.isAdmin ? paths.admin : paths.cycles), { replace: true });
    } catch (error) {
      // A malformed address is as wrong as an unknown one: the same message for both.
      const code = isApiError(error) ? error.code : 'unexpected_response';
      setFailure(code === 'validation_failed' ? 'invalid_credentials' : code);
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow auth">
      <Panel>
        <form className="form" onSubmit={submit} noValidate data-testid="login-form" aria-labelledby="login-heading">
          <h1 className="page__title" id="login-heading">{t('login.heading')}</h1>
          <p className="form__intro">{t('login.intro')}</p>
          {expired && failure === null && <Alert tone="warning" data-testid="login-expired">{t('login.expired')}</Alert>}
          {failure !== null && <Alert tone="danger" data-testid="login-error">{errorMessage(failure)}</Alert>}
          <Field label={t('login.email')} error={missing.email ? t('common.required') : null}>
            {(props) => (
              <input {...props} className="field__input" type="email" name="email" value={email} autoComplete="username"
                spellCheck={false} required onChange={(event) => setEmail(event.target.value)} />
            )}
          </Field>
          <Field label={t('login.password')} error={missing.password ? t('common.required') : null}>
            {(props) => (
              <input {...props} className="field__input" type="password" name="password" value={password}
                autoComplete="current-password" required onChange={(event) => setPassword(event.target.value)} />
            )}
          </Field>
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('login.submit')}</Button>
            <Link href={paths.password}>{t('login.forgot')}</Link>
          </div>
        </form>
      </Panel>
    </div>
  );
}
