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
  /** Map<id, Y.Map>: the client's feedback from the interview (the agenda's third pillar). */
  clientFeedback: 'clientFeedback',
  /** Map<fragmentId, true>: fragments chosen to show the client in the interview. */
  interviewFragments: 'interviewFragments',
  /** Map: `transport` (shared playback state). */
  playback: 'playback',
  /** Map: settings such as the presenter lock and intervision reveal. */
  settings: 'settings',
  /** Rich text (Tiptap) fields. */
  report: 'report',
  interviewReport: 'interviewReport',
  /** Map: the klantmanager's self-analysis werkblad; lives in their own private layer document. */
  worksheet: 'worksheet',
} as const;

/** Keys in the `settings` map that the server writes. */
export const settingsKeys = {
  /** Changes whenever the consent of any recording of the cycle changes: clients re-read it. */
  consentVersion: 'consentVersion',
} as const;

/** The private layer document of one analyst. */
export function layerDocName(cycleId: string, userId: string): string {
  return `cycle:${cycleId}:layer:${userId}`;
}

/** Parses `cycle:<id>:layer:<userId>`; null for any other name. */
export function parseLayerDocName(docName: string): { cycleId: string; userId: string } | null {
  const m = /^cycle:([a-z0-9-]{8,64}):layer:([a-z0-9-]{8,64})$/.exec(docName);
  return m ? { cycleId: m[1]!, userId: m[2]! } : null;
}
