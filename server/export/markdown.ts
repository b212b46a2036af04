import { talkHeading, talkLines, talkNote } from '../../shared/transcript/talk-text.ts';
import type { Block, ExportModel, Run } from '../../shared/protocol/export.ts';

const md = (s: string) => s.replace(/([\\`*_[\]#|])/g, '\\$1');

function inline(runs: Run[]): string {
  return runs
    .map((r) => {
      const t = md(r.text);
      if (r.bold && r.italic) return `***${t}***`;
      if (r.bold) return `**${t}**`;
      if (r.italic) return `*${t}*`;
      return t;
    })
    .join('');
}

/** A section's body, or one sentence saying there is none, so no heading stands alone. */
const orNone = (body: string[], none: string) => (body.length ? body : [`_${none}_`]);

function blocks(bs: Block[], headingOffset = 2): string[] {
  return bs.filter((b) => b.type !== 'heading' || b.runs.some((r) => r.text.trim())).map((b) => {
    switch (b.type) {
      case 'heading':
        return `${'#'.repeat(Math.min(6, b.level + headingOffset - 1))} ${inline(b.runs)}`;
      case 'paragraph':
        return inline(b.runs);
      case 'quote':
        return `> ${inline(b.runs)}`;
      case 'list':
        return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inline(item)}`).join('\n');
    }
  });
}

const date = (ms: number) => new Date(ms).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

/** The cycle as Markdown, in the order of the method's reports. */
export function renderMarkdown(m: ExportModel): string {
  const out: string[] = [];
  out.push(`# ${md(m.cycle.title)}`);
  out.push(`${md(m.cycle.counterpart)} · ${m.kind.professional} ${md(m.cycle.ownerName)} · gestart ${date(m.cycle.createdAt)} · geëxporteerd ${date(m.exportedAt)}`);
  out.push(`Deelnemers: ${m.members.map((p) => `${md(p.name)} (${p.role})`).join(', ')}`);

  out.push(`_Vertrouwelijk — alleen voor deelnemers._`);

  out.push(`## ${m.kind.consentHeading}`);
  const granted = m.consent.filter((c) => c.granted).map((c) => c.use);
  const refused = m.consent.filter((c) => !c.granted).map((c) => c.use);
  out.push(granted.length ? `${m.kind.consentGranted} ${granted.join('; ')}.` : m.kind.consentNone);
  if (refused.length) out.push(`Geen toestemming voor: ${refused.join('; ')}.`);

  out.push('## Intake: twijfels en leerdoelen');
  out.push(m.doubts.length ? m.doubts.map((d) => `- *${d.kind}*: ${md(d.text)}`).join('\n') : '_Nog niets vastgelegd._');
  if (m.previousTakeaways.length) {
    out.push('### Voornemens van de vorige keer — toegepast?');
    out.push(m.previousTakeaways.map((t) => `- ${md(t.text)} — ${t.applied ?? 'nog niet besproken'}${t.note ? `: ${md(t.note)}` : ''}`).join('\n'));
  }

  out.push('## Observaties');
  out.push(
    m.observations.length
      ? m.observations
          .map((o) => `- **${o.timecode}** ${o.themes.length ? `[${o.themes.join(', ')}] ` : ''}*${o.kind}, ${o.valence}* — ${md(o.text)} (${md(o.author)})`)
          .join('\n')
      : '_Geen observaties._',
  );
  if (m.fragments.length) {
    out.push('### Fragmenten');
    out.push(m.fragments.map((f) => `- ${f.range} ${md(f.label)}`).join('\n'));
  }

  if (m.slim.length) {
    out.push('### SLIM: zelfbeeld, rol en interventielogica');
    out.push(m.slim.map((s) => [
      `- **${md(s.author)}** — zelfbeeld: ${md(s.selfImage)}; rol: ${md(s.role)} (${s.roleFit}); interventielogica: ${md(s.logic)} (${s.logicFit}).`,
      `  ${md(s.explanation)}`,
      ...(s.evidence.length ? [`  **▶ fragment ${md(s.evidence.join(', '))}**`] : []),
      ...(s.note ? [`  ${md(s.note)}`] : []),
    ].join('\n')).join('\n'));
  }

  if (m.talk.length) {
    out.push(`## ${talkHeading}`);
    for (const t of m.talk) out.push(`### ${md(t.recording)}`, talkLines(t).map((l) => `- ${md(l)}`).join('\n'));
    out.push(`_${talkNote}_`);
  }

  out.push(`## ${m.kind.interviewHeading}`);
  out.push(...(m.interview.included ? orNone(blocks(m.interview.blocks, 3), 'Er is nog geen interviewverslag geschreven.') : [`_${m.interview.reason}_`]));

  out.push(`## ${m.kind.feedbackHeading}`);
  out.push(m.clientFeedback.length ? m.clientFeedback.map((f) => `- ${md(f.text)}`).join('\n') : `_${m.kind.noFeedback}_`);

  out.push('## Agenda van het reflectiegesprek');
  const agenda = m.agenda.flatMap((s) =>
    s.items.length === 0
      ? []
      : [
          `### ${s.section}`,
          s.items
            .map((i) => `- ${md(i.text)}${i.pillar ? ` (${i.pillar})` : ''}${i.valence ? ` _${i.valence}_` : ''}${i.fragments.length ? ` **▶ fragment ${md(i.fragments.join(', '))}**` : ''} — _${i.done ? 'afgehandeld' : 'open'}_`)
            .join('\n'),
        ],
  );
  out.push(...orNone(agenda, 'Er staat nog niets op de agenda.'));

  out.push('## Verslag');
  out.push(...orNone(blocks(m.report, 3), 'Er is nog geen verslag geschreven.'));

  out.push('## Aandachtspunten');
  out.push(m.takeaways.length ? m.takeaways.map((t) => `- *${t.kind}*: ${md(t.text)}`).join('\n') : '_Nog geen aandachtspunten._');

  if (m.selfReflection.length) {
    out.push('## Zelfreflectie met de vijf kernvragen');
    out.push(m.selfReflection.map((a) => [`**${md(a.question)}**`, a.answer ? md(a.answer) : '_Nog niet ingevuld._', ...a.moments.map((x) => `- ${md(x)}`)].join('\n\n')).join('\n\n'));
  }

  out.push('## Evaluatie van het reflectiegesprek');
  out.push(...orNone(m.evaluation.map((e) => `**${md(e.question)}**\n\n${e.answer ? md(e.answer) : '_Nog niet ingevuld._'}`), 'Nog niet geëvalueerd.'));

  if (m.omissions.length) {
    out.push('---');
    out.push(m.omissions.map((o) => `_${o}_`).join('\n\n'));
  }
  return `${out.join('\n\n')}\n`;
}
