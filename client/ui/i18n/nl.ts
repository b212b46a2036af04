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

  'document.title': '{docName} · Kijkruimte',
  'document.breadcrumb': 'Document: {docName}',
  'document.heading': 'Gezamenlijk verslag',
  'document.loading': 'Document wordt geopend…',
  'document.invalidName': 'Controleer het adres: een documentnaam bestaat uit kleine letters, cijfers en . _ : -',
  'document.offlineHint': 'Je wijzigingen blijven bewaard in dit venster en worden verstuurd zodra de verbinding terug is.',

  'status.label': 'Verbinding',
  'status.connecting': 'verbinden…',
  'status.connected': 'verbonden',
  'status.reconnecting': 'opnieuw verbinden…',
  'status.offline': 'offline',
  'status.refused': 'geen toegang',

  'presence.heading': 'Aanwezig',
  'presence.you': '{name} (jij)',
  'presence.unknown': 'Naamloos',

  'identity.label': 'Je naam',
  'identity.hint': 'Zo zien de anderen je in dit document.',
  'identity.save': 'Opslaan',
  'identity.defaultName': 'Gast {number}',

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

  'notFound.heading': 'Pagina niet gevonden',
  'notFound.body': 'Deze pagina of dit onderdeel bestaat niet.',
  'notFound.back': 'Naar het demodocument',
} as const;

export type MessageKey = keyof typeof nl;

/** Looks up a string and fills in `{placeholders}`; unknown placeholders are left visible. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return nl[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/**
 * Server errors carry a stable code; their Dutch text lives in the shared error catalogue (the
 * server uses the same text in HTTP bodies). Going through this function keeps `t` the single
 * door for visible text in the client.
 */
export function errorMessage(code: ErrorCode): string {
  return errorCatalogue[code].message;
}
