/** Sizes, durations, speeds and dates the Dutch way, for the recordings screens. */
import {
  consentNotRecordedMessage,
  consentRefusalMessages,
  recordingErasedMessage,
  scanMissingMessage,
  type ConsentUse,
} from '../../../shared/domain/consent.ts';
import type { Recording } from '../../api/media.ts';
import { defaultCycleKind, kindProfile, type CycleKind } from '../../../shared/domain/cycle-kinds.ts';
import { t, type MessageKey } from '../../ui/i18n/nl.ts';

const consentUseKeys: Record<ConsentUse, MessageKey> = {
  own: 'recordings.use.own',
  researchers: 'recordings.use.researchers',
  colleagues: 'recordings.use.colleagues',
  training: 'recordings.use.training',
  clientInterview: 'recordings.use.clientInterview',
};

/** The name of a use of a recording, as the consent form of this kind of cycle calls it (KIND-3). */
export function consentUseLabel(use: ConsentUse, kind: CycleKind = defaultCycleKind): string {
  return kindProfile(kind).consentFormLabels[use] ?? t(consentUseKeys[use]);
}

const oneDecimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });

/**
 * Sizes in binary units with the familiar names, as most file managers show them: a 4 GiB limit
 * reads "4 GB", a 212 391-byte file "207 kB".
 */
export function formatBytes(bytes: number): string {
  const k = 1024;
  if (bytes < k) return t('recordings.unit.bytes', { n: whole.format(bytes) });
  if (bytes < k ** 2) return t('recordings.unit.kb', { n: whole.format(bytes / k) });
  if (bytes < k ** 3) return t('recordings.unit.mb', { n: oneDecimal.format(bytes / k ** 2) });
  return t('recordings.unit.gb', { n: oneDecimal.format(bytes / k ** 3) });
}

/** "0:20", "12:05", "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A rough time left: "8 s", "3 min", "1 u 5 min". */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return t('recordings.time.seconds', { n: Math.max(1, Math.ceil(seconds)) });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return t('recordings.time.minutes', { n: minutes });
  return t('recordings.time.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

const dateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium' });
const isoDateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDate(epochMs: number): string {
  return dateOnly.format(new Date(epochMs));
}

/** A calendar date as the server stores it (JJJJ-MM-DD) → "12 mrt 2025". */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return t('common.none');
  const at = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(at) ? iso : isoDateOnly.format(new Date(at));
}

/** Today in the person's own calendar, as JJJJ-MM-DD (what a date input holds). */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Why I may not play a recording, in the words of the shared consent catalogue (the same text the
 * server uses when it refuses the stream); the server's own message when it names another reason.
 */
export function playRefusal(recording: Recording): string | null {
  const play = recording.play;
  if (play.allowed) return null;
  if (play.reason === 'erased' || recording.erased) return recordingErasedMessage;
  if (play.reason === 'scan_missing') return scanMissingMessage;
  if (play.reason === 'consent_missing') {
    if (recording.consent === null) return consentNotRecordedMessage;
    if (play.use !== null) return consentRefusalMessages[play.use];
  }
  return play.message;
}
