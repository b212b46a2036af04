/**
 * The researchers' side of the client interview, in its own document `cycle:<id>:interview`
 * (only researchers receive it): the guide, the prepared questions and fragments to show, the
 * client's feedback point by point with the decision to pass each on, and the interview report
 * they write together.
 */
import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { docKeys, interviewDocName } from '../../../shared/domain/cycle-doc/keys.ts';
import type { Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import { fragmentRefName, type FragmentRefAttrs } from '../../../shared/editor/extensions.ts';
import { clientInterviewPhases, clientInterviewPrinciples } from '../../../shared/kijkwijzer/analysis.ts';
import { useAwarenessUser, useCollabSession, useConnectionState, type CollabSession } from '../../collab/index.ts';
import { RichTextEditor } from '../../editor/RichTextEditor.tsx';
import { useDescribeFragmentRef } from '../room/mediaLabels.ts';
import { Alert } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { ClientFeedbackList } from './ClientFeedbackList.tsx';
import { useCanWrite, type ReflectionProps } from './context.ts';
import { FeedbackPoints } from './FeedbackPoints.tsx';
import { InterviewPrep } from './InterviewPrep.tsx';
import { FragmentLinkPanel } from '../fragment-link/FragmentLinkPanel.tsx';
import { useInterviewFragmentIds } from './doc.ts';

export function InterviewWorkspace(props: ReflectionProps) {
  // A second session beside the cycle's: the confidential interview document.
  const interview = useCollabSession(interviewDocName(props.cycle.id));
  if (interview === null) return <p className="page__loading" aria-busy="true">{t('interview.opening')}</p>;
  return <Workspace {...props} interview={interview} />;
}

function Workspace(props: ReflectionProps & { interview: CollabSession }) {
  const { interview, cycle, user, onPlay, session } = props;
  const connection = useConnectionState(interview);
  const canWrite = useCanWrite(interview, cycle);
  const me = { name: user.name, color: user.color, role: cycle.myRole, userId: user.id };
  useAwarenessUser(interview, me);
  const [editor, setEditor] = useState<Editor | null>(null);
  const describeFragment = useDescribeFragmentRef();
  const chosenFragments = useInterviewFragmentIds(interview);

  const insertFragment = (f: Fragment): void => {
    if (editor === null) return;
    const attrs: FragmentRefAttrs = { mediaId: f.mediaId, start: f.start, end: f.end, label: f.label, theme: f.theme };
    editor.chain().focus().insertContent([{ type: fragmentRefName, attrs }, { type: 'text', text: ' ' }]).run();
  };

  return (
    <div className="reflection" data-testid="interview-workspace" data-synced={String(connection.synced)}>
      <p className="reflection__note" role="note">{t('interview.confidentialResearchers')}</p>
      {connection.status === 'refused' && connection.errorCode !== null && <Alert tone="warning">{errorMessage(connection.errorCode)}</Alert>}
      <details className="reflection__questions">
        <summary>{t('interview.principles')}</summary>
        <ul>{clientInterviewPrinciples.map((p) => <li key={p}>{p}</li>)}</ul>
      </details>
      <div className="reflection__group">
        <h3 className="reflection__subheading">{t('interview.guide')}</h3>
        {clientInterviewPhases.map((phase) => (
          <details key={phase.id} className="reflection__questions" data-testid="interview-phase">
            <summary>{phase.label}</summary>
            <p className="reflection__note">{phase.purpose}</p>
            <ul>{phase.questions.map((q) => <li key={q}>{q}</li>)}</ul>
          </details>
        ))}
      </div>
      <InterviewPrep {...props} canWrite={canWrite} canInsert={editor !== null && canWrite} onInsert={insertFragment} />
      <FragmentLinkPanel cycleId={cycle.id} chosen={chosenFragments.length} canWrite={canWrite} />
      <FeedbackPoints interview={interview} session={session} cycle={cycle} user={user} canWrite={canWrite} />
      <ClientFeedbackList session={session} />
      <div className="reflection__group" data-testid="interview-report">
        <h3 className="reflection__subheading" id="interview-report-heading">{t('interview.report')}</h3>
        <p className="reflection__note">{t('interview.reportHint')}</p>
        <RichTextEditor doc={interview.doc} awareness={interview.awareness} user={me} field={docKeys.interviewReport} editable={canWrite}
          labelledBy="interview-report-heading" onFragmentPlay={onPlay} describeFragment={describeFragment} onEditor={setEditor} />
      </div>
    </div>
  );
}
