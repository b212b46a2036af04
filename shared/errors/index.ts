/**
 * The error catalogue: every error the server can return has a stable code, an HTTP status,
 * a WebSocket close code where it applies, and a Dutch message for the person using the app.
 * Clients match on `code`, never on the message text.
 */

/** WebSocket close codes. 1000–1015 are the standard ones; 4000–4999 are ours. */
export const closeCodes = {
  normal: 1000,
  goingAway: 1001,
  /** Enforced by the ws library itself when a frame exceeds `limits.maxWsMessageBytes`. */
  messageTooBig: 1009,
  internalError: 1011,
  malformedMessage: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  invalidDocName: 4404,
  /** The document had to be reloaded from storage (e.g. an update could not be integrated); reconnect. */
  roomReset: 4409,
  rateLimited: 4429,
  /** The cycle is archived: it can be read, not changed. */
  cycleArchived: 4423,
  /** Storage refused a commit; the room was reset. Reconnecting resyncs the client's edits. */
  storageFailed: 4500,
  serverShuttingDown: 4503,
  /** The consent for a recording of this cycle changed: reconnect and re-read the recordings. */
  consentChanged: 4451,
  /** The owner deleted the cycle with everything in it (DELETE-1). */
  cycleDeleted: 4410,
  /** The update changed a part of the document its sender may not change (DOCACCESS-3). */
  writeForbidden: 4433,
  /** The update depends on changes the server does not have yet: reconnect and resync. */
  updateIncomplete: 4408,
  /** The document would grow past its size limit. */
  documentTooLarge: 4413,
  /** Too many open connections for one session or one person. */
  tooManyConnections: 4430,
  /** Presence (awareness) beyond what one browser tab needs: too many ids, too large, too often. */
  awarenessLimit: 4431,
} as const;

export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];

/** Close codes after which reconnecting will not help; the client stops and explains. */
export const permanentCloseCodes: readonly number[] = [
  closeCodes.cycleArchived,
  closeCodes.cycleDeleted,
  closeCodes.unauthenticated,
  closeCodes.forbidden,
  closeCodes.invalidDocName,
  // Resending the refused change would only be refused again: stop and explain.
  closeCodes.writeForbidden,
  closeCodes.documentTooLarge,
  closeCodes.tooManyConnections,
  closeCodes.awarenessLimit,
];

export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
  readonly closeCode?: CloseCode;
}

export const errorCatalogue = {
  bad_request: { status: 400, message: 'Het verzoek is ongeldig.' },
  validation_failed: { status: 400, message: 'Niet alle velden zijn goed ingevuld.' },
  payload_too_large: {
    status: 413,
    message: 'Het verzoek is te groot.',
    closeCode: closeCodes.messageTooBig,
  },
  malformed_message: {
    status: 400,
    message: 'Het bericht kon niet worden gelezen en is geweigerd.',
    closeCode: closeCodes.malformedMessage,
  },
  invalid_doc_name: {
    status: 400,
    message: 'Deze documentnaam is ongeldig.',
    closeCode: closeCodes.invalidDocName,
  },
  origin_not_allowed: {
    status: 403,
    message: 'Deze verbinding komt van een niet-toegestane herkomst.',
  },
  unauthenticated: {
    status: 401,
    message: 'Je bent niet (meer) ingelogd.',
    closeCode: closeCodes.unauthenticated,
  },
  forbidden: {
    status: 403,
    message: 'Je hebt geen toegang tot deze cyclus.',
    closeCode: closeCodes.forbidden,
  },
  invalid_credentials: { status: 401, message: 'E-mailadres of wachtwoord klopt niet.' },
  csrf_failed: {
    status: 403,
    message: 'Dit verzoek kon niet worden gecontroleerd. Herlaad de pagina en probeer het opnieuw.',
  },
  admin_no_content: {
    status: 403,
    message: 'Beheerders hebben geen toegang tot de inhoud van cycli: opnames, notities en analyses zijn alleen voor de deelnemers.',
  },
  not_admin: { status: 403, message: 'Alleen een beheerder mag dit doen.' },
  not_owner: { status: 403, message: 'Alleen de klantmanager die eigenaar is van deze cyclus mag dit doen.' },
  role_not_allowed: { status: 403, message: 'Met jouw rol in deze cyclus mag je dit niet doen.' },
  token_invalid: { status: 400, message: 'Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.' },
  user_exists: { status: 409, message: 'Er bestaat al een account met dit e-mailadres.' },
  user_not_found: { status: 404, message: 'Er is geen actief account met dit e-mailadres in jouw organisatie.' },
  already_member: { status: 409, message: 'Deze persoon is al deelnemer van deze cyclus.' },
  unsupported_media_type: { status: 415, message: 'Dit soort inhoud wordt hier niet geaccepteerd.' },
  cycle_archived: {
    status: 423,
    message: 'Deze cyclus is gearchiveerd: je kunt hem lezen, maar niet meer wijzigen. De klantmanager kan hem heropenen.',
    closeCode: closeCodes.cycleArchived,
  },
  not_found: { status: 404, message: 'Deze pagina of dit onderdeel bestaat niet.' },
  // What the web server itself refuses before any route runs (ERR-1 in SPEC.md).
  bad_url: { status: 400, message: 'Dit adres is ongeldig.' },
  url_too_long: { status: 414, message: 'Dit adres is te lang.' },
  headers_too_large: { status: 431, message: 'Het verzoek heeft te veel of te grote kopregels.' },
  request_timeout: { status: 408, message: 'Het verzoek duurde te lang en is afgebroken.' },
  room_reset: {
    status: 409,
    message: 'Het document is opnieuw geladen; je wijzigingen worden opnieuw gesynchroniseerd.',
    closeCode: closeCodes.roomReset,
  },
  rate_limited: {
    status: 429,
    message: 'Te veel verzoeken achter elkaar. Wacht even en probeer het opnieuw.',
    closeCode: closeCodes.rateLimited,
  },
  storage_failed: {
    status: 503,
    message: 'Opslaan is tijdelijk niet gelukt. Probeer het zo opnieuw.',
    closeCode: closeCodes.storageFailed,
  },
  shutting_down: {
    status: 503,
    message: 'De server wordt opnieuw gestart. Je wordt zo weer verbonden.',
    closeCode: closeCodes.serverShuttingDown,
  },
  internal: { status: 500, message: 'Er ging iets mis aan onze kant.', closeCode: closeCodes.internalError },
  // Access inside the documents and the limits of one session (DOCACCESS-*, LIMIT-* in SPEC.md).
  write_forbidden: {
    status: 403,
    message: 'Deze wijziging is niet toegestaan: je mag dit deel van de cyclus niet aanpassen. De verbinding is gestopt; herlaad de pagina.',
    closeCode: closeCodes.writeForbidden,
  },
  update_incomplete: {
    status: 409,
    message: 'Je wijziging hing af van gegevens die de server nog niet had. De verbinding wordt opnieuw opgebouwd.',
    closeCode: closeCodes.updateIncomplete,
  },
  document_too_large: {
    status: 413,
    message: 'Dit document is te groot geworden; de wijziging is niet opgeslagen. Verwijder oude inhoud of neem contact op met de beheerder.',
    closeCode: closeCodes.documentTooLarge,
  },
  too_many_connections: {
    status: 429,
    message: 'Je hebt te veel vensters of tabbladen tegelijk open. Sluit er een paar en herlaad de pagina.',
    closeCode: closeCodes.tooManyConnections,
  },
  awareness_limit: {
    status: 429,
    message: 'Deze verbinding stuurde meer aanwezigheidsgegevens dan nodig en is gestopt. Herlaad de pagina.',
    closeCode: closeCodes.awarenessLimit,
  },
  blind_mode_off: { status: 409, message: 'Onthullen kan alleen in blinde intervisie.' },
  interview_decision_invalid: { status: 400, message: 'Kies of dit punt wordt doorgegeven, zonder citaat wordt doorgegeven of niet wordt doorgegeven.' },
  // Recordings, media and consent (MEDIA-*, CONSENT-* in SPEC.md).
  consent_missing: {
    status: 403,
    message: 'De cliënt heeft geen toestemming gegeven voor dit gebruik van de opname.',
  },
  consent_changed: {
    status: 409,
    message: 'De toestemming voor een opname is gewijzigd. De gegevens worden opnieuw geladen.',
    closeCode: closeCodes.consentChanged,
  },
  consent_scan_missing: { status: 403, message: 'Het getekende toestemmingsformulier is nog niet geüpload.' },
  cycle_deleted: { status: 410, message: 'Deze cyclus is verwijderd, met alles erin.', closeCode: closeCodes.cycleDeleted },
  cycle_delete_title_mismatch: { status: 400, message: 'Typ de titel van de cyclus precies over om het verwijderen te bevestigen.' },
  fragment_link_empty: { status: 400, message: 'Kies eerst de fragmenten die je de cliënt wilt laten zien.' },
  fragment_link_unsupported: {
    status: 422,
    message: 'Van deze opname kan Kijkruimte geen losse fragmenten tonen (alleen MP4 en MOV). Laat de fragmenten in het gesprek zelf zien.',
  },
  fragment_link_invalid: { status: 401, message: 'Deze link is verlopen of beëindigd. Vraag de interviewer om een nieuwe.' },
  media_erased: { status: 410, message: 'Deze opname is gewist en kan niet meer worden bekeken.' },
  unsupported_media: {
    status: 415,
    message: 'Dit bestand is geen video die Kijkruimte kan gebruiken. Kies een MP4-, MOV- of WebM-bestand.',
  },
  unsupported_consent_form: {
    status: 415,
    message: 'Het toestemmingsformulier moet een PDF, PNG of JPEG zijn.',
  },
  media_truncated: {
    status: 422,
    message: 'Het bestand is onvolledig (bijvoorbeeld een afgebroken kopie) en is niet opgeslagen. Upload het volledige bestand opnieuw.',
  },
  media_corrupt: {
    status: 422,
    message: 'Het bestand is beschadigd of bevat geen leesbare video en is niet opgeslagen.',
  },
  media_too_large: { status: 413, message: 'Het bestand is groter dan de maximale uploadgrootte.' },
  quota_exceeded: {
    status: 413,
    message: 'De opslagruimte van je organisatie is vol. Wis opnames die niet meer nodig zijn of vraag de beheerder om meer ruimte.',
  },
  too_many_open_uploads: {
    status: 429,
    message: 'Je hebt al te veel onvoltooide uploads. Rond er een af of annuleer er een en probeer het dan opnieuw.',
  },
  range_not_satisfiable: { status: 416, message: 'Het gevraagde deel van de opname bestaat niet.' },
  upload_busy: {
    status: 423,
    message: 'Deze upload wordt nog verwerkt. Hij gaat zo vanzelf verder.',
  },
  upload_offset_mismatch: {
    status: 409,
    message: 'De upload liep niet gelijk met de server. Hij wordt vanaf het juiste punt hervat.',
  },
  upload_protocol: {
    status: 412,
    message: 'Deze manier van uploaden wordt niet ondersteund. Herlaad de pagina en probeer het opnieuw.',
  },
  media_unavailable: {
    status: 503,
    message: 'De opname kan nu niet worden gelezen. Probeer het later opnieuw of neem contact op met de beheerder.',
  },
  /** The body also lists `errors: [{ line, message }]`, each in Dutch (TRANSCRIPT-1). */
  transcript_invalid: { status: 422, message: 'Het transcript kon niet worden gelezen; er is niets veranderd.' },
  transcript_speakers_invalid: { status: 400, message: 'Deze sprekers komen niet overeen met de namen in het transcript.' },
  // The client's portal and form (PORTAL-*, FORM-* in SPEC.md). The client is addressed as "u".
  client_code_invalid: {
    status: 401,
    message: 'Deze code klopt niet of werkt niet meer. Kijk de code nog eens na, of vraag degene die het gesprek met u opnam om een nieuwe code.',
  },
  client_session_expired: { status: 401, message: 'Uw sessie is verlopen. Vul uw code opnieuw in.' },
  client_code_replaced: {
    status: 409,
    message: 'Er is intussen een nieuwe code gemaakt; deze code werkt niet meer. Maak het formulier opnieuw.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The JSON body of every HTTP error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function closeCodeFor(code: ErrorCode): number {
  const spec: ErrorSpec = errorCatalogue[code];
  return spec.closeCode ?? closeCodes.internalError;
}

export function errorBody(code: ErrorCode): ErrorBody {
  return { error: { code, message: errorCatalogue[code].message } };
}

/** Finds the catalogue entry for a close code (used by the client to explain a disconnect). */
export function errorForCloseCode(closeCode: number): ErrorCode | undefined {
  for (const [code, spec] of Object.entries(errorCatalogue) as [ErrorCode, ErrorSpec][]) {
    if (spec.closeCode === closeCode) return code;
  }
  return undefined;
}
