/**
 * Layout of a cycle's Yjs documents. One shared document per cycle (`cycle:<id>`) and one private
 * layer per analyst (`cycle:<id>:layer:<userId>`). Top-level names are declared once, here.
 */
export const docKeys = {
  /** Map<id, Y.Map>: the shared, agreed list of observations and questions. */
  observations: 'observations',
  /** Map<userId, Map<id, Y.Map>>: each analyst's published observations (input for "Vergelijk"). */
  published: 'published',
  /** Map<id, Y.Map>: named time ranges ("fragment 6:00–6:30"). */
  fragments: 'fragments',
  /** Map<id, Y.Map>: agenda items of the reflectiegesprek, ordered by fractional `order`. */
  agenda: 'agenda',
  /** Map<id, Y.Map>: the klantmanager's doubts and learning goals (intake). */
  doubts: 'doubts',
  /** Map<id, Y.Map>: aandachtspunten / voornemens. */
  takeaways: 'takeaways',
  /** Map<previousTakeawayId, Y.Map>: this cycle's check of the previous cycle's takeaways. */
  previousReview: 'previousReview',
  /** Map<field, Y.Text>: evaluation of the reflection itself. */
  evaluation: 'evaluation',
  /** Map<id, Y.Map>: the client's feedback as passed on by the interviewer (the agenda's third
   * pillar). Written by the server only, from the interview document's `feedbackPoints`. */
  clientFeedback: 'clientFeedback',
  /** Interview document: Map<fragmentId, true>, fragments chosen to show the client. */
  interviewFragments: 'interviewFragments',
  /** Interview document: Map<id, Y.Map>, the client's feedback points with the decision to pass
   * each on (doorgeven / zonder citaat / niet). */
  feedbackPoints: 'feedbackPoints',
  /** Map: `transport` (shared playback state). */
  playback: 'playback',
  /** Map: settings such as the presenter lock and intervision reveal. */
  settings: 'settings',
  /** Rich text (Tiptap) fields; `interviewReport` lives in the interview document. */
  report: 'report',
  interviewReport: 'interviewReport',
  /** Map: the klantmanager's self-analysis werkblad; lives in their own private layer document. */
  worksheet: 'worksheet',
  /** Map<id, Y.Map>: SLIM per conversation, one entry per author (researcher or klantmanager). */
  slim: 'slim',
  /** Map<coreQuestionId, Y.Map{ answer, moments }>: the five core questions as a guided
   * self-reflection; lives in its author's private layer document. */
  coreReflection: 'coreReflection',
  /** Shared-werkblad document: Map{ view: JSON }, the server's live copy of an author's werkblad
   * and core-question reflection for the members they share it with (SELF-4). */
  sharedWorksheet: 'sharedWorksheet',
} as const;

/** Keys in the `settings` map that the server writes. */
export const settingsKeys = {
  /** Changes whenever the consent of any recording of the cycle changes: clients re-read it. */
  consentVersion: 'consentVersion',
} as const;

/** The confidential interview document of a cycle: only researchers receive it. */
export function interviewDocName(cycleId: string): string {
  return `cycle:${cycleId}:interview`;
}

/** Which of a cycle's documents a name is; null for names outside any cycle or unknown ones. */
export function parseCycleDocName(
  docName: string,
): { cycleId: string; kind: 'cycle' | 'interview' | 'layer' | 'werkblad'; layerOwnerId: string | null } | null {
  const m = /^cycle:([a-z0-9-]{8,64})(?::(interview|(layer|werkblad):([a-z0-9-]{8,64})))?$/.exec(docName);
  if (!m) return null;
  if (m[2] === undefined) return { cycleId: m[1]!, kind: 'cycle', layerOwnerId: null };
  if (m[2] === 'interview') return { cycleId: m[1]!, kind: 'interview', layerOwnerId: null };
  // For a shared werkblad, `layerOwnerId` is its author (whose layer it copies).
  return { cycleId: m[1]!, kind: m[3] === 'werkblad' ? 'werkblad' : 'layer', layerOwnerId: m[4]! };
}

/**
 * The live, read-only copy of an author's werkblad and core-question reflection (SELF-4): the
 * server writes it from the author's private layer; the members the author shares with read it.
 */
export function sharedWorksheetDocName(cycleId: string, authorId: string): string {
  return `cycle:${cycleId}:werkblad:${authorId}`;
}

/** The private layer document of one analyst. */
export function layerDocName(cycleId: string, userId: string): string {
  return `cycle:${cycleId}:layer:${userId}`;
}

/** Parses `cycle:<id>:layer:<userId>`; null for any other name. */
export function parseLayerDocName(docName: string): { cycleId: string; userId: string } | null {
  const m = /^cycle:([a-z0-9-]{8,64}):layer:([a-z0-9-]{8,64})$/.exec(docName);
  return m ? { cycleId: m[1]!, userId: m[2]! } : null;
}
