import { defaultCycleKind, reportSectionHeadingFor, reportTemplateFor, type CycleKind } from '../domain/cycle-kinds.ts';

/**
 * The report of a new cycle starts from the structure of the method's reports (achtergrond,
 * gesprek met observaties, interview met de cliënt, reflectiegesprek, aandachtspunten,
 * evaluatie, hoe het is verder gegaan: I–VII): one heading per section and an empty paragraph under it, where the editor shows
 * the section's guide question as a placeholder (`prompts.ts`): the question is never text, so
 * typing there is plain text and an untouched section exports nothing. ProseMirror JSON in the schema of `extensions.ts`; written once, by the server, at creation.
 * The headings are the cycle kind's (KIND-3: a leidinggevende–collega report has no "Interview met de cliënt").
 */
export function reportTemplateJson(kind: CycleKind = defaultCycleKind): { type: 'doc'; content: unknown[] } {
  return {
    type: 'doc',
    content: reportTemplateFor(kind).flatMap((section) => [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: reportSectionHeadingFor(kind, section.id) }] },
      { type: 'paragraph' },
    ]),
  };
}
