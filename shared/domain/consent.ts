import type { CycleRole } from './access.ts';

/**
 * Consent (toestemming) per recording: one decision per use. This file is the single source of
 * which use covers which role's playback, and of the Dutch explanation when it does not; the
 * server enforces it on every byte it serves, the client uses it to explain.
 */
export const consentUses = ['own', 'researchers', 'colleagues', 'training', 'clientInterview'] as const;
export type ConsentUse = (typeof consentUses)[number];

export const consentUseLabels: Record<ConsentUse, string> = {
  own: 'eigen gebruik door de klantmanager',
  researchers: 'onderzoekers en coach',
  colleagues: 'intervisie met collega’s',
  training: 'trainingen en presentaties',
  clientInterview: 'cliënt mag benaderd worden voor een interview',
};

/** Shown to a member whose role the consent does not cover (and used in `consent_missing`). */
export const consentRefusalMessages: Record<ConsentUse, string> = {
  own: 'De cliënt heeft geen toestemming gegeven voor eigen gebruik van deze opname.',
  researchers: 'De cliënt heeft geen toestemming gegeven voor gebruik door onderzoekers of de coach.',
  colleagues: 'De cliënt heeft geen toestemming gegeven voor gebruik in intervisie.',
  training: 'De cliënt heeft geen toestemming gegeven voor gebruik in trainingen of presentaties.',
  clientInterview: 'De cliënt heeft geen toestemming gegeven om benaderd te worden voor een interview.',
};

export const consentNotRecordedMessage =
  'Er is nog geen toestemming van de cliënt vastgelegd. Tot die tijd kan alleen de klantmanager de opname bekijken.';
export const recordingErasedMessage = 'Deze opname is gewist en kan niet meer worden bekeken.';
/** SCANGATE-1: the organisation asks for the signed form's scan before anyone but the owner plays. */
export const scanMissingMessage = 'Het getekende toestemmingsformulier is nog niet geüpload.';

/**
 * Which use a role needs to play a recording. `training` and `clientInterview` grant playback to
 * no member role (clientInterview gates the client-interview step). The administrator is never a
 * member and never plays.
 */
export const playbackUseOf: Record<CycleRole, ConsentUse> = {
  owner: 'own',
  researcher: 'researchers',
  colleague: 'colleagues',
};

export type ConsentDecisions = Record<ConsentUse, boolean>;

export function noConsent(): ConsentDecisions {
  return { own: false, researchers: false, colleagues: false, training: false, clientInterview: false };
}

/** What playback needs to know about a recording's consent. */
export interface ConsentState {
  /** False until the owner recorded the client's decisions for the first time. */
  recorded: boolean;
  decisions: ConsentDecisions;
  /** The media was erased (complete withdrawal, retention passed, or removed by the owner). */
  erased: boolean;
  /**
   * The organisation asks for the scan of the signed form before anyone but the owner plays
   * (SCANGATE-1), and it has not been uploaded yet. Absent: no such requirement.
   */
  scanMissing?: boolean;
}

export type PlayDecision =
  | { allowed: true }
  | { allowed: false; reason: 'erased' | 'not_member' | 'consent_missing' | 'scan_missing'; use: ConsentUse | null; message: string };

/**
 * May a member with `role` play the recording? The owner (who recorded it) may play until consent
 * is recorded, then only while `own` is granted; a researcher needs `researchers`, a colleague
 * `colleagues`. Anyone else (the administrator, a non-member: `null`) never. When the organisation
 * asks for the signed form's scan (SCANGATE-1), nobody but the owner plays until it is uploaded:
 * "pas gedeeld nadat een door de cliënt ondertekend toestemmingsformulier ontvangen was" (`002_*`).
 */
export function canPlay(role: CycleRole | null, state: ConsentState): PlayDecision {
  if (state.erased) return { allowed: false, reason: 'erased', use: null, message: recordingErasedMessage };
  if (role === null) {
    return { allowed: false, reason: 'not_member', use: null, message: 'Je bent geen deelnemer van deze cyclus.' };
  }
  const use = playbackUseOf[role];
  if (!state.recorded) {
    if (role === 'owner') return { allowed: true };
    return { allowed: false, reason: 'consent_missing', use, message: consentNotRecordedMessage };
  }
  if (!state.decisions[use]) return { allowed: false, reason: 'consent_missing', use, message: consentRefusalMessages[use] };
  if (role !== 'owner' && state.scanMissing === true) return { allowed: false, reason: 'scan_missing', use, message: scanMissingMessage };
  return { allowed: true };
}

/**
 * May the client be shown fragments of the recording through a link (FRAGLINK-1)? Only with
 * `clientInterview` consent, under the same scan gate as every member but the owner.
 */
export function canShowClient(state: ConsentState): PlayDecision {
  if (state.erased) return { allowed: false, reason: 'erased', use: null, message: recordingErasedMessage };
  if (!state.recorded || !state.decisions.clientInterview) {
    return { allowed: false, reason: 'consent_missing', use: 'clientInterview', message: consentRefusalMessages.clientInterview };
  }
  if (state.scanMissing === true) return { allowed: false, reason: 'scan_missing', use: 'clientInterview', message: scanMissingMessage };
  return { allowed: true };
}

/** The error code a refused playback (or transcript read) answers with. */
export function playRefusalCode(reason: Exclude<PlayDecision, { allowed: true }>['reason']): 'media_erased' | 'consent_missing' | 'consent_scan_missing' {
  if (reason === 'erased') return 'media_erased';
  if (reason === 'scan_missing') return 'consent_scan_missing';
  return 'consent_missing';
}

/** One entry of the append-only consent history. */
export interface ConsentEvent {
  id: number;
  at: number;
  actorName: string | null;
  kind: 'recorded' | 'withdrawn' | 'erased';
  /** The decisions in force after this event. */
  decisions: ConsentDecisions;
  /** Uses whose decision this event changed. */
  changed: ConsentUse[];
  /** Date the client gave consent (YYYY-MM-DD), who recorded the conversation, legal note. */
  consentDate: string | null;
  recordedBy: string | null;
  lawfulBasis: string | null;
  retentionUntil: string | null;
  /** The dates beside the client's and the klantmanager's signature on the form (CONSENT-SIGN-1). */
  clientSignedOn: string | null;
  managerSignedOn: string | null;
}
