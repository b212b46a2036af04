/**
 * The report template's guide questions as placeholders: an empty paragraph right under one of
 * the template's section headings shows that section's question, drawn by CSS from
 * `data-placeholder`. The question is a decoration, never document content, so it is not
 * synced, not typed over in italics, and never exported. Isomorphic: a decoration plugin only
 * runs in an editor view; the server builds the schema from the same list and ignores it.
 */
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { cycleKinds, defaultCycleKind, reportSectionHeadingFor, reportTemplateFor, type CycleKind } from '../domain/cycle-kinds.ts';

/** Section heading text → its guide question, in the words of the cycle's kind (KIND-3). */
export function sectionPromptsFor(kind: CycleKind): ReadonlyMap<string, string> {
  return new Map(reportTemplateFor(kind).map((s) => [reportSectionHeadingFor(kind, s.id), s.prompt]));
}

/** Every guide question of every kind, for code that must recognise one written out as text (older reports). */
export const promptTexts: ReadonlySet<string> = new Set(cycleKinds.flatMap((k) => reportTemplateFor(k).map((s) => s.prompt)));

export const sectionPromptClass = 'is-section-prompt';

/** Positions and questions of the empty paragraphs that follow a template heading. */
export function promptPlaces(doc: PmNode, sectionPrompts: ReadonlyMap<string, string> = sectionPromptsFor(defaultCycleKind)): { pos: number; size: number; prompt: string }[] {
  const places: { pos: number; size: number; prompt: string }[] = [];
  let prompt: string | undefined;
  doc.forEach((node, pos) => {
    if (prompt !== undefined && node.type.name === 'paragraph' && node.content.size === 0) {
      places.push({ pos, size: node.nodeSize, prompt });
    }
    prompt = node.type.name === 'heading' ? sectionPrompts.get(node.textContent.trim()) : undefined;
  });
  return places;
}

export const SectionPrompts = Extension.create<{ kind: CycleKind }>({
  name: 'sectionPrompts',

  addOptions() {
    return { kind: defaultCycleKind };
  },

  addProseMirrorPlugins() {
    const prompts = sectionPromptsFor(this.options.kind);
    return [
      new Plugin({
        key: new PluginKey('sectionPrompts'),
        props: {
          decorations: ({ doc }) => {
            const places = promptPlaces(doc, prompts);
            if (places.length === 0) return DecorationSet.empty;
            return DecorationSet.create(doc, places.map((p) => Decoration.node(p.pos, p.pos + p.size, { class: sectionPromptClass, 'data-placeholder': p.prompt })));
          },
        },
      }),
    ];
  },
});
