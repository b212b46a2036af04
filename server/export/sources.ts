import type { FastifyInstance } from 'fastify';
import { cycleDocName } from '../../shared/domain/access.ts';
import { consentUses, type ConsentUse } from '../../shared/domain/consent.ts';
import { interviewDocName, listReviews, listTakeaways, reviewsOf, takeawaysOf, type Takeaway } from '../../shared/domain/cycle-doc/index.ts';
import { mediaLabelsOf } from '../../shared/domain/cycle-doc/recording-refs.ts';
import { askedUses, defaultCycleKind, kindProfile } from '../../shared/domain/cycle-kinds.ts';
import { noInterviewDecision, type PlanStepState } from '../../shared/domain/plan.ts';
import type { CycleReader } from '../access/read.ts';
import { recordingFilesOf } from '../media/recording-files.ts';
import { coreReflectionOf, readCoreReflection, type CoreAnswerView } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { layerDocName } from '../../shared/domain/cycle-doc/keys.ts';
import type { ExportSources } from './model.ts';
import { talkFigures } from './talk.ts';

/**
 * Consent uses granted (currently) on at least one recording of the cycle. A use the cycle's kind
 * does not ask about (a client interview with a colleague) never counts, whatever was sent (KIND-2).
 */
export async function grantedUses(app: FastifyInstance, cycleId: string): Promise<Set<ConsentUse>> {
  const granted = new Set<ConsentUse>();
  const cycle = await app.repos.cycles.get(cycleId);
  const asked = new Set(askedUses(cycle?.kind ?? defaultCycleKind));
  for (const rec of await app.repos.media.recordingsOf(cycleId)) {
    const current = await app.repos.media.currentConsent(rec.id);
    if (!current) continue;
    for (const use of consentUses) if (current.decisions[use] && asked.has(use)) granted.add(use);
  }
  return granted;
}

/** The previous cycle's takeaways with this cycle's check of each ("toegepast?"). */
export async function previousTakeaways(
  app: FastifyInstance,
  cycleId: string,
  doc?: Awaited<ReturnType<FastifyInstance['collab']['readDoc']>>,
): Promise<{ previousCycleId: string | null; title: string | null; takeaways: (Takeaway & { applied: string | null; note: string })[] }> {
  const cycle = await app.repos.cycles.get(cycleId);
  const prevId = cycle?.previous_cycle_id ?? null;
  if (!prevId) return { previousCycleId: null, title: null, takeaways: [] };
  const [prevDoc, thisDoc] = await Promise.all([app.collab.readDoc(cycleDocName(prevId)), doc ?? app.collab.readDoc(cycleDocName(cycleId))]);
  const reviews = listReviews(reviewsOf(thisDoc));
  const takeaways = listTakeaways(takeawaysOf(prevDoc)).map((t) => ({
    ...t,
    applied: reviews.get(t.id)?.applied ?? null,
    note: reviews.get(t.id)?.note ?? '',
  }));
  prevDoc.destroy();
  return { previousCycleId: prevId, title: (await app.repos.cycles.get(prevId))?.title ?? null, takeaways };
}

/**
 * Everything the export of one cycle for `reader` is built from. The interview document is not
 * even loaded for someone who may not read it.
 */
export async function exportSources(app: FastifyInstance, reader: CycleReader): Promise<ExportSources> {
  const { cycleId } = reader;
  const cycle = (await app.repos.cycles.get(cycleId))!;
  const members = await app.repos.cycles.listMembers(cycleId);
  const doc = await app.collab.readDoc(cycleDocName(cycleId));
  const interviewDoc = reader.mayReadDoc('interview') ? await app.collab.readDoc(interviewDocName(cycleId)) : null;
  const owner = members.find((m) => m.role === 'owner');
  const previous = await previousTakeaways(app, cycleId, doc);
  const mediaLabels = mediaLabelsOf(await recordingFilesOf(app.repos.media, cycleId));
  return {
    cycle: { title: cycle.title, counterpart: cycle.counterpart, ownerName: owner?.name ?? '', createdAt: cycle.created_at, status: cycle.status },
    kind: cycle.kind,
    members: members.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
    doc,
    interviewDoc,
    reader,
    granted: reader.subject.granted,
    previousTakeaways: previous.takeaways.map((t) => ({ text: t.text, applied: t.applied, note: t.note })),
    talk: await talkFigures(app, cycleId, reader.subject.role, mediaLabels, cycle.kind),
    mediaLabels,
    noInterview: await noInterviewNote(app, cycleId),
    selfReflection: await ownCoreReflection(app, reader),
  };
}

/** The kind's reason (no interview in this kind of cycle) or the owner's recorded decision. */
export async function noInterviewNote(app: FastifyInstance, cycleId: string): Promise<string | null> {
  const cycle = (await app.repos.cycles.get(cycleId))!;
  const profile = kindProfile(cycle.kind);
  if (!profile.hasClientInterview) return profile.noInterviewNote;
  const steps: PlanStepState[] = (await app.repos.steps.list(cycleId)).map((r) => ({ id: r.step_id, status: r.status, date: r.date, reason: r.reason, updatedAt: r.updated_at }));
  const decision = noInterviewDecision(steps);
  return decision ? `Geen cliëntinterview: ${decision.reason}` : null;
}

/** The reader's own core-question reflection: only from their own layer, by the rule table. */
async function ownCoreReflection(app: FastifyInstance, reader: CycleReader): Promise<CoreAnswerView[]> {
  const me = reader.subject.userId;
  if (!reader.mayReadPart('coreReflection', me)) return [];
  const layer = await app.collab.readDoc(layerDocName(reader.cycleId, me));
  const view = readCoreReflection(coreReflectionOf(layer));
  layer.destroy();
  return view;
}
