/**
 * Sizes and lengths that client and server both enforce. Declared once here so the client can
 * refuse early with the same numbers the server enforces.
 */
export const limits = {
  /** Largest single WebSocket frame the collaboration server accepts. A 20k-word report with
   * history is ~1–2 MB as one sync-step-2 message; 8 MiB leaves room without inviting abuse. */
  maxWsMessageBytes: 8 * 1024 * 1024,
  /** Document names: short, URL-safe, no path tricks. */
  docNameMaxLength: 128,
  /** Awareness states are small (name, colour, cursor). */
  maxAwarenessStateBytes: 16 * 1024,
  /** One awareness message as a whole. The stock y-websocket client echoes every remote state it
   * receives, so a message may carry the whole room's presence: sized for a room (thousands of
   * realistic states, 64 at the per-state maximum), far below what hurt the server. */
  maxAwarenessMessageBytes: 1024 * 1024,
  /** Awareness client ids one connection may speak for. A browser tab needs 1. */
  maxAwarenessIdsPerConnection: 4,
  /** Query-awareness messages one connection may send per `awarenessQueryWindowMs`. The stock
   * client never sends one over the socket; each answer carries the whole room's presence. */
  maxAwarenessQueries: 5,
  awarenessQueryWindowMs: 10_000,
  /** Open collaboration sockets per session and per person: several tabs and a phone fit well. */
  maxSocketsPerSession: 20,
  maxSocketsPerUser: 40,
  /** Estimated size of one document (stored updates plus accepted ones). A long report with its
   * whole history is a few MiB; 64 MiB refuses runaway growth without touching real work. */
  maxDocBytes: 64 * 1024 * 1024,
  /** Sustained messages per second one WebSocket may send, and the burst it may save up. */
  wsMessagesPerSecond: 500,
  wsBurstMessages: 5_000,
  /** Default largest recording file (the server's `KIJKRUIMTE_MAX_UPLOAD_BYTES` may change it). */
  defaultMaxUploadBytes: 4 * 1024 ** 3,
  /** Largest scan of a signed consent form (PDF, PNG or JPEG). */
  maxConsentFormBytes: 10 * 1024 * 1024,
  /** Labels of recordings ("video 1") and free-text consent fields. */
  recordingLabelMaxLength: 80,
  consentNoteMaxLength: 1_000,
} as const;

/**
 * Document names: `<kind>:<id>[:<sub>]`-style names made of lowercase letters, digits, `-`, `_`,
 * `.` and `:`. Starting with a letter or digit rules out `..`-style names.
 */
export const docNamePattern = /^[a-z0-9][a-z0-9._:-]{0,127}$/;

export function isValidDocName(name: string): boolean {
  return name.length <= limits.docNameMaxLength && docNamePattern.test(name);
}
