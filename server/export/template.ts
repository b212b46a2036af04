import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { defaultCycleKind, type CycleKind } from '../../shared/domain/cycle-kinds.ts';
import { docKeys } from '../../shared/domain/cycle-doc/keys.ts';
import { baseExtensions } from '../../shared/editor/extensions.ts';
import { reportTemplateJson } from '../../shared/editor/template.ts';

const schema = getSchema(baseExtensions());

/** Writes the report template, in the words of the cycle's kind, into an empty report (never over existing text). */
export function seedReportTemplate(doc: Y.Doc, kind: CycleKind = defaultCycleKind): boolean {
  const fragment = doc.getXmlFragment(docKeys.report);
  if (fragment.length > 0) return false;
  prosemirrorJSONToYXmlFragment(schema, reportTemplateJson(kind), fragment);
  return true;
}
