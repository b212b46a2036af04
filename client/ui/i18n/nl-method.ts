/**
 * Strings of the whole-method features (stappenplan, SLIM, werkblad sharing, core questions,
 * cycle kinds), kept apart so that they merge cleanly; `nl.ts` spreads them into the catalogue.
 * Labels that belong to the method itself live in `shared/` (plan, kinds, SLIM catalogues).
 */
export const nlMethod = {
  'plan.heading': 'Stappenplan',
  'plan.intro': 'De stappen van deze cyclus. Zet een datum waar het om een afspraak gaat; die zie je terug in Mijn cycli.',
  'plan.introReadOnly': 'De stappen van deze cyclus, zoals de eigenaar ze bijhoudt.',
  'plan.loading': 'Stappenplan wordt geladen…',
  'plan.status': 'Status van {step}',
  'plan.date': '{label}',
  'plan.reason': 'Waarom niet? ({skip})',
  'plan.reasonPlaceholder': 'Bijvoorbeeld: de cliënt wil liever niet, of het voegt nu weinig toe',
  'plan.save': 'Opslaan',
  'plan.saved': 'Opgeslagen.',
  'plan.skipped': '{skip}: {reason}',
  'plan.noDate': 'geen datum',
  'cycles.col.next': 'Volgende datum',
  'cycles.nextNone': 'Geen datum gepland',
  'cycles.next': '{date} · {step}',
  'cycles.col.kind': 'Soort gesprek',
  'newCycle.kind': 'Soort gesprek',
  'newCycle.kindHint': 'Kies bij het aanmaken; dit bepaalt welke stappen en woorden de cyclus gebruikt.',
  'agenda.noInterviewDecided': 'Geen cliëntinterview: {reason}',
} as const;
