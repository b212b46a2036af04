/**
 * Werkbladen shared with me (SELF-1): read-only copies the server makes of another member's
 * werkblad and core-question reflection, following their author's edits live (SELF-4).
 */
import { useState } from 'react';
import { useTimeRef } from '../room/mediaLabels.ts';
import { coreQuestionById } from '../../../shared/kijkwijzer/core-questions.ts';
import { worksheetFields } from '../../../shared/kijkwijzer/reflection.ts';
import { watchWithLabelFor } from '../../../shared/domain/cycle-kinds.ts';
import { useCycleKind } from '../cycles/kind.ts';
import { themeById } from '../../../shared/kijkwijzer/themes.ts';
import { useResource } from '../../api/useResource.ts';
import { fetchSharedWorksheet, fetchWorksheetShares, type SharedWorksheetView } from '../../api/worksheets.ts';
import type { CollabSession } from '../../collab/session.ts';
import { useLiveWorksheet, useSharedWorksheetSession } from './liveWorksheet.ts';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { Alert } from '../../ui/primitives.tsx';

export function SharedWorksheets({ cycleId, userId }: { cycleId: string; userId: string }) {
  const [shares] = useResource(() => fetchWorksheetShares(cycleId), `worksheet-shared-with-me:${cycleId}:${userId}`);
  const [author, setAuthor] = useState<string | null>(null);
  if (shares.status !== 'ready') return null;
  if (shares.data.sharedWithMe.length === 0) return <p className="empty" data-testid="shared-worksheets-none">{t('self.sharedNone')}</p>;
  return (
    <div className="analysis-view" data-testid="shared-worksheets">
      <p className="analysis-view__intro">{t('self.sharedIntro')}</p>
      {shares.data.sharedWithMe.map((p) => (
        <button key={p.userId} type="button" className="analysis__view" aria-pressed={author === p.userId} data-testid="shared-worksheet-open" onClick={() => setAuthor(p.userId)}>
          {t('self.sharedBy', { name: p.name })}
        </button>
      ))}
      {author && <SharedView cycleId={cycleId} authorId={author} />}
    </div>
  );
}

function SharedView({ cycleId, authorId }: { cycleId: string; authorId: string }) {
  // The route (audited, `worksheet_viewed`) gives the werkblad as it is now; the live copy then
  // follows every change of its author without asking (SELF-4).
  const [sheet] = useResource(() => fetchSharedWorksheet(cycleId, authorId), `shared-worksheet:${cycleId}:${authorId}`);
  const session = useSharedWorksheetSession(cycleId, authorId);
  if (sheet.status === 'loading') return <p aria-busy="true">{t('analysis.layer.loading')}</p>;
  if (sheet.status === 'error') return <Alert tone="danger">{errorMessage(sheet.error.code)}</Alert>;
  const name = sheet.data.author.name;
  return (
    <section data-testid="shared-worksheet" aria-label={t('self.sharedBy', { name })}>
      <p className="analysis-view__intro">{t('self.sharedLive', { name })}</p>
      {session ? <LiveBody session={session} initial={sheet.data} /> : <Body sheet={sheet.data} />}
    </section>
  );
}

function LiveBody({ session, initial }: { session: CollabSession; initial: SharedWorksheetView }) {
  return <Body sheet={useLiveWorksheet(session) ?? initial} />;
}

function Body({ sheet }: { sheet: SharedWorksheetView }) {
  // Every time code names its recording where the cycle has several (TIMECODE-1).
  const timeRef = useTimeRef();
  const cycleKind = useCycleKind();
  const ws = sheet.worksheet;
  const answered = sheet.coreReflection.filter((a) => a.answer.trim() !== '' || a.moments.length > 0);
  return (
    <>
      {ws.watchWith.length > 0 && <p>{worksheetFields.watchWith.label} {ws.watchWith.map((w) => watchWithLabelFor(cycleKind, w)).join(', ')}</p>}
      {ws.entries.map((e) => (
        <div key={e.themeId} className="worksheet__entry" data-testid="shared-worksheet-entry">
          <h3 className="analysis-section__title">{themeById(e.themeId).shortLabel}</h3>
          {e.wonder && <p><strong>{worksheetFields.wonder.label}</strong> {e.wonder}</p>}
          {e.seen.length > 0 && <ul>{e.seen.map((s, i) => <li key={i}><span className="obs__time">{timeRef(s.mediaId ?? null, s.at)}</span> {s.text}</li>)}</ul>}
          {e.change && <p><strong>{worksheetFields.change.label}</strong> {e.change}</p>}
        </div>
      ))}
      {answered.length > 0 && <h3 className="analysis-section__title">{t('self.heading')}</h3>}
      {answered.map((a) => (
        <div key={a.questionId} data-testid="shared-core-answer">
          <p><strong>{coreQuestionById(a.questionId).label}:</strong> {a.answer}</p>
          {a.moments.length > 0 && <ul>{a.moments.map((m) => <li key={m.id}><span className="obs__time">{timeRef(m.mediaId ?? null, m.at)}</span> {m.text}</li>)}</ul>}
        </div>
      ))}
    </>
  );
}
