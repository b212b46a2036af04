/**
 * The audit log's actions as the owner reads them ("Wie heeft toegang gehad", its CSV export).
 * One list for server and client: the server writes the CSV with these words, the client's
 * catalogue (`access.action.*`) is built from them, and the server checks at compile time that
 * every action it records has a label here.
 */
export const auditActionIds = [
  'login',
  'login_failed',
  'logout',
  'session_expired',
  'cycle_created',
  'cycle_opened',
  'cycle_updated',
  'document_opened',
  'member_added',
  'member_removed',
  'user_created',
  'user_disabled',
  'password_reset',
  'access_denied',
  'recording_created',
  'media_upload_started',
  'media_uploaded',
  'media_refused',
  'media_played',
  'media_erased',
  'consent_recorded',
  'consent_withdrawn',
  'consent_form_uploaded',
  'consent_form_viewed',
  'streams_cut',
  'layer_published',
  'layers_revealed',
  'interview_feedback_decided',
  'cycle_exported',
  'write_refused',
  'account_requested',
  'reset_link_issued',
  'access_log_exported',
  'transcript_imported',
  'transcript_exported',
  'transcript_deleted',
  'org_settings_changed',
  'fragment_link_opened',
  'fragment_link_played',
  'fragment_link_ended',
  'cycle_deleted',
  'client_code_issued',
  'client_form_downloaded',
  'client_portal_opened',
  'client_portal_viewed',
  'client_receipt_viewed',
  'erasure_receipt_issued',
  'worksheet_shared',
  'worksheet_viewed',
] as const;

export type AuditActionId = (typeof auditActionIds)[number];

export const auditActionLabels: Readonly<Record<AuditActionId, string>> = {
  login: 'logde in',
  login_failed: 'kon niet inloggen',
  logout: 'logde uit',
  session_expired: 'sessie verlopen',
  cycle_created: 'maakte de cyclus aan',
  cycle_opened: 'opende de cyclus',
  cycle_updated: 'wijzigde de gegevens van de cyclus',
  document_opened: 'opende een document',
  member_added: 'voegde een deelnemer toe',
  member_removed: 'verwijderde een deelnemer',
  user_created: 'maakte een account aan',
  user_disabled: 'schakelde een account uit',
  password_reset: 'koos een nieuw wachtwoord',
  access_denied: 'probeerde iets te openen (geweigerd)',
  recording_created: 'maakte een opname aan',
  media_upload_started: 'begon met uploaden',
  media_uploaded: 'uploadde een videobestand',
  media_refused: 'upload geweigerd',
  media_played: 'speelde een opname af',
  media_erased: 'opname gewist',
  consent_recorded: 'legde toestemming vast',
  consent_withdrawn: 'trok toestemming in',
  consent_form_uploaded: 'uploadde het toestemmingsformulier',
  consent_form_viewed: 'bekeek het toestemmingsformulier',
  streams_cut: 'afspelen gestopt na intrekken toestemming',
  layer_published: 'publiceerde een eigen analyse',
  layers_revealed: 'maakte de analyses zichtbaar',
  interview_feedback_decided: 'besliste over feedback van de cliënt',
  cycle_exported: 'exporteerde de cyclus',
  write_refused: 'probeerde iets te wijzigen dat niet van hem of haar is (geweigerd)',
  account_requested: 'vroeg de beheerder om een account',
  reset_link_issued: 'maakte een nieuwe wachtwoordlink aan',
  access_log_exported: 'exporteerde dit overzicht',
  transcript_imported: 'importeerde een transcript',
  transcript_exported: 'exporteerde een transcript',
  transcript_deleted: 'verwijderde een transcript',
  org_settings_changed: 'wijzigde een instelling van de organisatie',
  fragment_link_opened: 'maakte een link met fragmenten voor de cliënt',
  fragment_link_played: 'de cliënt bekeek de fragmenten via de link',
  fragment_link_ended: 'link met fragmenten voor de cliënt beëindigd',
  cycle_deleted: 'verwijderde de cyclus met alles erin',
  client_code_issued: 'maakte een nieuwe code en een formulier voor de cliënt',
  client_form_downloaded: 'downloadde het formulier voor de cliënt',
  client_portal_opened: 'de cliënt opende de cliëntpagina met de code',
  client_portal_viewed: 'de cliënt bekeek het overzicht',
  client_receipt_viewed: 'de cliënt bekeek een bewijs van wissen',
  erasure_receipt_issued: 'bewijs van wissen gemaakt',
  worksheet_shared: 'deelde een werkblad',
  worksheet_viewed: 'bekeek een gedeeld werkblad',
};

export function isAuditActionId(value: string): value is AuditActionId {
  return (auditActionIds as readonly string[]).includes(value);
}

/** "Wie heeft toegang gehad": one entry as the route returns it, "Betreft" already in words. */
export interface AccessLogEntry {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
  /** What the action was about, in Dutch: a recording's label, a document part, a person. */
  subject: string | null;
}

export interface AccessLogPage {
  entries: AccessLogEntry[];
  total: number;
  page: number;
  pageSize: number;
}
