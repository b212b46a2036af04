import type * as Y from 'yjs';
import type { PartId } from '../../shared/access/rules.ts';
import { roleLabels, type CycleRole } from '../../shared/domain/access.ts';
import {
  agendaOf,
  clientFeedbackOf,
  doubtsOf,
  formatTimeRef,
  fragmentsOf,
  groupAgenda,
  listAgenda,
  listClientFeedback,
  listDoubts,
  listFragments,
  listObservations,
  listPublished,
  listTakeaways,
  observationsOf,
  positivesFirst,
  readEvaluation,
  takeawaysOf,
  type MediaLabels,
  type Observation,
} from '../../shared/domain/cycle-doc/index.ts';
import type { ConsentUse } from '../../shared/domain/consent.ts';
import { listSlim, slimOf, slimVerdict, type SlimEntry } from '../../shared/domain/cycle-doc/slim.ts';
import { hasCoreReflection, type CoreAnswerView } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { coreQuestionById } from '../../shared/kijkwijzer/core-questions.ts';
import { interventionLogicCatalogue, roleCatalogue, selfImageCatalogue, slimFitLabels } from '../../shared/kijkwijzer/slim.ts';
import type { ExportSlim } from '../../shared/protocol/export.ts';
import { askedUses, kindProfile, kindText, observationKindFor, pillarFor, type CycleKind, type KindTextKey } from '../../shared/domain/cycle-kinds.ts';
import { valenceLabels } from '../../shared/kijkwijzer/analysis.ts';
import { agendaSections, evaluationQuestions, takeawayKindLabels } from '../../shared/kijkwijzer/reflection.ts';
import { themeCatalogue } from '../../shared/kijkwijzer/themes.ts';
import type { ExportModel } from '../../shared/protocol/export.ts';
import type { CycleReader } from '../access/read.ts';
import { richTextBlocks } from './blocks.ts';

export interface ExportSources {
  cycle: { title: string; counterpart: string; ownerName: string; createdAt: number; status: string };
  kind: CycleKind;
  members: { userId: string; name: string; role: CycleRole }[];
  /** The shared cycle document. */
  doc: Y.Doc;
  /** The confidential interview document; null unless the reader may read it. */
  interviewDoc: Y.Doc | null;
  /** Who the export is for: it holds only the parts they may read (`shared/access/rules.ts`). */
  reader: CycleReader;
  /** Consent uses granted on at least one of the cycle's recordings. */
  granted: ReadonlySet<ConsentUse>;
  previousTakeaways: ExportModel['previousTakeaways'];
  /** Conversation figures from the transcripts the reader may see, and what was left out. */
  talk: { talk: ExportModel['talk']; omissions: string[] };
  /** File id → "video 2" (or "video 2 · deel 1"): every time code names its recording (TIMECODE-3). */
  mediaLabels: MediaLabels;
  /** Why this cycle has no client interview by its kind or by the owner's decision (STEPS-3, KIND-1). */
  noInterview: string | null;
  /** The reader's own core-question reflection (from their private layer); empty when untouched. */
  selfReflection: CoreAnswerView[];
}

/**
 * Builds the export of a cycle for one reader. The rule table decides which parts go in (a part
 * the reader may not read is never copied, so no renderer can leak it); consent then leaves out
 * what the client did not agree to: the interview and its feedback without `clientInterview`,
 * observations by intervision colleagues without `colleagues`. Every omission is stated.
 */
export function buildExportModel(src: ExportSources): ExportModel {
  const { doc, granted, reader, mediaLabels } = src;
  const may = (part: PartId) => reader.mayReadPart(part);
  const roleOf = new Map(src.members.map((m) => [m.userId, m.role]));
  const nameOf = new Map(src.members.map((m) => [m.userId, m.name]));
  const omissions: string[] = [];
  const profile = kindProfile(src.kind);
  // Every sentence that names the people in the kind's words (KIND-3).
  const say = (key: KindTextKey) => kindText(src.kind, key);

  // The shared list plus every published layer; an adopted observation appears once.
  const all: Observation[] = may('observations') ? [...listObservations(observationsOf(doc))] : [];
  const seen = new Set(all.map((o) => o.origin?.id ?? o.id));
  for (const layer of may('published') ? listPublished(doc).values() : []) {
    for (const o of layer) {
      const key = o.origin?.id ?? o.id;
      if (!seen.has(key)) {
        seen.add(key);
        all.push(o);
      }
    }
  }
  const fromColleague = (o: Observation) => roleOf.get(o.origin?.layer ?? o.author) === 'colleague';
  let observations = all;
  if (!granted.has('colleagues') && all.some(fromColleague)) {
    observations = all.filter((o) => !fromColleague(o));
    omissions.push(say('export.intervisionOmitted'));
  }
  // What goes well first, then what stands out, then possible unintended effects (POSITIVE-1).
  observations = positivesFirst(observations, [...mediaLabels.keys()]);

  // The report itself only from the interview document, and only for its readers (researchers
  // with the client's consent); everyone else gets the passed-on feedback instead.
  let interview: ExportModel['interview'];
  if (src.noInterview !== null) interview = { included: false, reason: src.noInterview };
  else if (!granted.has('clientInterview')) interview = { included: false, reason: say('export.interviewConsentMissing') };
  else if (src.interviewDoc && may('interviewReport')) interview = { included: true, blocks: richTextBlocks(src.interviewDoc, 'interviewReport', mediaLabels) };
  else interview = { included: false, reason: say('export.interviewConfidential') };
  if (!interview.included) omissions.push(interview.reason);

  // Passed-on feedback comes from the interview, so it needs the same consent.
  let clientFeedback: ExportModel['clientFeedback'] = [];
  if (may('clientFeedback')) {
    const points = listClientFeedback(clientFeedbackOf(doc));
    if (granted.has('clientInterview')) clientFeedback = points.map((p) => ({ text: p.text }));
    else if (points.length > 0) omissions.push(say('export.feedbackOmitted'));
  }

  const fragments = may('fragments') ? listFragments(fragmentsOf(doc)) : [];
  const fragmentText = new Map(fragments.map((f) => [f.id, `${formatTimeRef(mediaLabels, f.mediaId, f.start, f.end)}${f.label ? ` ${f.label}` : ''}`]));
  const grouped = groupAgenda(may('agenda') ? listAgenda(agendaOf(doc)) : []);
  const evaluation = may('evaluation') ? readEvaluation(doc) : null;

  return {
    cycle: src.cycle,
    exportedAt: Date.now(),
    members: src.members.map((m) => ({ name: m.name, role: m.role === 'owner' ? profile.ownerRole : roleLabels[m.role] })),
    consent: askedUses(src.kind).map((u) => ({ use: profile.consentUses[u] ?? u, granted: granted.has(u) })),
    doubts: may('doubts') ? listDoubts(doubtsOf(doc)).map((d) => ({ kind: d.kind, text: d.text })) : [],
    previousTakeaways: may('previousReview') ? src.previousTakeaways : [],
    observations: observations.map((o) => ({
      timecode: formatTimeRef(mediaLabels, o.mediaId, o.start, o.end),
      start: o.start,
      themes: o.themes.map((t) => themeCatalogue[t].shortLabel),
      kind: observationKindFor(src.kind, o.kind).label,
      valence: valenceLabels[o.valence],
      text: o.text,
      author: nameOf.get(o.origin?.layer ?? o.author) ?? o.authorName,
    })),
    fragments: fragments.map((f) => ({ range: formatTimeRef(mediaLabels, f.mediaId, f.start, f.end), label: f.label })),
    interview,
    clientFeedback,
    agenda: agendaSections.map((s) => ({
      section: s.label,
      items: grouped[s.id].map((i) => ({
        text: i.text,
        done: i.done,
        pillar: i.pillar ? pillarFor(src.kind, i.pillar).shortLabel : null,
        valence: i.valence ? valenceLabels[i.valence] : null,
        fragments: i.fragmentIds.map((id) => fragmentText.get(id)).filter((t): t is string => t !== undefined),
      })),
    })),
    report: may('report') ? richTextBlocks(doc, 'report', mediaLabels) : [],
    takeaways: may('takeaways') ? listTakeaways(takeawaysOf(doc)).map((t) => ({ kind: takeawayKindLabels[t.kind], text: t.text })) : [],
    evaluation: evaluation ? evaluationQuestions.map((q) => ({ question: q.text, answer: evaluation[q.id] })) : [],
    talk: src.talk.talk,
    omissions: [...omissions, ...src.talk.omissions],
    // Only the questions answered: an untouched question is no heading in a filed document.
    selfReflection: hasCoreReflection(src.selfReflection)
      ? src.selfReflection.filter((a) => a.answer.trim() !== '' || a.moments.length > 0).map((a) => {
        const q = coreQuestionById(a.questionId);
        return { question: `${q.number}. ${q.label}: ${q.question}`, answer: a.answer, moments: a.moments.map((m) => `${formatTimeRef(mediaLabels, m.mediaId, m.at)} ${m.text}`.trim()) };
      })
      : [],
    slim: may('slim') ? listSlim(slimOf(doc)).filter((e) => e.selfImage || e.role || e.logic).map((e) => exportSlim(e, fragmentText)) : [],
    kind: {
      label: profile.label,
      professional: profile.professional,
      consentHeading: profile.consentHeading,
      consentGranted: `${profile.other.charAt(0).toUpperCase()}${profile.other.slice(1)} gaf toestemming voor:`,
      consentNone: `Er is (nog) geen toestemming van ${profile.other} vastgelegd.`,
      interviewHeading: say('export.interviewHeading'),
      feedbackHeading: pillarFor(src.kind, 'client').label,
      noFeedback: say('export.noFeedback'),
    },
  };
}

/** One SLIM analysis in words: the choices ("anders" in the author's own words), the fit, the fragments. */
function exportSlim(e: SlimEntry, fragmentText: ReadonlyMap<string, string>): ExportSlim {
  const v = slimVerdict(e);
  const none = 'niet gekozen';
  return {
    author: e.authorName,
    selfImage: e.selfImage === null ? none : e.selfImage === 'anders' ? `anders: ${e.selfImageOther}` : selfImageCatalogue[e.selfImage].label,
    role: e.role === null ? none : e.role === 'anders' ? `anders: ${e.roleOther}` : roleCatalogue[e.role].label,
    logic: e.logic === null ? none : interventionLogicCatalogue[e.logic].label,
    roleFit: slimFitLabels[v.role],
    logicFit: slimFitLabels[v.logic],
    explanation: v.explanation,
    evidence: e.evidence.map((id) => fragmentText.get(id)).filter((x): x is string => x !== undefined),
    note: e.note,
  };
}
