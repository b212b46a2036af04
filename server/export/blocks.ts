import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { formatRange } from '../../shared/domain/cycle-doc/fragments.ts';
import { promptTexts } from '../../shared/editor/prompts.ts';
import type { Block, Run } from '../../shared/protocol/export.ts';

/** ProseMirror JSON as y-tiptap produces it (the schema is `shared/editor/extensions.ts`). */
interface PmNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string }[];
  content?: PmNode[];
}

function runs(node: PmNode | undefined): Run[] {
  const out: Run[] = [];
  for (const child of node?.content ?? []) {
    if (child.type === 'text' && child.text) {
      const marks = new Set((child.marks ?? []).map((m) => m.type));
      out.push({ text: child.text, ...(marks.has('bold') ? { bold: true } : {}), ...(marks.has('italic') ? { italic: true } : {}) });
    } else if (child.type === 'hardBreak') {
      out.push({ text: '\n' });
    } else if (child.type === 'fragmentRef') {
      // "▶ 06:00–06:30 echtheid": the reference stays readable on paper.
      const a = child.attrs ?? {};
      const start = Number(a['start'] ?? 0);
      const end = Number(a['end'] ?? start);
      const label = [a['label'], a['theme']].filter((v) => typeof v === 'string' && v).join(' ');
      out.push({ text: `▶ ${formatRange(start, end)}${label ? ` ${label}` : ''}`, bold: true });
    } else {
      out.push(...runs(child));
    }
  }
  return out;
}

function blocksOf(node: PmNode): Block[] {
  switch (node.type) {
    case 'heading':
      return [{ type: 'heading', level: Number(node.attrs?.['level'] ?? 2), runs: runs(node) }];
    case 'paragraph': {
      const rs = runs(node);
      // Reports begun before the guide questions became placeholders hold them as italic text:
      // a question nobody replaced is a hint, not part of the report.
      return promptTexts.has(plainText(rs).trim()) ? [] : [{ type: 'paragraph', runs: rs }];
    }
    case 'codeBlock':
      return [{ type: 'paragraph', runs: runs(node) }];
    case 'blockquote':
      return [{ type: 'quote', runs: (node.content ?? []).flatMap((c) => runs(c)) }];
    case 'bulletList':
    case 'orderedList':
      return [
        {
          type: 'list',
          ordered: node.type === 'orderedList',
          items: (node.content ?? []).map((li) => (li.content ?? []).flatMap((p) => runs(p))),
        },
      ];
    case 'horizontalRule':
      return [];
    default:
      return (node.content ?? []).flatMap(blocksOf);
  }
}

/** Converts a rich-text field of a Y.Doc into export blocks. */
export function richTextBlocks(doc: Y.Doc, field: string): Block[] {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(field)) as PmNode;
  return (json.content ?? []).flatMap(blocksOf).filter((b) => b.type !== 'paragraph' || b.runs.length > 0);
}

export function plainText(rs: Run[]): string {
  return rs.map((r) => r.text).join('');
}
