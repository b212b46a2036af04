/**
 * Route `/cycli/:id/afdrukken`: the whole cycle on one page, made to print — intake, observations
 * in time order with their time codes and themes, the client interview, the agenda, the report,
 * the aandachtspunten and the evaluation. Built from the same export model as DOCX and Markdown
 * (so consent leaves out the same things), and audited by the server like them.
 */
import type { Block, ExportModel, Run } from '../../../shared/protocol/export.ts';
import { fetchExportModel } from '../../api/reflection.ts';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Button } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { PageForError } from '../errors/ErrorPages.tsx';
import { talkHeading, talkLines, talkNote } from '../../../shared/transcript/talk-text.ts';
import './print.css';

export function PrintPage({ cycleId }: { cycleId: string }) {
  const [model, { reload }] = useResource(() => fetchExportModel(cycleId), `print:${cycleId}`);
  useDocumentTitle(model.status === 'ready' ? model.data.cycle.title : t('print.title'));
  if (model.status === 'loading') return <p className="page__loading" aria-busy="true">{t('print.loading')}</p>;
  if (model.status === 'error') return <PageForError error={model.error} isAdmin={false} onRetry={reload} />;
  return <PrintDocument cycleId={cycleId} model={model.data} />;
}

function Runs({ runs }: { runs: readonly Run[] }) {
  return <>{runs.map((r, i) => {
    const text = r.bold ? <strong>{r.text}</strong> : r.text;
    return <span key={i}>{r.italic ? <em>{text}</em> : text}</span>;
  })}</>;
}

function Blocks({ blocks }: { blocks: readonly Block[] }) {
  if (blocks.length === 0) return <p className="empty">{t('print.emptyText')}</p>;
  return <>{blocks.map((b, i) => {
    switch (b.type) {
      case 'heading': return b.level <= 2 ? <h3 key={i}><Runs runs={b.runs} /></h3> : <h4 key={i}><Runs runs={b.runs} /></h4>;
      case 'paragraph': return <p key={i}><Runs runs={b.runs} /></p>;
      case 'quote': return <blockquote key={i}><Runs runs={b.runs} /></blockquote>;
      case 'list': {
        const items = b.items.map((runs, j) => <li key={j}><Runs runs={runs} /></li>);
        return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
      }
    }
  })}</>;
}

export function PrintDocument({ cycleId, model }: { cycleId: string; model: ExportModel }) {
  const { cycle } = model;
  return (
    <article className="print" data-testid="print-page">
      <div className="print__tools no-print">
        <Link href={paths.cycle(cycleId)}>{t('print.back')}</Link>
        <Button onClick={() => window.print()} data-testid="print-button">{t('print.print')}</Button>
      </div>
      <header className="print__header">
        <p className="page__eyebrow">{t('print.eyebrow')}{cycle.counterpart && ` · ${t('cycle.with', { counterpart: cycle.counterpart })}`}</p>
        <h1 className="page__title">{cycle.title}</h1>
        <p className="print__meta">
          {t('cycle.owner', { name: cycle.ownerName })} · {t('print.members', { names: model.members.map((m) => `${m.name} (${m.role})`).join(', ') })}
        </p>
        <p className="print__meta">{t('print.exportedAt', { date: formatDateTime(model.exportedAt) })}</p>
        {model.omissions.map((o) => <p key={o} className="print__omission" data-testid="print-omission">{o}</p>)}
      </header>

      <section aria-labelledby="print-consent">
        <h2 id="print-consent">{model.kind.consentHeading}</h2>
        <p>{model.consent.some((c) => c.granted)
          ? `${model.kind.consentGranted} ${model.consent.filter((c) => c.granted).map((c) => c.use).join('; ')}.`
          : model.kind.consentNone}</p>
      </section>

      <section aria-labelledby="print-intake">
        <h2 id="print-intake">{t('print.intake')}</h2>
        {model.doubts.length === 0 ? <p className="empty">{t('print.noDoubts')}</p> : (
          <ul>{model.doubts.map((d, i) => <li key={i}><em>{d.kind}:</em> {d.text}</li>)}</ul>
        )}
        {model.previousTakeaways.length > 0 && (
          <>
            <h3>{t('previous.heading')}</h3>
            <ul>{model.previousTakeaways.map((p, i) => (
              <li key={i}>{p.text} — <strong>{p.applied ?? t('summary.notChecked')}</strong>{p.note && ` (${p.note})`}</li>
            ))}</ul>
          </>
        )}
      </section>

      <section aria-labelledby="print-observations">
        <h2 id="print-observations">{t('print.observations')}</h2>
        {model.observations.length === 0 ? <p className="empty">{t('print.noObservations')}</p> : (
          <table className="print__table" data-testid="print-observations">
            <thead><tr><th scope="col">{t('print.col.time')}</th><th scope="col">{t('print.col.observation')}</th><th scope="col">{t('print.col.themes')}</th></tr></thead>
            <tbody>
              {model.observations.map((o, i) => (
                <tr key={i} data-testid="print-observation">
                  <td className="print__time">{o.timecode}</td>
                  <td><em>{o.kind}{o.valence ? `, ${o.valence}` : ''}</em> — {o.text} <span className="print__author">({o.author})</span></td>
                  <td>{o.themes.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {model.fragments.length > 0 && (
          <>
            <h3>{t('print.fragments')}</h3>
            <ul>{model.fragments.map((f, i) => <li key={i}><span className="print__time">{f.range}</span> {f.label}</li>)}</ul>
          </>
        )}
      </section>

      {model.slim.length > 0 && (
        <section aria-labelledby="print-slim">
          <h2 id="print-slim">{t('print.slim')}</h2>
          <ul data-testid="print-slim">{model.slim.map((s, i) => (
            <li key={i}><strong>{s.author}</strong> — {t('print.slimLine', { selfImage: s.selfImage, role: s.role, roleFit: s.roleFit, logic: s.logic, logicFit: s.logicFit })} {s.explanation}
              {s.evidence.length > 0 && <> <span className="print__time">▶ {s.evidence.join(', ')}</span></>}{s.note && ` ${s.note}`}</li>
          ))}</ul>
        </section>
      )}

      {model.talk.length > 0 && (
        <section aria-labelledby="print-talk" data-testid="print-talk">
          <h2 id="print-talk">{talkHeading}</h2>
          {model.talk.map((talk) => (
            <div key={talk.recording}>
              <h3>{talk.recording}</h3>
              <ul>{talkLines(talk).map((line, i) => <li key={i}>{line}</li>)}</ul>
            </div>
          ))}
          <p className="print__omission">{talkNote}</p>
        </section>
      )}

      <section aria-labelledby="print-interview">
        <h2 id="print-interview">{model.kind.interviewHeading}</h2>
        {model.interview.included ? <Blocks blocks={model.interview.blocks} /> : <p className="print__omission">{model.interview.reason}</p>}
      </section>

      <section aria-labelledby="print-client-feedback">
        <h2 id="print-client-feedback">{model.kind.feedbackHeading}</h2>
        {model.clientFeedback.length === 0 ? <p className="empty">{model.kind.noFeedback}</p> : (
          <ul data-testid="print-client-feedback">{model.clientFeedback.map((f, i) => <li key={i}>{f.text}</li>)}</ul>
        )}
      </section>

      <section aria-labelledby="print-agenda">
        <h2 id="print-agenda">{t('print.agenda')}</h2>
        {model.agenda.map((s) => (
          <div key={s.section}>
            <h3>{s.section}</h3>
            {s.items.length === 0 ? <p className="empty">{t('agenda.sectionEmpty')}</p> : (
              <ul>{s.items.map((item, i) => (
                <li key={i}>
                  {item.text}
                  {item.pillar && <em> ({item.pillar})</em>}
                  {item.valence && <em> {item.valence}</em>}
                  {item.fragments.length > 0 && <> — <span className="print__time">{item.fragments.join('; ')}</span></>}
                  <em> — {t(item.done ? 'print.agendaDone' : 'print.agendaOpen')}</em>
                </li>
              ))}</ul>
            )}
          </div>
        ))}
      </section>

      <section aria-labelledby="print-report">
        <h2 id="print-report">{t('print.report')}</h2>
        <Blocks blocks={model.report} />
      </section>

      <section aria-labelledby="print-takeaways">
        <h2 id="print-takeaways">{t('takeaways.heading')}</h2>
        {model.takeaways.length === 0 ? <p className="empty">{t('takeaways.empty')}</p> : (
          <ul data-testid="print-takeaways">{model.takeaways.map((tk, i) => <li key={i}><em>{tk.kind}:</em> {tk.text}</li>)}</ul>
        )}
        <h3>{t('evaluation.heading')}</h3>
        <dl>{model.evaluation.map((e) => <div key={e.question}><dt>{e.question}</dt><dd>{e.answer || t('common.none')}</dd></div>)}</dl>
      </section>

      {model.selfReflection.length > 0 && (
        <section aria-labelledby="print-self" data-testid="print-self">
          <h2 id="print-self">{t('self.heading')}</h2>
          <dl>{model.selfReflection.map((a) => (
            <div key={a.question}><dt>{a.question}</dt><dd>{a.answer || t('common.none')}{a.moments.length > 0 && <ul>{a.moments.map((x) => <li key={x}>{x}</li>)}</ul>}</dd></div>
          ))}</dl>
        </section>
      )}
    </article>
  );
}
