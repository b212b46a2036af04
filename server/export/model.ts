import type * as Y from 'yjs';
import { roleLabels, type CycleRole } from '../../shared/domain/access.ts';
import {
  agendaOf,
  doubtsOf,
  formatRange,
  formatTime,
  fragmentsOf,
  groupAgenda,
  listAgenda,
  listDoubts,
  listFragments,
  listObservations,
  listPublished,
  listTakeaways,
  observationsOf,
  readEvaluation,
  takeawaysOf,
  type Observation,
} from '../../shared/domain/cycle-doc/index.ts';
import type { ConsentUse } from '../../shared/domain/consent.ts';
import { observationKindLabels, valenceLabels } from '../../shared/kijkwijzer/analysis.ts';
import { agendaSections, evaluationQuestions, pillarById, takeawayKindLabels } from '../../shared/kijkwijzer/reflection.ts';
import { themeCatalogue } from '../../shared/kijkwijzer/themes.ts';
import type { ExportModel } from '../../shared/protocol/export.ts';
import { richTextBlocks } from './blocks.ts';

export interface ExportSources {
  cycle: { title: string; counterpart: string; ownerName: string; createdAt: number; status: string };
  members: { userId: string; name: string; role: CycleRole }[];
  doc: Y.Doc;
  /** Consent uses granted on at least one of the cycle's recordings. */
  granted: ReadonlySet<ConsentUse>;
  previousTakeaways: ExportModel['previousTakeaways'];
}

/**
 * Builds the export of a cycle. Consent decides what goes in: the client interview only with
 * consent `clientInterview`, observations by intervision colleagues only with `colleagues`.
 */
export function buildExportModel(src: ExportSources): ExportModel {
  const { doc, granted } = src;
  const roleOf = new Map(src.members.map((m) => [m.userId, m.role]));
  const nameOf = new Map(src.members.map((m) => [m.userId, m.name]));
  const omissions: string[] = [];

  // The shared list plus every published layer; an adopted observation appears once.
  const all: Observation[] = [...listObservations(observationsOf(doc))];
  const seen = new Set(all.map((o) => o.origin?.id ?? o.id));
  for (const layer of listPublished(doc).values()) {
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
    omissions.push('Observaties uit intervisie zijn weggelaten: de cliënt gaf geen toestemming voor gebruik in intervisie.');
  }
  observations.sort((a, b) => a.start - b.start);

  const interview: ExportModel['interview'] = granted.has('clientInterview')
    ? { included: true, blocks: richTextBlocks(doc, 'interviewReport') }
    : { included: false, reason: 'Geen interview met de cliënt opgenomen: de cliënt gaf hiervoor geen toestemming.' };

  const fragments = listFragments(fragmentsOf(doc));
  const fragmentText = new Map(fragments.map((f) => [f.id, `${formatRange(f.start, f.end)}${f.label ? ` ${f.label}` : ''}`]));
  const grouped = groupAgenda(listAgenda(agendaOf(doc)));
  const evaluation = readEvaluation(doc);

  return {
    cycle: src.cycle,
    exportedAt: Date.now(),
    members: src.members.map((m) => ({ name: m.name, role: roleLabels[m.role] })),
    doubts: listDoubts(doubtsOf(doc)).map((d) => ({ kind: d.kind, text: d.text })),
    previousTakeaways: src.previousTakeaways,
    observations: observations.map((o) => ({
      timecode: o.end !== null ? formatRange(o.start, o.end) : formatTime(o.start),
      start: o.start,
      themes: o.themes.map((t) => themeCatalogue[t].shortLabel),
      kind: observationKindLabels[o.kind],
      valence: valenceLabels[o.valence],
      text: o.text,
      author: nameOf.get(o.origin?.layer ?? o.author) ?? o.authorName,
    })),
    fragments: fragments.map((f) => ({ range: formatRange(f.start, f.end), label: f.label })),
    interview,
    agenda: agendaSections.map((s) => ({
      section: s.label,
      items: grouped[s.id].map((i) => ({
        text: i.text,
        done: i.done,
        pillar: i.pillar ? pillarById(i.pillar).shortLabel : null,
        fragments: i.fragmentIds.map((id) => fragmentText.get(id)).filter((t): t is string => t !== undefined),
      })),
    })),
    report: richTextBlocks(doc, 'report'),
    takeaways: listTakeaways(takeawaysOf(doc)).map((t) => ({ kind: takeawayKindLabels[t.kind], text: t.text })),
    evaluation: evaluationQuestions.map((q) => ({ question: q.text, answer: evaluation[q.id] })),
    omissions,
  };
}
