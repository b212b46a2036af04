import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun, type ISectionOptions } from 'docx';
import type { Block, ExportModel, Run } from '../../shared/protocol/export.ts';
import { talkHeading, talkLines, talkNote } from '../../shared/transcript/talk-text.ts';

const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
const confidential = 'Vertrouwelijk — alleen voor deelnemers';

const text = (runs: Run[]) => runs.map((r) => new TextRun({ text: r.text, bold: r.bold ?? false, italics: r.italic ?? false }));
const h = (level: number, s: string) => new Paragraph({ text: s, heading: headings[Math.min(3, Math.max(0, level - 1))] });
const p = (s: string, opts: { italics?: boolean; bold?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text: s, ...opts })] });
const bullet = (children: TextRun[]) => new Paragraph({ children, bullet: { level: 0 } });

function blocks(bs: Block[], offset: number): Paragraph[] {
  return bs.flatMap((b) => {
    switch (b.type) {
      case 'heading':
        // A heading the writer left without words is dropped: on paper it reads as a gap.
        return b.runs.some((r) => r.text.trim()) ? [new Paragraph({ children: text(b.runs), heading: headings[Math.min(3, b.level + offset - 1)] })] : [];
      case 'paragraph':
        return [new Paragraph({ children: text(b.runs) })];
      case 'quote':
        return [new Paragraph({ children: text(b.runs), indent: { left: 720 } })];
      case 'list':
        return b.items.map((item) => bullet(text(item)));
    }
  });
}

/** A section's body, or one sentence saying there is none, so no heading stands alone. */
const orNone = (body: Paragraph[], none: string) => (body.length ? body : [p(none, { italics: true })]);

const date = (ms: number) => new Date(ms).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

function consentSummary(m: ExportModel): Paragraph[] {
  const granted = m.consent.filter((c) => c.granted).map((c) => c.use);
  const refused = m.consent.filter((c) => !c.granted).map((c) => c.use);
  return [
    p(granted.length ? `${m.kind.consentGranted} ${granted.join('; ')}.` : m.kind.consentNone),
    ...(refused.length ? [p(`Geen toestemming voor: ${refused.join('; ')}.`)] : []),
    p('Dit document bevat geen beeld of geluid; tijdcodes verwijzen naar de opname in Kijkruimte.', { italics: true }),
  ];
}

/**
 * The cycle as a Word document that can be filed: marked confidential on every page, numbered,
 * in Dutch, with the klantmanager as author, the consent it rests on, and no media.
 */
export async function renderDocx(m: ExportModel): Promise<Buffer> {
  const c: Paragraph[] = [];
  c.push(h(1, m.cycle.title));
  c.push(p(`${m.cycle.counterpart} · ${m.kind.professional} ${m.cycle.ownerName} · gestart ${date(m.cycle.createdAt)} · geëxporteerd ${date(m.exportedAt)}`, { italics: true }));
  c.push(p(`Deelnemers: ${m.members.map((x) => `${x.name} (${x.role})`).join(', ')}`));

  c.push(h(2, m.kind.consentHeading), ...consentSummary(m));

  c.push(h(2, 'Intake: twijfels en leerdoelen'));
  c.push(...orNone(m.doubts.map((d) => bullet([new TextRun({ text: `${d.kind}: `, italics: true }), new TextRun(d.text)])), 'Nog niets vastgelegd.'));
  if (m.previousTakeaways.length) {
    c.push(h(3, 'Voornemens van de vorige keer — toegepast?'));
    for (const t of m.previousTakeaways) c.push(bullet([new TextRun(`${t.text} — ${t.applied ?? 'nog niet besproken'}${t.note ? `: ${t.note}` : ''}`)]));
  }

  c.push(h(2, 'Observaties'));
  const observations = m.observations.map((o) =>
    bullet([
      new TextRun({ text: `${o.timecode} `, bold: true }),
      new TextRun({ text: o.themes.length ? `[${o.themes.join(', ')}] ` : '' }),
      new TextRun({ text: `${o.kind}, ${o.valence} — `, italics: true }),
      new TextRun(`${o.text} (${o.author})`),
    ]),
  );
  c.push(...orNone(observations, 'Geen observaties.'));
  if (m.fragments.length) {
    c.push(h(3, 'Fragmenten'));
    for (const f of m.fragments) c.push(bullet([new TextRun(`${f.range} ${f.label}`)]));
  }

  if (m.slim.length) {
    c.push(h(3, 'SLIM: zelfbeeld, rol en interventielogica'));
    for (const s of m.slim) {
      c.push(bullet([
        new TextRun({ text: `${s.author} — `, bold: true }),
        new TextRun(`zelfbeeld: ${s.selfImage}; rol: ${s.role} (${s.roleFit}); interventielogica: ${s.logic} (${s.logicFit}). ${s.explanation}`),
        ...(s.evidence.length ? [new TextRun(' '), new TextRun({ text: `▶ fragment ${s.evidence.join(', ')}`, bold: true })] : []),
        ...(s.note ? [new TextRun(` ${s.note}`)] : []),
      ]));
    }
  }

  if (m.talk.length) {
    c.push(h(2, talkHeading));
    for (const t of m.talk) c.push(h(3, t.recording), ...talkLines(t).map((l) => bullet([new TextRun(l)])));
    c.push(p(talkNote, { italics: true }));
  }

  c.push(h(2, m.kind.interviewHeading));
  c.push(...(m.interview.included ? orNone(blocks(m.interview.blocks, 3), 'Er is nog geen interviewverslag geschreven.') : [p(m.interview.reason, { italics: true })]));

  c.push(h(2, m.kind.feedbackHeading));
  c.push(...orNone(m.clientFeedback.map((f) => bullet([new TextRun(f.text)])), m.kind.noFeedback));

  c.push(h(2, 'Agenda van het reflectiegesprek'));
  const agenda = m.agenda.flatMap((s) =>
    s.items.length === 0
      ? []
      : [
          h(3, s.section),
          ...s.items.map((i) =>
            bullet([
              new TextRun(i.text),
              ...(i.pillar ? [new TextRun(` (${i.pillar})`)] : []),
              ...(i.valence ? [new TextRun({ text: ` ${i.valence}`, italics: true })] : []),
              ...(i.fragments.length ? [new TextRun(' '), new TextRun({ text: `▶ fragment ${i.fragments.join(', ')}`, bold: true })] : []),
              new TextRun({ text: ` — ${i.done ? 'afgehandeld' : 'open'}`, italics: true }),
            ]),
          ),
        ],
  );
  c.push(...orNone(agenda, 'Er staat nog niets op de agenda.'));

  c.push(h(2, 'Verslag'));
  c.push(...orNone(blocks(m.report, 3), 'Er is nog geen verslag geschreven.'));

  c.push(h(2, 'Aandachtspunten'));
  c.push(...orNone(m.takeaways.map((t) => bullet([new TextRun({ text: `${t.kind}: `, italics: true }), new TextRun(t.text)])), 'Nog geen aandachtspunten.'));

  if (m.selfReflection.length) {
    c.push(h(2, 'Zelfreflectie met de vijf kernvragen'));
    for (const a of m.selfReflection) {
      c.push(p(a.question, { bold: true }), p(a.answer || 'Nog niet ingevuld.', a.answer ? {} : { italics: true }));
      for (const x of a.moments) c.push(bullet([new TextRun(x)]));
    }
  }

  c.push(h(2, 'Evaluatie van het reflectiegesprek'));
  c.push(...orNone(m.evaluation.flatMap((e) => [p(e.question, { bold: true }), p(e.answer || 'Nog niet ingevuld.', { italics: !e.answer })]), 'Nog niet geëvalueerd.'));
  for (const o of m.omissions) c.push(p(o, { italics: true }));

  const section: ISectionOptions = {
    headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun(m.cycle.title), new TextRun({ text: ` · ${confidential}`, bold: true })] })] }) },
    footers: {
      default: new Footer({
        children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] })] })],
      }),
    },
    children: c,
  };
  const doc = new Document({
    creator: m.cycle.ownerName,
    lastModifiedBy: m.cycle.ownerName,
    title: m.cycle.title,
    subject: confidential,
    description: 'Export van een video-reflectiecyclus volgens Van Kijken naar Zien (zonder beeldmateriaal)',
    styles: { default: { document: { run: { language: { value: 'nl-NL' } } } } },
    sections: [section],
  });
  return Packer.toBuffer(doc);
}
