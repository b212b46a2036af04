/** Dates as the client reads them: "3 december 2026", "3 december, 14:05" (Dutch, Amsterdam time). */
const day = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const moment = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

export const formatDay = (ms: number): string => day.format(new Date(ms));
export const formatIsoDay = (iso: string): string => day.format(new Date(`${iso}T12:00:00Z`));
/** "3 december, 14:05" (Intl writes "3 december om 14:05"; the seed's example has a comma). */
export const formatMoment = (ms: number): string => moment.format(new Date(ms)).replace(' om ', ', ');
