import type { Editor } from '@tiptap/react';
import { useEffect } from 'react';
import type { CycleRole, PublicUser } from '../../../shared/domain/access.ts';
import type { FragmentRefAttrs } from '../../../shared/editor/extensions.ts';
import { useAwarenessUser, useConnectionState, type CollabSession } from '../../collab/index.ts';
import { RichTextEditor } from '../../editor/RichTextEditor.tsx';
import { useDescribeFragmentRef } from '../room/mediaLabels.ts';
import { sessionEnded } from '../auth/session.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { useKindT } from '../cycles/kind.ts';

/**
 * The cycle's co-edited "Verslag": the shared editor, the connection state, and what happens
 * when the server takes access away (4403: read-only, the reason above the room; 4401: back to
 * login). Only who the rule table lets write the report (`report`) gets an editable editor.
 */
export function ReportPanel({ session, user, role, canEdit, onFragmentPlay, onEditor }: {
  session: CollabSession;
  user: PublicUser;
  role: CycleRole;
  /** The rule table's answer for `report` (false also while the socket is refused). */
  canEdit: boolean;
  /** A fragment reference in the report was clicked. */
  onFragmentPlay?: (ref: FragmentRefAttrs) => void;
  onEditor?: (editor: Editor | null) => void;
}) {
  const t = useKindT();
  const connection = useConnectionState(session);
  const describeFragment = useDescribeFragmentRef();
  const me = { name: user.name, color: user.color, role, userId: user.id };
  useAwarenessUser(session, me);

  const refused = connection.status === 'refused';
  useEffect(() => {
    // The socket's session is gone: the whole app is logged out, not just this document.
    if (refused && connection.errorCode === 'unauthenticated') sessionEnded();
  }, [refused, connection.errorCode]);

  return (
    <section className="panel report" aria-labelledby="report-heading" data-testid="report">
      <div className="report__header">
        <h2 className="report__title" id="report-heading">{t('report.heading')}</h2>
        <ConnectionStatus state={connection} />
      </div>
      {/* Why the connection stopped is said once for the whole cycle, above the room. */}
      {refused && <p className="report__note" data-testid="report-refused" data-code={connection.errorCode ?? ''}>{t('report.readOnly')}</p>}
      {!refused && !canEdit && <p className="report__note" data-testid="report-read-only">{t('report.readOnlyRole')}</p>}
      {connection.status === 'offline' && <p className="report__note">{t('report.offlineHint')}</p>}
      <RichTextEditor
        doc={session.doc}
        awareness={session.awareness}
        user={me}
        editable={canEdit && !refused}
        labelledBy="report-heading"
        onFragmentPlay={onFragmentPlay}
        describeFragment={describeFragment}
        onEditor={onEditor}
      />
    </section>
  );
}
