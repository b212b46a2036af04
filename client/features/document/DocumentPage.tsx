import { useEffect } from 'react';
import { isValidDocName } from '../../../shared/limits/index.ts';
import {
  useAwarenessUser,
  useCollabSession,
  useConnectionState,
  useParticipants,
  type CollabSession,
} from '../../collab/index.ts';
import { RichTextEditor } from '../../editor/RichTextEditor.tsx';
import { Alert, Panel } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { NameForm } from '../identity/NameForm.tsx';
import { useIdentity } from '../identity/identity.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { PresenceList } from './PresenceList.tsx';

/** Route `/documenten/:docName`: one shared rich-text document, who is here, and the connection. */
export function DocumentPage({ docName }: { docName: string }) {
  useEffect(() => {
    document.title = t('document.title', { docName });
  }, [docName]);

  // Checked before connecting: the server would refuse the name anyway (close code 4404).
  if (!isValidDocName(docName)) {
    return (
      <div className="document-page">
        <Alert tone="danger">
          <p>{errorMessage('invalid_doc_name')}</p>
          <p>{t('document.invalidName')}</p>
        </Alert>
      </div>
    );
  }
  return <DocumentWorkspace docName={docName} />;
}

function DocumentWorkspace({ docName }: { docName: string }) {
  const session = useCollabSession(docName);
  if (session === null) {
    return <p className="document-page__loading" aria-busy="true">{t('document.loading')}</p>;
  }
  return <DocumentView session={session} />;
}

function DocumentView({ session }: { session: CollabSession }) {
  const identity = useIdentity();
  const connection = useConnectionState(session);
  const participants = useParticipants(session);
  useAwarenessUser(session, identity.name, identity.color);

  const refused = connection.status === 'refused';
  return (
    <div className="document-page">
      <div className="document-page__header">
        <div>
          <p className="document-page__eyebrow">{t('document.breadcrumb', { docName: session.docName })}</p>
          <h1 className="document-page__title" id="document-heading">{t('document.heading')}</h1>
        </div>
        <ConnectionStatus state={connection} />
      </div>

      {refused && connection.errorCode !== null && <Alert tone="danger">{errorMessage(connection.errorCode)}</Alert>}
      {connection.status === 'offline' && <p className="document-page__note">{t('document.offlineHint')}</p>}

      <div className="document-page__grid">
        <Panel className="document-page__editor">
          <RichTextEditor
            doc={session.doc}
            awareness={session.awareness}
            user={identity}
            editable={!refused}
            labelledBy="document-heading"
          />
        </Panel>
        <aside className="document-page__aside">
          <Panel title={t('presence.heading')} titleId="presence-heading">
            <PresenceList participants={participants} labelledBy="presence-heading" />
          </Panel>
          <Panel>
            <NameForm />
          </Panel>
        </aside>
      </div>
    </div>
  );
}
