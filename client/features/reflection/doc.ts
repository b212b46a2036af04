/**
 * The reflection's collections in the cycle document as shared snapshot stores (one per document
 * and name, re-read only after a change), plus the writes the panels make. Reads never write:
 * a panel that only looks must not create anything in the document (an archived cycle refuses
 * every update).
 */
import { useMemo } from 'react';
import * as Y from 'yjs';
import { agendaOf, listAgenda, type AgendaItem } from '../../../shared/domain/cycle-doc/agenda.ts';
import { listFragments, fragmentsOf, type Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import {
  doubtsOf,
  listDoubts,
  listReviews,
  listTakeaways,
  reviewsOf,
  takeawaysOf,
  type Doubt,
  type EvaluationField,
  type Takeaway,
  type TakeawayReview,
} from '../../../shared/domain/cycle-doc/intake.ts';
import {
  clientFeedbackOf,
  feedbackPointsOf,
  interviewFragmentsOf,
  listClientFeedback,
  listFeedbackPoints,
  listInterviewFragmentIds,
  type ClientFeedback,
  type FeedbackPoint,
} from '../../../shared/domain/cycle-doc/interview.ts';
import { docKeys } from '../../../shared/domain/cycle-doc/keys.ts';
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { analysisObservations } from '../../../shared/domain/cycle-doc/pillars.ts';
import { docStore, useYStore, YStore } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';

const sameJson = <T,>(a: T, b: T): boolean => JSON.stringify(a) === JSON.stringify(b);

type Observable = ConstructorParameters<typeof YStore>[0];

/** Several Y types observed as one (the analysis pillar reads two collections). */
function observeAll(...types: Observable[]): Observable {
  return {
    observeDeep: (f) => types.forEach((t) => t.observeDeep(f)),
    unobserveDeep: (f) => types.forEach((t) => t.unobserveDeep(f)),
  };
}

function useCollection<T>(session: CollabSession, name: string, type: Observable, read: () => T): T {
  return useYStore(docStore(session.doc, `reflection:${name}`, () => new YStore(type, read, sameJson)));
}

export function useAgenda(session: CollabSession): AgendaItem[] {
  const map = agendaOf(session.doc);
  return useCollection(session, 'agenda', map, () => listAgenda(map));
}

export function useDoubts(session: CollabSession): Doubt[] {
  const map = doubtsOf(session.doc);
  return useCollection(session, 'doubts', map, () => listDoubts(map));
}

export function useTakeaways(session: CollabSession): Takeaway[] {
  const map = takeawaysOf(session.doc);
  return useCollection(session, 'takeaways', map, () => listTakeaways(map));
}

/** This cycle's check of the previous cycle's takeaways, by previous takeaway id. */
export function useReviews(session: CollabSession): ReadonlyMap<string, TakeawayReview> {
  const map = reviewsOf(session.doc);
  // A Map does not survive JSON comparison; compare (and hand out) its entries instead.
  const entries = useCollection(session, 'reviews', map, () => [...listReviews(map).entries()].sort(([a], [b]) => a.localeCompare(b)));
  return useMemo(() => new Map(entries), [entries]);
}

/** The feedback the interviewer passed on (shared cycle document, written by the server). */
export function useClientFeedback(session: CollabSession): ClientFeedback[] {
  const map = clientFeedbackOf(session.doc);
  return useCollection(session, 'clientFeedback', map, () => listClientFeedback(map));
}

/** The client's feedback points; `session` is the interview document's (researchers only). */
export function useFeedbackPoints(session: CollabSession): FeedbackPoint[] {
  const map = feedbackPointsOf(session.doc);
  return useCollection(session, 'feedbackPoints', map, () => listFeedbackPoints(map));
}

/** Fragments chosen to show the client; `session` is the interview document's. */
export function useInterviewFragmentIds(session: CollabSession): string[] {
  const map = interviewFragmentsOf(session.doc);
  return useCollection(session, 'interviewFragments', map, () => listInterviewFragmentIds(map));
}

/** Shared and published observations, each once, in time order (the agenda's second pillar). */
export function useAnalysisObservations(session: CollabSession): Observation[] {
  const doc = session.doc;
  const type = observeAll(doc.getMap(docKeys.observations), doc.getMap(docKeys.published));
  return useCollection(session, 'analysisObservations', type, () => analysisObservations(doc));
}

export function useCycleFragments(session: CollabSession): Fragment[] {
  const map = fragmentsOf(session.doc);
  return useCollection(session, 'fragments', map, () => listFragments(map));
}

/** The evaluation answer's Y.Text if someone has written one; null until then (never created here). */
export function evaluationTextIfAny(doc: Y.Doc, field: EvaluationField): Y.Text | null {
  const value = doc.getMap<unknown>(docKeys.evaluation).get(field);
  return value instanceof Y.Text ? value : null;
}

/** The evaluation map's fields change identity only when a peer creates one; observe that. */
export function useEvaluationText(session: CollabSession, field: EvaluationField): Y.Text | null {
  const map = session.doc.getMap<unknown>(docKeys.evaluation);
  const shallow: Observable = { observeDeep: (f) => map.observe(f), unobserveDeep: (f) => map.unobserve(f) };
  return useYStore(docStore(session.doc, `reflection:evaluation:${field}`, () => new YStore(shallow, () => evaluationTextIfAny(session.doc, field))));
}
