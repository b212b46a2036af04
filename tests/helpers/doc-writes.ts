import * as Y from 'yjs';
import { partRules, type PartId, type PartRule, type WriteOp } from '../../shared/access/rules.ts';
import { entryMap, patchEntry, putEntry } from '../../shared/domain/cycle-doc/entries.ts';

/**
 * One representative change per part of a cycle's documents and per operation, derived from the
 * rule table: the policy matrix (unit and integration) runs every one of them as every role.
 * A part whose shape has no writer here makes the matrix fail, so a new part cannot go untested.
 */
export interface PartWrites {
  /** Creates a target owned by `author` (as the server would) and returns its id or key. */
  seed(doc: Y.Doc, author: string): string;
  apply(doc: Y.Doc, op: WriteOp, me: string, target: string): void;
  /** True once `doc` shows the effect of `apply` (a receiver saw it). */
  applied(doc: Y.Doc, op: WriteOp, target: string): boolean;
}

export interface MatrixRow {
  part: PartId;
  /** The map key, for `map` parts (each key has its own rule). */
  sub?: string;
  writes: PartWrites;
}

let counter = 0;
const fresh = (): string => `e${Date.now().toString(36)}${(counter++).toString(36)}`;
/** Ids of entries added by `apply('add')`, so `applied` can find them. */
const added = new Map<string, string>();

function entryWrites(rule: PartRule): PartWrites {
  const authorField = rule.authorField ?? 'createdBy';
  return {
    seed(doc, author) {
      const id = fresh();
      doc.transact(() => putEntry(entryMap(doc, rule.key), id, { [authorField]: author, text: 'zaad' }));
      return id;
    },
    apply(doc, op, me, target) {
      const map = entryMap(doc, rule.key);
      if (op === 'add') {
        const id = fresh();
        added.set(target, id);
        doc.transact(() => putEntry(map, id, { [authorField]: me, text: 'nieuw' }));
      } else if (op === 'change') patchEntry(map, target, { text: 'gewijzigd' });
      else map.delete(target);
    },
    applied(doc, op, target) {
      const map = entryMap(doc, rule.key);
      if (op === 'add') return map.has(added.get(target) ?? '');
      if (op === 'change') return map.get(target)?.get('text') === 'gewijzigd';
      return !map.has(target);
    },
  };
}

function mapKeyWrites(rule: PartRule, key: string): PartWrites {
  return {
    seed(doc) {
      doc.getMap(rule.key).set(key, 'zaad');
      return key;
    },
    apply(doc, op) {
      const map = doc.getMap(rule.key);
      if (op === 'delete') map.delete(key);
      else map.set(key, op === 'add' ? `nieuw-${fresh()}` : 'gewijzigd');
    },
    applied(doc, op) {
      const value = doc.getMap(rule.key).get(key);
      if (op === 'delete') return value === undefined;
      return op === 'add' ? typeof value === 'string' && value.startsWith('nieuw-') : value === 'gewijzigd';
    },
  };
}

/** Rich text (a Tiptap XML fragment): paragraphs of text. */
function richTextWrites(rule: PartRule): PartWrites {
  const fragment = (doc: Y.Doc) => doc.getXmlFragment(rule.key);
  const firstText = (doc: Y.Doc): Y.XmlText | null => {
    const p = fragment(doc).get(0);
    const t = p instanceof Y.XmlElement ? p.get(0) : null;
    return t instanceof Y.XmlText ? t : null;
  };
  const paragraph = (text: string): Y.XmlElement => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    return p;
  };
  return {
    seed(doc) {
      const f = fragment(doc);
      doc.transact(() => {
        if (f.length > 0) f.delete(0, f.length);
        f.insert(0, [paragraph('zaad')]);
      });
      return 'text';
    },
    apply(doc, op) {
      const f = fragment(doc);
      if (op === 'add') f.insert(f.length, [paragraph('nieuw')]);
      else if (op === 'change') firstText(doc)?.insert(0, 'gewijzigd ');
      else if (f.length > 0) f.delete(0, 1);
    },
    applied(doc, op) {
      const f = fragment(doc);
      if (op === 'add') return f.toString().includes('nieuw');
      if (op === 'change') return firstText(doc)?.toString().startsWith('gewijzigd') ?? false;
      return !f.toString().includes('zaad');
    },
  };
}

/** A map of named plain texts (the evaluation): add a field, edit one, delete one. */
function textMapWrites(rule: PartRule): PartWrites {
  const text = (doc: Y.Doc, field: string): Y.Text | null => {
    const t = doc.getMap<unknown>(rule.key).get(field);
    return t instanceof Y.Text ? t : null;
  };
  return {
    seed(doc) {
      doc.getMap<unknown>(rule.key).set('zaad', new Y.Text('zaad'));
      return 'zaad';
    },
    apply(doc, op, _me, target) {
      if (op === 'add') {
        const key = `nieuw-${fresh()}`;
        added.set(`${rule.key}:${target}`, key);
        doc.getMap<unknown>(rule.key).set(key, new Y.Text('nieuw'));
      }
      else if (op === 'change') text(doc, target)?.insert(0, 'gewijzigd ');
      else {
        const t = text(doc, target);
        if (t && t.length > 0) t.delete(0, Math.min(4, t.length));
      }
    },
    applied(doc, op, target) {
      if (op === 'add') return text(doc, added.get(`${rule.key}:${target}`) ?? '') !== null;
      if (op === 'change') return text(doc, target)?.toString().startsWith('gewijzigd') ?? false;
      return text(doc, target)?.toString() === '';
    },
  };
}

/** How each `content` part is shaped in the documents (rich text or a map of texts). */
const contentShapes: Partial<Record<PartId, (rule: PartRule) => PartWrites>> = {
  report: richTextWrites,
  interviewReport: richTextWrites,
  evaluation: textMapWrites,
  worksheet: textMapWrites,
  coreReflection: textMapWrites,
};

/** Every row of the matrix: one per part, and one per key of `map` parts. */
export function matrixRows(parts: readonly PartId[] = Object.keys(partRules) as PartId[]): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const part of parts) {
    const rule: PartRule = partRules[part];
    if (rule.shape === 'entries') rows.push({ part, writes: entryWrites(rule) });
    else if (rule.shape === 'map') for (const key of Object.keys(rule.keys ?? {})) rows.push({ part, sub: key, writes: mapKeyWrites(rule, key) });
    else {
      const make = contentShapes[part];
      if (!make) throw new Error(`no writer for content part ${part}: add one to tests/helpers/doc-writes.ts`);
      rows.push({ part, writes: make(rule) });
    }
  }
  return rows;
}
