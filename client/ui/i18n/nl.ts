/**
 * The Dutch string catalogue. Every string a person can see or hear (labels, statuses, messages,
 * accessible names) comes from here, so that another language can be added as a second catalogue
 * with the same keys. Placeholders are written `{name}` and filled in by `t()`.
 */
import { errorCatalogue, type ErrorCode } from '../../../shared/errors/index.ts';

export const nl = {
  'app.name': 'Kijkruimte',
  'app.tagline': 'samen kijken, samen zien',
  'app.skipToContent': 'Naar de inhoud',
  'app.pageTitle': '{page} · Kijkruimte',
  'app.loading': 'Even geduld…',

  'nav.label': 'Hoofdmenu',
  'nav.cycles': 'Mijn cycli',
  'nav.admin': 'Beheer',
  'nav.signedInAs': 'Ingelogd als',
  'nav.logout': 'Uitloggen',

  'common.cancel': 'Annuleren',
  'common.save': 'Opslaan',
  'common.busy': 'Bezig…',
  'common.retry': 'Opnieuw proberen',
  'common.required': 'Vul dit veld in.',
  'common.emailInvalid': 'Vul een geldig e-mailadres in.',
  'common.none': '—',

  'error.heading': 'Er ging iets mis',
  'error.network': 'De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
  'error.unexpected': 'Het antwoord van de server was onverwacht. Herlaad de pagina en probeer het opnieuw.',

  'login.title': 'Inloggen',
  'login.heading': 'Inloggen',
  'login.intro': 'Log in met het account dat je van je organisatie hebt gekregen.',
  'login.email': 'E-mailadres',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.forgot': 'Wachtwoord vergeten?',
  'login.expired': 'Je bent niet (meer) ingelogd. Log in om verder te gaan.',

  'password.title': 'Wachtwoord',
  'password.setHeading': 'Kies je wachtwoord',
  'password.setIntro': 'Kies een wachtwoord van minstens {min} tekens. Daarna ben je meteen ingelogd.',
  'password.new': 'Nieuw wachtwoord',
  'password.repeat': 'Herhaal het wachtwoord',
  'password.tooShort': 'Kies een wachtwoord van minstens {min} tekens.',
  'password.mismatch': 'De twee wachtwoorden zijn niet gelijk.',
  'password.submit': 'Wachtwoord opslaan',
  'password.requestHeading': 'Wachtwoord vergeten',
  'password.requestIntro': 'Vul het e-mailadres van je account in. We maken dan een link aan waarmee je een nieuw wachtwoord kiest.',
  'password.requestSubmit': 'Herstellink aanvragen',
  'password.requestSent': 'Als dit e-mailadres bij een account hoort, is er een herstellink aangemaakt. Die is een uur geldig. Vraag je beheerder om de link als je hem niet hebt ontvangen.',
  'password.backToLogin': 'Terug naar inloggen',

  'role.owner': 'klantmanager (eigenaar)',
  'role.researcher': 'onderzoeker / coach',
  'role.colleague': 'collega (intervisie)',

  'cycleStatus.active': 'actief',
  'cycleStatus.archived': 'gearchiveerd',

  'cycles.title': 'Mijn cycli',
  'cycles.heading': 'Mijn cycli',
  'cycles.intro': 'Eén cyclus per opgenomen gesprek: van intake en analyse tot reflectiegesprek en aandachtspunten. Je ziet alleen de cycli waarbij je betrokken bent.',
  'cycles.loading': 'Cycli worden geladen…',
  'cycles.empty': 'Je bent nog bij geen enkele cyclus betrokken.',
  'cycles.listLabel': 'Cycli waarbij je betrokken bent',
  'cycles.col.title': 'Cyclus',
  'cycles.col.counterpart': 'Gesprekspartner',
  'cycles.col.role': 'Jouw rol',
  'cycles.col.owner': 'Eigenaar',
  'cycles.col.status': 'Status',
  'cycles.col.updated': 'Laatst gewijzigd',
  'cycles.adminNote': 'Als beheerder beheer je accounts; cycli zijn alleen voor de deelnemers.',
  'cycles.toAdmin': 'Naar beheer',

  'newCycle.heading': 'Nieuwe cyclus',
  'newCycle.intro': 'Jij wordt de eigenaar: jij bepaalt wie er meekijkt en je kunt altijd stoppen.',
  'newCycle.title': 'Titel',
  'newCycle.titleHint': 'Bijvoorbeeld: Gesprek over werkhervatting, maart',
  'newCycle.titleRequired': 'Geef de cyclus een titel.',
  'newCycle.counterpart': 'Cliënt / gesprekspartner',
  'newCycle.counterpartHint': 'Een label, geen echte naam: bijvoorbeeld „cliënt A”.',
  'newCycle.submit': 'Cyclus aanmaken',

  'cycle.loading': 'Cyclus wordt geopend…',
  'cycle.eyebrow': 'Cyclus',
  'cycle.with': 'met {counterpart}',
  'cycle.owner': 'Eigenaar: {name}',
  'cycle.myRole': 'Jouw rol: {role}',
  'cycle.statusLabel': 'Status van de cyclus',
  'cycle.edit': 'Titel wijzigen',
  'cycle.editHeading': 'Cyclus wijzigen',
  'cycle.archive': 'Archiveren',
  'cycle.reactivate': 'Weer actief maken',
  'cycle.archivedNote': 'Deze cyclus is gearchiveerd.',
  'cycle.accessLog': 'Wie heeft toegang gehad',
  'cycle.actions': 'Acties voor deze cyclus',
  'cycle.back': 'Terug naar Mijn cycli',

  'report.heading': 'Verslag',
  'report.loading': 'Verslag wordt geopend…',
  'report.offlineHint': 'Je wijzigingen blijven bewaard in dit venster en worden verstuurd zodra de verbinding terug is.',
  'report.readOnly': 'Het verslag is alleen nog te lezen; wijzigingen worden niet meer opgeslagen.',

  'status.label': 'Verbinding',
  'status.connecting': 'verbinden…',
  'status.connected': 'verbonden',
  'status.reconnecting': 'opnieuw verbinden…',
  'status.offline': 'offline',
  'status.refused': 'geen toegang',

  'presence.heading': 'Aanwezig',
  'presence.you': '{name} (jij)',
  'presence.unknown': 'Naamloos',

  'members.heading': 'Deelnemers',
  'members.you': '{name} (jij)',
  'members.remove': 'Verwijderen',
  'members.removeLabel': '{name} verwijderen uit deze cyclus',
  'members.confirmTitle': 'Deelnemer verwijderen?',
  'members.confirmBody': '{name} heeft daarna geen toegang meer tot deze cyclus. Heeft {name} de cyclus nu open, dan wordt de verbinding meteen verbroken.',
  'members.confirm': 'Ja, verwijderen',
  'members.inviteHeading': 'Iemand uitnodigen',
  'members.inviteEmail': 'E-mailadres',
  'members.inviteHint': 'De persoon moet een account hebben in jouw organisatie.',
  'members.inviteRole': 'Rol',
  'members.inviteSubmit': 'Uitnodigen',
  'members.invited': '{name} doet nu mee als {role}.',
  'members.removed': '{name} is verwijderd uit deze cyclus.',
  'members.ownerOnly': 'Alleen de eigenaar kan deelnemers toevoegen of verwijderen.',

  'access.title': 'Wie heeft toegang gehad',
  'access.heading': 'Wie heeft toegang gehad',
  'access.intro': 'Wie deze cyclus of het verslag opende, wie werd toegevoegd of verwijderd, en wie werd geweigerd. Alleen jij als eigenaar ziet dit overzicht.',
  'access.loading': 'Overzicht wordt geladen…',
  'access.empty': 'Er is nog niets vastgelegd.',
  'access.tableLabel': 'Toegang tot deze cyclus, nieuwste eerst',
  'access.col.time': 'Tijdstip',
  'access.col.person': 'Persoon',
  'access.col.action': 'Actie',
  'access.col.outcome': 'Resultaat',
  'access.col.target': 'Betreft',
  'access.unknownPerson': 'onbekend',
  'access.formerMember': 'voormalig deelnemer',
  'access.outcome.allowed': 'toegestaan',
  'access.outcome.denied': 'geweigerd',
  'access.action.cycle_created': 'maakte de cyclus aan',
  'access.action.cycle_opened': 'opende de cyclus',
  'access.action.cycle_updated': 'wijzigde de cyclus',
  'access.action.document_opened': 'opende het verslag',
  'access.action.member_added': 'voegde een deelnemer toe',
  'access.action.member_removed': 'verwijderde een deelnemer',
  'access.action.access_denied': 'probeerde de cyclus te openen',
  'access.action.other': 'overige actie ({action})',
  'access.back': 'Terug naar de cyclus',

  'admin.title': 'Beheer',
  'admin.heading': 'Accounts beheren',
  'admin.intro': 'Als beheerder maak je accounts aan en schakel je ze uit. Opnames, notities en analyses van cycli zie je niet: die zijn alleen voor de deelnemers.',
  'admin.loading': 'Accounts worden geladen…',
  'admin.usersHeading': 'Accounts',
  'admin.tableLabel': 'Accounts in jouw organisatie',
  'admin.col.name': 'Naam',
  'admin.col.email': 'E-mailadres',
  'admin.col.kind': 'Soort',
  'admin.col.status': 'Status',
  'admin.col.actions': 'Acties',
  'admin.kind.admin': 'beheerder',
  'admin.kind.user': 'medewerker',
  'admin.status.active': 'actief',
  'admin.status.disabled': 'uitgeschakeld',
  'admin.disable': 'Uitschakelen',
  'admin.disableLabel': 'Account van {name} uitschakelen',
  'admin.confirmTitle': 'Account uitschakelen?',
  'admin.confirmBody': '{name} kan daarna niet meer inloggen, en open verbindingen van {name} worden verbroken.',
  'admin.confirm': 'Ja, uitschakelen',
  'admin.disabledNotice': 'Het account van {name} is uitgeschakeld.',
  'admin.createHeading': 'Nieuw account',
  'admin.createName': 'Naam',
  'admin.createEmail': 'E-mailadres',
  'admin.createSubmit': 'Account aanmaken',
  'admin.created': 'Het account van {name} is aangemaakt. De eenmalige uitnodigingslink staat in het logboek van de server: geef die aan {name}, die er zelf een wachtwoord mee kiest.',

  'editor.label': 'Tekst van het verslag',
  'editor.placeholder': 'Begin hier met schrijven…',
  'editor.toolbar': 'Opmaak',
  'editor.bold': 'Vet',
  'editor.italic': 'Cursief',
  'editor.heading': 'Kop',
  'editor.bulletList': 'Opsomming',
  'editor.orderedList': 'Genummerde lijst',
  'editor.undo': 'Ongedaan maken',
  'editor.redo': 'Opnieuw',
  'editor.shortcutBold': 'Ctrl+B',
  'editor.shortcutItalic': 'Ctrl+I',
  'editor.shortcutUndo': 'Ctrl+Z',
  'editor.shortcutRedo': 'Ctrl+Shift+Z',

  'forbidden.title': 'Geen toegang',
  'forbidden.heading': 'Geen toegang',
  'forbidden.hint': 'Hoor je erbij te horen? Vraag de klantmanager die eigenaar is van de cyclus om je uit te nodigen.',
  'notFound.title': 'Niet gevonden',
  'notFound.heading': 'Pagina niet gevonden',
  'notFound.body': 'Deze pagina of dit onderdeel bestaat niet.',
  'notFound.back': 'Naar Mijn cycli',
  'notFound.backAdmin': 'Naar beheer',
} as const;

export type MessageKey = keyof typeof nl;

/** Looks up a string and fills in `{placeholders}`; unknown placeholders are left visible. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return nl[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** Whether a dynamic key (built from a server value) exists in the catalogue. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(nl, key);
}

/**
 * Server errors carry a stable code; their Dutch text lives in the shared error catalogue (the
 * server uses the same text in HTTP bodies). Going through this function keeps `t` the single
 * door for visible text in the client. Client-side failures (no server reached, an answer we
 * could not read) have their own strings here.
 */
export function errorMessage(code: ErrorCode | 'network' | 'unexpected_response'): string {
  if (code === 'network') return t('error.network');
  if (code === 'unexpected_response') return t('error.unexpected');
  return errorCatalogue[code].message;
}
