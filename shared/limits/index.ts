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
