import { useRef, useState, type FormEvent } from 'react';
import type { CycleRole, Member } from '../../../shared/domain/access.ts';
import { addMemberBody } from '../../../shared/protocol/http.ts';
import { addMember, isApiError, removeMember, type ApiErrorCode } from '../../api/index.ts';
import { Alert, Button, ConfirmDialog, Field, Notice, Swatch } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';

const invitableRoles = ['researcher', 'colleague'] as const satisfies readonly CycleRole[];
type InvitableRole = (typeof invitableRoles)[number];

/** Owner first, then by name: the list reads like "who is in this cycle". */
function sortMembers(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) =>
    a.role === 'owner' ? -1 : b.role === 'owner' ? 1 : a.name.localeCompare(b.name, 'nl'),
  );
}

/**
 * "Deelnemers": who takes part in this cycle. The owner invites people by e-mail address and
 * can remove them again (with a confirmation); the others see the list.
 */
export function MembersPanel({ cycleId, members, isOwner, currentUserId, onChange }: {
  cycleId: string;
  members: readonly Member[];
  isOwner: boolean;
  currentUserId: string;
  onChange: (members: Member[]) => void;
}) {
  const [pendingRemoval, setPendingRemoval] = useState<Member | null>(null);
  const [removing, setRemoving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const confirmRemoval = async (): Promise<void> => {
    if (pendingRemoval === null) return;
    setRemoving(true);
    setFailure(null);
    try {
      onChange(await removeMember(cycleId, pendingRemoval.userId));
      setNotice(t('members.removed', { name: pendingRemoval.name }));
      setPendingRemoval(null);
      // The row (and its button) is gone: give focus a sensible place to land.
      queueMicrotask(() => headingRef.current?.focus());
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
      setPendingRemoval(null);
    } finally {
      setRemoving(false);
    }
  };

  return (
    <section className="panel members" aria-labelledby="members-heading" data-testid="members">
      <h2 className="panel__title" id="members-heading" tabIndex={-1} ref={headingRef}>{t('members.heading')}</h2>
      <ul className="members__list" aria-labelledby="members-heading">
        {sortMembers(members).map((member) => {
          const isSelf = member.userId === currentUserId;
          return (
            <li key={member.userId} className="members__item" data-testid="member" data-email={member.email} data-role={member.role}>
              <Swatch color={member.color} />
              <span className="members__text">
                <span className="members__name">{isSelf ? t('members.you', { name: member.name }) : member.name}</span>
                <span className="members__detail">{t(`role.${member.role}`)}</span>
                <span className="members__detail members__email">{member.email}</span>
              </span>
              {isOwner && member.role !== 'owner' && !isSelf && (
                <Button
                  variant="link"
                  aria-label={t('members.removeLabel', { name: member.name })}
                  onClick={() => {
                    setNotice(null);
                    setPendingRemoval(member);
                  }}
                >
                  {t('members.remove')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      {notice !== null && <Notice data-testid="members-notice">{notice}</Notice>}
      {isOwner
        ? <InviteForm cycleId={cycleId} onInvited={(next, added) => {
            onChange(next);
            setFailure(null);
            setNotice(t('members.invited', { name: added.name, role: t(`role.${added.role}`) }));
          }} onStart={() => setNotice(null)} />
        : <p className="members__hint">{t('members.ownerOnly')}</p>}
      <ConfirmDialog
        open={pendingRemoval !== null}
        title={t('members.confirmTitle')}
        body={<p>{t('members.confirmBody', { name: pendingRemoval?.name ?? '' })}</p>}
        confirmLabel={t('members.confirm')}
        cancelLabel={t('common.cancel')}
        busy={removing}
        onConfirm={() => void confirmRemoval()}
        onCancel={() => setPendingRemoval(null)}
      />
    </section>
  );
}

function InviteForm({ cycleId, onInvited, onStart }: {
  cycleId: string;
  onInvited: (members: Member[], added: Member) => void;
  onStart: () => void;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>('researcher');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    onStart();
    setFailure(null);
    const parsed = addMemberBody.safeParse({ email, role });
    if (!parsed.success) {
      setEmailError(email.trim() === '' ? t('common.required') : t('common.emailInvalid'));
      emailInput.current?.focus();
      return;
    }
    setEmailError(null);
    setBusy(true);
    try {
      const members = await addMember(cycleId, parsed.data);
      const added = members.find((m) => m.email === parsed.data.email);
      setEmail('');
      if (added) onInvited(members, added);
    } catch (error) {
      const code = isApiError(error) ? error.code : 'unexpected_response';
      // Problems with the address belong next to the address field.
      if (code === 'user_not_found' || code === 'already_member') {
        setEmailError(errorMessage(code));
        emailInput.current?.focus();
      } else {
        setFailure(code);
      }
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
    </form>
  );
}
