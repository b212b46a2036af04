import { reportSectionHeading, reportTemplate } from '../kijkwijzer/reflection.ts';

/**
 * The report of a new cycle starts from the structure of the method's reports (achtergrond,
 * gesprek met observaties, interview met de cliënt, reflectiegesprek, aandachtspunten,
 * evaluatie): one heading per section and an italic prompt that the writers replace.
 * ProseMirror JSON in the schema of `extensions.ts`; written once, by the server, at creation.
 */
export function reportTemplateJson(): { type: 'doc'; content: unknown[] } {
  return {
    type: 'doc',
    content: reportTemplate.flatMap((section) => [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: reportSectionHeading(section.id) }] },
      { type: 'paragraph', content: [{ type: 'text', text: section.prompt, marks: [{ type: 'italic' }] }] },
    ]),
  };
}
