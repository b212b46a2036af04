import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { formatTimeRef, type MediaLabels } from '../../shared/domain/cycle-doc/recording-refs.ts';
import { promptTexts } from '../../shared/editor/prompts.ts';
import { fragmentRefAttrs } from '../../shared/editor/extensions.ts';
import type { Block, Run } from '../../shared/protocol/export.ts';

/** ProseMirror JSON as y-tiptap produces it (the schema is `shared/editor/extensions.ts`). */
interface PmNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string }[];
  content?: PmNode[];
}

function runs(node: PmNode | undefined, labels: MediaLabels): Run[] {
  return spaced(rawRuns(node, labels));
}

function rawRuns(node: PmNode | undefined, labels: MediaLabels): Run[] {
  const out: Run[] = [];
  for (const child of node?.content ?? []) {
    if (child.type === 'text' && child.text) {
      const marks = new Set((child.marks ?? []).map((m) => m.type));
      out.push({ text: child.text, ...(marks.has('bold') ? { bold: true } : {}), ...(marks.has('italic') ? { italic: true } : {}) });
    } else if (child.type === 'hardBreak') {
      out.push({ text: '\n' });
    } else if (child.type === 'fragmentRef') {
      // "▶ fragment 06:00–06:30 doorvragen": readable on paper, its own run, and without the
      // theme id (an internal key, not words). Spaces around it are added by `spaced`.
      // The recording is named as everywhere else in the export (TIMECODE-3).
      const { mediaId, start, end, label } = fragmentRefAttrs(child.attrs ?? {});
      out.push({ text: `▶ fragment ${formatTimeRef(labels, mediaId, start, end)}${label.trim() ? ` ${label.trim()}` : ''}`, bold: true, fragment: true });
    } else {
      out.push(...rawRuns(child, labels));
    }
  }
  return out;
}

/** A fragment reference never touches the words around it: "opgeschreven. ▶ fragment …". */
function spaced(rs: Run[]): Run[] {
  const out: Run[] = [];
  rs.forEach((r, i) => {
    const prev = out[out.length - 1];
    const next = rs[i + 1];
    if (r.fragment && prev && !/\s$/.test(prev.text)) out.push({ text: ' ' });
    out.push(r);
    if (r.fragment && next && !next.fragment && !/^[\s.,;:!?)]/.test(next.text)) out.push({ text: ' ' });
    else if (r.fragment && next?.fragment) out.push({ text: ' ' });
  });
  return out;
}

function blocksOf(node: PmNode, labels: MediaLabels): Block[] {
  switch (node.type) {
    case 'heading':
      return [{ type: 'heading', level: Number(node.attrs?.['level'] ?? 2), runs: runs(node, labels) }];
    case 'paragraph': {
      const rs = runs(node, labels);
      // Reports begun before the guide questions became placeholders hold them as italic text:
      // a question nobody replaced is a hint, not part of the report.
      return promptTexts.has(plainText(rs).trim()) ? [] : [{ type: 'paragraph', runs: rs }];
    }
    case 'codeBlock':
      return [{ type: 'paragraph', runs: runs(node, labels) }];
    case 'blockquote':
      return [{ type: 'quote', runs: (node.content ?? []).flatMap((c) => runs(c, labels)) }];
    case 'bulletList':
    case 'orderedList':
      return [
        {
          type: 'list',
          ordered: node.type === 'orderedList',
          items: (node.content ?? []).map((li) => (li.content ?? []).flatMap((p) => runs(p, labels))),
        },
      ];
    case 'horizontalRule':
      return [];
    default:
      return (node.content ?? []).flatMap((c) => blocksOf(c, labels));
  }
}

/** Converts a rich-text field of a Y.Doc into export blocks. */
export function richTextBlocks(doc: Y.Doc, field: string, labels: MediaLabels = new Map()): Block[] {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(field)) as PmNode;
  return (json.content ?? []).flatMap((c) => blocksOf(c, labels)).filter((b) => b.type !== 'paragraph' || b.runs.length > 0);
}

export function plainText(rs: Run[]): string {
  return rs.map((r) => r.text).join('');
}
