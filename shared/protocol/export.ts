/**
 * The export model of a cycle: built once on the server, rendered as DOCX, Markdown and (in the
 * client) a print-friendly page. Contains no media, and nothing from a use the client did not
 * consent to.
 */
/** `fragment`: a reference to a fragment of the recording ("▶ fragment 00:13–00:17"), its own run. */
export type Run = { text: string; bold?: boolean; italic?: boolean; fragment?: boolean };
export type Block =
  | { type: 'heading'; level: number; runs: Run[] }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; ordered: boolean; items: Run[][] }
  | { type: 'quote'; runs: Run[] };

export interface ExportObservation {
  timecode: string;
  start: number;
  themes: string[];
  kind: string;
  valence: string;
  text: string;
  author: string;
}

/** Conversation figures of one transcript (Kijkwijzer theme spreektijd), names pseudonymised. */
export interface ExportTalk {
  recording: string;
  speakers: { name: string; share: string; turns: number; questions: number }[];
  roles: { role: string; share: string }[];
  turns: number;
  longestTurn: { speaker: string; range: string; seconds: number } | null;
  silences: number;
  chains: { range: string; turns: number; words: string[] }[];
  topicShifts: number;
}

export interface ExportModel {
  cycle: { title: string; counterpart: string; ownerName: string; createdAt: number; status: string };
  exportedAt: number;
  members: { name: string; role: string }[];
  /** Per use (Dutch label) whether the client granted it on at least one recording. */
  consent: { use: string; granted: boolean }[];
  doubts: { kind: string; text: string }[];
  previousTakeaways: { text: string; applied: string | null; note: string }[];
  observations: ExportObservation[];
  fragments: { range: string; label: string }[];
  /** The interview report: only in the export of a reader of the interview document (researchers). */
  interview: { included: true; blocks: Block[] } | { included: false; reason: string };
  /** "Feedback van de cliënt": the points the interviewer passed on into the shared cycle. */
  clientFeedback: { text: string }[];
  /** `valence`: the label of the source observation's valence ("wat goed gaat"), POSITIVE-2. */
  agenda: { section: string; items: { text: string; done: boolean; pillar: string | null; valence: string | null; fragments: string[] }[] }[];
  report: Block[];
  takeaways: { kind: string; text: string }[];
  evaluation: { question: string; answer: string }[];
  /** Spreektijd and beurten per transcript the reader may see. */
  talk: ExportTalk[];
  /** What was left out and why (e.g. intervision observations without consent). */
  omissions: string[];
  /** The cycle's kind and the words that go with it (KIND-1). */
  kind: ExportKind;
  /** SLIM per conversation, one per author (SLIM-3). */
  slim: ExportSlim[];
  /** The reader's own self-reflection with the five core questions (SELF-3); empty when untouched
   * (it lives in their private layer, so nobody else's export has it). */
  selfReflection: { question: string; answer: string; moments: string[] }[];
}

export interface ExportSlim {
  author: string;
  selfImage: string;
  role: string;
  logic: string;
  /** "Sluit aan" / "Sluit niet aan" / "Niet te zeggen", for the role and the logic. */
  roleFit: string;
  logicFit: string;
  explanation: string;
  /** Fragment ranges with their labels. */
  evidence: string[];
  note: string;
}

export interface ExportKind {
  label: string;
  /** "klantmanager" or "leidinggevende", before the owner's name. */
  professional: string;
  consentHeading: string;
  /** "De cliënt gaf toestemming voor:" */
  consentGranted: string;
  consentNone: string;
  /** The interview section's heading ("Interview met de cliënt" / "Terugblik van de collega"). */
  interviewHeading: string;
  /** The third pillar's heading, and what it says when empty (KIND-3). */
  feedbackHeading: string;
  noFeedback: string;
}
