import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { docKeys } from '../../shared/domain/cycle-doc/keys.ts';
import { baseExtensions } from '../../shared/editor/extensions.ts';
import { reportTemplateJson } from '../../shared/editor/template.ts';

const schema = getSchema(baseExtensions());

/** Writes the report template into an empty report (never over existing text). */
export function seedReportTemplate(doc: Y.Doc): boolean {
  const fragment = doc.getXmlFragment(docKeys.report);
  if (fragment.length > 0) return false;
  prosemirrorJSONToYXmlFragment(schema, reportTemplateJson(), fragment);
  return true;
}
