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
  /** Map: `transport` (shared playback state). */
  playback: 'playback',
  /** Map: settings such as the presenter lock and intervision reveal. */
  settings: 'settings',
  /** Rich text (Tiptap) fields. */
  report: 'report',
  interviewReport: 'interviewReport',
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
