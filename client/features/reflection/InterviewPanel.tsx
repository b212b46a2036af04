/**
 * Cliëntinterview (step 3): only with the client's consent to be approached. One researcher
 * prepares from the questions the analysis produced ("vraag voor cliënt") and the guide of the
 * method, chooses fragments to show the client, notes the client's feedback — the agenda's third
 * pillar — and the researchers write the interview report together.
 */
import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { fragmentRefName, type FragmentRefAttrs } from '../../../shared/editor/extensions.ts';
import { clientInterviewPhases, clientInterviewPrinciples } from '../../../shared/kijkwijzer/analysis.ts';
import { docKeys } from '../../../shared/domain/cycle-doc/keys.ts';
import type { Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import { useAwarenessUser } from '../../collab/index.ts';
import { RichTextEditor } from '../../editor/RichTextEditor.tsx';
import { Alert } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { ClientFeedbackList } from './ClientFeedbackList.tsx';
import { useInterviewConsent } from './consent.ts';
import { useCanWrite, type ReflectionProps } from './context.ts';
import { InterviewPrep } from './InterviewPrep.tsx';

export function InterviewPanel(props: ReflectionProps) {
  const { cycle } = props;
  const [consent, reload] = useInterviewConsent(cycle.id);

  return (
    <section className="panel reflection" aria-labelledby="interview-heading" data-testid="interview"
      data-consent={consent.status === 'ready' ? String(consent.data.given) : ''}>
      <h2 className="panel__title" id="interview-heading">{t('interview.heading')}</h2>
      {consent.status === 'loading' && <p className="page__loading" aria-busy="true">{t('interview.checking')}</p>}
      {consent.status === 'error' && <Alert tone="warning">{errorMessage(consent.error.code)}</Alert>}
      {consent.status === 'ready' && !consent.data.given && (
        <div className="reflection__blocked" data-testid="interview-no-consent" role="note">
          <p><strong>{t('interview.noConsentTitle')}</strong></p>
          <p>{consent.data.reason === 'refused' ? consent.data.message : t('interview.noConsentYet')}</p>
          <p className="reflection__note">{clientInterviewPrinciples[0]}</p>
          <button type="button" className="button button--secondary" onClick={reload}>{t('interview.checkAgain')}</button>
        </div>
      )}
      {consent.status === 'ready' && consent.data.given && <InterviewContent {...props} />}
    </section>
  );
}

function InterviewContent(props: ReflectionProps) {
  const { session, cycle, user, onPlay } = props;
  const canWrite = useCanWrite(session, cycle);
  const me = { name: user.name, color: user.color, role: cycle.myRole, userId: user.id };
  useAwarenessUser(session, me);
  const [editor, setEditor] = useState<Editor | null>(null);

  const insertFragment = (f: Fragment): void => {
    if (editor === null) return;
    const attrs: FragmentRefAttrs = { mediaId: f.mediaId, start: f.start, end: f.end, label: f.label, theme: f.theme };
    editor.chain().focus().insertContent([{ type: fragmentRefName, attrs }, { type: 'text', text: ' ' }]).run();
  };

  return (
    <>
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
      <ClientFeedbackList session={session} user={user} canWrite={canWrite} />
      <div className="reflection__group" data-testid="interview-report">
        <h3 className="reflection__subheading" id="interview-report-heading">{t('interview.report')}</h3>
        <p className="reflection__note">{t('interview.reportHint')}</p>
        <RichTextEditor doc={session.doc} awareness={session.awareness} user={me} field={docKeys.interviewReport} editable={canWrite}
          labelledBy="interview-report-heading" onFragmentPlay={onPlay} onEditor={setEditor} />
      </div>
    </>
  );
}
