/** Dates and times the Dutch way ("12 mrt 2025, 14:05"), in the person's own time zone. */
const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'medium' });

export function formatDateTime(epochMs: number, { seconds = false } = {}): string {
  return (seconds ? dateTimeSeconds : dateTime).format(new Date(epochMs));
}

export function isoDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

const calendarDay = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar day `YYYY-MM-DD` the Dutch way ("4 dec 2026"), the same in every time zone. */
export function formatDay(day: string): string {
  return calendarDay.format(new Date(`${day}T00:00:00Z`));
}
