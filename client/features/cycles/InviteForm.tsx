import { useRef, useState, type FormEvent } from 'react';
import type { CycleRole, Member } from '../../../shared/domain/access.ts';
import { addMemberBody } from '../../../shared/protocol/http.ts';
import { addMember, isApiError, requestAccount, type ApiErrorCode } from '../../api/index.ts';
import { Alert, Button, Field } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useKindT } from './kind.ts';

const invitableRoles = ['researcher', 'colleague'] as const satisfies readonly CycleRole[];
type InvitableRole = (typeof invitableRoles)[number];

/**
 * "Iemand uitnodigen": an address with an account joins at once; an unknown address gets a next
 * step (ask the beheerder for an account, or, where the organisation allows it, the server makes
 * the account and sends the invitation).
 */
export function InviteForm({ cycleId, onInvited, onStart }: {
  cycleId: string;
  onInvited: (members: Member[] | null, message: string) => void;
  onStart: () => void;
}) {
  const t = useKindT();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>('researcher');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [unknown, setUnknown] = useState<{ email: string; role: InvitableRole } | null>(null);
  const emailInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    onStart();
    setFailure(null);
    setUnknown(null);
    const parsed = addMemberBody.safeParse({ email, role });
    if (!parsed.success) {
      setEmailError(email.trim() === '' ? t('common.required') : t('common.emailInvalid'));
      emailInput.current?.focus();
      return;
    }
    setEmailError(null);
    setBusy(true);
    try {
      const { members, invitation } = await addMember(cycleId, parsed.data);
      const added = members.find((m) => m.email === parsed.data.email);
      setEmail('');
      if (invitation) onInvited(members, t(invitation.mailed ? 'members.createdMailed' : 'members.createdNoMail', { email: invitation.email }));
      else if (added) onInvited(members, t('members.invited', { name: added.name, role: t(`role.${added.role}`) }));
    } catch (error) {
      const code = isApiError(error) ? error.code : 'unexpected_response';
      if (code === 'user_not_found') setUnknown({ email: parsed.data.email, role: parsed.data.role });
      else if (code === 'already_member') {
        // Problems with the address belong next to the address field.
        setEmailError(errorMessage(code));
        emailInput.current?.focus();
      } else setFailure(code);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form members__invite" onSubmit={submit} noValidate data-testid="invite-form" aria-labelledby="invite-heading">
      <h3 className="members__subtitle" id="invite-heading">{t('members.inviteHeading')}</h3>
      <Field label={t('members.inviteEmail')} hint={t('members.inviteHint')} error={emailError}>
        {(props) => (
          <input {...props} ref={emailInput} className="field__input" type="email" name="email" value={email} maxLength={254}
            autoComplete="off" spellCheck={false} onChange={(event) => setEmail(event.target.value)} />
        )}
      </Field>
      <Field label={t('members.inviteRole')}>
        {(props) => (
          <select {...props} className="field__input" name="role" value={role}
            onChange={(event) => setRole(event.target.value as InvitableRole)}>
            {invitableRoles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        )}
      </Field>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('members.inviteSubmit')}</Button>
      </div>
      {unknown !== null && (
        <RequestAccount cycleId={cycleId} email={unknown.email} role={unknown.role}
          onDone={(message) => { setUnknown(null); setEmail(''); onInvited(null, message); }} />
      )}
    </form>
  );
}

/** The next step for an address without an account: a request the beheerder sees. */
function RequestAccount({ cycleId, email, role, onDone }: { cycleId: string; email: string; role: InvitableRole; onDone: (message: string) => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const send = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      await requestAccount(cycleId, { email, name, role });
      onDone(t('members.requested', { email }));
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="members__request" role="group" aria-labelledby="request-heading" data-testid="request-account">
      <h4 id="request-heading">{t('members.unknownTitle', { email })}</h4>
      <p>{t('members.unknownBody', { role: t(`role.${role}`) })}</p>
      <Field label={t('members.requestName')}>
        {(props) => <input {...props} className="field__input" name="requestName" value={name} maxLength={120} autoComplete="off" onChange={(e) => setName(e.target.value)} />}
      </Field>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      <Button variant="secondary" busy={busy} onClick={() => void send()}>{t('members.requestSubmit')}</Button>
    </div>
  );
}
