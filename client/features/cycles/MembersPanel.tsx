import { useRef, useState } from 'react';
import type { Member } from '../../../shared/domain/access.ts';
import { isApiError, removeMember, type ApiErrorCode } from '../../api/index.ts';
import { Alert, Button, ConfirmDialog, Notice, Swatch } from '../../ui/primitives.tsx';
import { errorMessage } from '../../ui/i18n/nl.ts';
import { InviteForm } from './InviteForm.tsx';
import { useKindT } from './kind.ts';

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
  const t = useKindT();
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
        ? <InviteForm cycleId={cycleId} onInvited={(next, message) => {
            if (next) onChange(next);
            setFailure(null);
            setNotice(message);
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
