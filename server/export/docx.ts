import { Document, HeadingLevel, Packer, Paragraph, TextRun, type ISectionOptions } from 'docx';
import type { Block, ExportModel, Run } from '../../shared/protocol/export.ts';

const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

const text = (runs: Run[]) => runs.map((r) => new TextRun({ text: r.text, bold: r.bold ?? false, italics: r.italic ?? false }));
const h = (level: number, s: string) => new Paragraph({ text: s, heading: headings[Math.min(3, Math.max(0, level - 1))] });
const p = (s: string, opts: { italics?: boolean; bold?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text: s, ...opts })] });
const bullet = (children: TextRun[]) => new Paragraph({ children, bullet: { level: 0 } });

function blocks(bs: Block[], offset: number): Paragraph[] {
  return bs.flatMap((b) => {
    switch (b.type) {
      case 'heading':
        return [new Paragraph({ children: text(b.runs), heading: headings[Math.min(3, b.level + offset - 1)] })];
      case 'paragraph':
        return [new Paragraph({ children: text(b.runs) })];
      case 'quote':
        return [new Paragraph({ children: text(b.runs), indent: { left: 720 } })];
      case 'list':
        return b.items.map((item) => bullet(text(item)));
    }
  });
}

const date = (ms: number) => new Date(ms).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

/** The cycle as a Word document (no media), same structure as the Markdown export. */
export async function renderDocx(m: ExportModel): Promise<Buffer> {
  const c: Paragraph[] = [];
  c.push(h(1, m.cycle.title));
  c.push(p(`${m.cycle.counterpart} · klantmanager ${m.cycle.ownerName} · gestart ${date(m.cycle.createdAt)} · geëxporteerd ${date(m.exportedAt)}`, { italics: true }));
  c.push(p(`Deelnemers: ${m.members.map((x) => `${x.name} (${x.role})`).join(', ')}`));

  c.push(h(2, 'Intake: twijfels en leerdoelen'));
  if (m.doubts.length === 0) c.push(p('Nog niets vastgelegd.', { italics: true }));
  for (const d of m.doubts) c.push(bullet([new TextRun({ text: `${d.kind}: `, italics: true }), new TextRun(d.text)]));
  if (m.previousTakeaways.length) {
    c.push(h(3, 'Voornemens van de vorige keer — toegepast?'));
    for (const t of m.previousTakeaways) c.push(bullet([new TextRun(`${t.text} — ${t.applied ?? 'nog niet besproken'}${t.note ? `: ${t.note}` : ''}`)]));
  }

  c.push(h(2, 'Observaties'));
  if (m.observations.length === 0) c.push(p('Geen observaties.', { italics: true }));
  for (const o of m.observations) {
    c.push(
      bullet([
        new TextRun({ text: `${o.timecode} `, bold: true }),
        new TextRun({ text: o.themes.length ? `[${o.themes.join(', ')}] ` : '' }),
        new TextRun({ text: `${o.kind}, ${o.valence} — `, italics: true }),
        new TextRun(`${o.text} (${o.author})`),
      ]),
    );
  }
  if (m.fragments.length) {
    c.push(h(3, 'Fragmenten'));
    for (const f of m.fragments) c.push(bullet([new TextRun(`${f.range} ${f.label}`)]));
  }

  c.push(h(2, 'Interview met de cliënt'));
  c.push(...(m.interview.included ? blocks(m.interview.blocks, 3) : [p(m.interview.reason, { italics: true })]));

  c.push(h(2, 'Feedback van de cliënt'));
  if (m.clientFeedback.length === 0) c.push(p('Geen feedback doorgegeven.', { italics: true }));
  for (const f of m.clientFeedback) c.push(bullet([new TextRun(f.text)]));

  c.push(h(2, 'Agenda van het reflectiegesprek'));
  for (const s of m.agenda) {
    if (s.items.length === 0) continue;
    c.push(h(3, s.section));
    for (const i of s.items) {
      const extra = `${i.pillar ? ` (${i.pillar})` : ''}${i.fragments.length ? ` — fragment ${i.fragments.join(', ')}` : ''}`;
      c.push(bullet([new TextRun(`${i.done ? '☑' : '☐'} ${i.text}${extra}`)]));
    }
  }

  c.push(h(2, 'Verslag'));
  c.push(...blocks(m.report, 3));

  c.push(h(2, 'Aandachtspunten'));
  if (m.takeaways.length === 0) c.push(p('Nog geen aandachtspunten.', { italics: true }));
  for (const t of m.takeaways) c.push(bullet([new TextRun({ text: `${t.kind}: `, italics: true }), new TextRun(t.text)]));

  c.push(h(2, 'Evaluatie van het reflectiegesprek'));
  for (const e of m.evaluation) {
    c.push(p(e.question, { bold: true }));
    c.push(p(e.answer || '—'));
  }
  for (const o of m.omissions) c.push(p(o, { italics: true }));

  const section: ISectionOptions = { children: c };
  const doc = new Document({
    creator: 'Kijkruimte',
    title: m.cycle.title,
    description: 'Export van een video-reflectiecyclus (zonder beeldmateriaal)',
    sections: [section],
  });
  return Packer.toBuffer(doc);
}
