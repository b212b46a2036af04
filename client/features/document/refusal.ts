/**
 * How a refused connection is told: a short label for the status pill and the catalogue's Dutch
 * message. "Geen toegang" only where access itself is gone; the limits and a refused change stop
 * the connection without taking access away ("verbinding gestopt").
 */
import type { ErrorCode } from '../../../shared/errors/index.ts';
import { errorMessage, type MessageKey } from '../../ui/i18n/nl.ts';

const stoppedCodes: readonly ErrorCode[] = ['write_forbidden', 'document_too_large', 'too_many_connections', 'awareness_limit'];

export function refusalLabel(code: ErrorCode | null): MessageKey {
  if (code === 'cycle_archived') return 'status.archived';
  return code !== null && stoppedCodes.includes(code) ? 'status.stopped' : 'status.refused';
}

/** The error catalogue's message for the close code (errorCatalogue[code].message). */
export function refusalMessage(code: ErrorCode | null): string {
  return errorMessage(code ?? 'internal');
}
