import * as Y from 'yjs';
import { partOf, partRules, writeRefusal, type DocKind, type PartId, type PartRule, type WriteOp } from '../../shared/access/rules.ts';
import type { CycleRole } from '../../shared/domain/access.ts';
import { docKeys } from '../../shared/domain/cycle-doc/keys.ts';
import { roomSettingKeys } from '../../shared/playback/room.ts';

/**
 * The write check (SPEC.md DOCACCESS-3): every incoming update is decoded and each insertion and
 * each deletion is mapped to the part of the document it touches (its root type and, for entry
 * collections, the entry and the entry's author) before anything is applied, persisted or relayed.
 * One change outside what the sender may write refuses the whole update.
 *
 * It reads the room's current document but never changes it. Cost is proportional to the update
 * (each new struct resolves its parent through at most a few lookups) and to the structs a
 * deletion touches, never to the size of the document.
 */
export interface WriteSender {
  readonly userId: string;
  readonly role: CycleRole;
}

export type WriteVerdict =
  | { ok: true; parts: PartId[] }
  /** `incomplete`: the update refers to changes the server does not have (it would stay pending
   * in memory, unchecked); the sender reconnects and resyncs. */
  | { ok: false; kind: 'forbidden' | 'incomplete'; part: string; rule: string };

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };
/** Any shared type, as Yjs types it internally. */
type YType = Parameters<typeof Y.findRootTypeKey>[0];

/** Where a struct sits: root name and the chain of map keys below it (null = list position; new structs keep the first three). */
interface Place {
  root: string;
  keys: (string | null)[];
  /** The struct directly under the root (the entry, for entry collections). */
  top: Struct;
  /** True when `top` is new in this update (so everything below it is part of an add). */
  topIsNew: boolean;
}

const GONE = 'gone' as const; // refers to garbage-collected content: Yjs turns it into GC too
const MISSING = 'missing' as const;
type Resolved = Place | typeof GONE | typeof MISSING;

class Refusal extends Error {
  constructor(
    readonly kind: 'forbidden' | 'incomplete',
    readonly part: string,
    readonly rule: string,
  ) {
    super(`${kind}: ${part} (${rule})`);
  }
}

export function checkUpdate(
  doc: Y.Doc,
  decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } },
  kind: DocKind,
  sender: WriteSender,
  layerOwnerId: string | null,
): WriteVerdict {
  try {
    return { ok: true, parts: new Checker(doc, decoded.structs, kind, sender, layerOwnerId).run(decoded.ds) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, kind: err.kind, part: err.part, rule: err.rule };
    throw err;
  }
}

class Checker {
  private readonly store: Y.Doc['store'];
  /** New structs of the update per client, in clock order. */
  private readonly byClient = new Map<number, Struct[]>();
  /** What the server will know after the update, per client. */
  private readonly known = new Map<number, number>();
  private readonly resolved = new Map<Struct, Resolved>();
  private readonly roots = new Map<unknown, string>();
  private readonly touched = new Set<PartId>();
  private presenter: string | null | undefined;
  /** New map fields of the update by parent id (built on first need). */
  private fieldsByParent: Map<string, Map<string, Y.Item>> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    structs: Struct[],
    private readonly kind: DocKind,
    private readonly sender: WriteSender,
    private readonly layerOwnerId: string | null,
  ) {
    this.store = doc.store;
    for (const s of structs) {
      const client = s.id.client;
      let list = this.byClient.get(client);
      if (!list) this.byClient.set(client, (list = []));
      list.push(s);
    }
  }

  private ds: DeleteSet = { clients: new Map() };

  run(ds: DeleteSet): PartId[] {
    this.ds = ds;
    for (const [client, list] of this.byClient) {
      list.sort((a, b) => a.id.clock - b.id.clock);
      // A gap (or a skip over something the server lacks) leaves later structs pending.
      let expected = Y.getState(this.store, client);
      for (const s of list) {
        if (s.id.clock > expected) throw new Refusal('incomplete', 'update', 'ontbrekende voorganger');
        if (!(s instanceof Y.Skip)) expected = Math.max(expected, s.id.clock + s.length);
      }
      this.known.set(client, expected);
    }
    for (const [client, list] of this.byClient) {
      const stored = Y.getState(this.store, client);
      for (const s of list) {
        if (!(s instanceof Y.Item) || s.id.clock + s.length <= stored) continue; // skips, GCs, duplicates
        this.checkInsert(s);
      }
    }
    for (const [client, ranges] of ds.clients) {
      const stored = Y.getState(this.store, client);
      const known = this.known.get(client) ?? stored;
      for (const { clock, len } of ranges) {
        if (clock + len > known) throw new Refusal('incomplete', 'update', 'verwijdert onbekende inhoud');
        if (clock < stored) this.checkDeletes(client, clock, Math.min(clock + len, stored));
      }
    }
    return [...this.touched];
  }

  // ── insertions ─────────────────────────────────────────────────────────────────────────────

  private checkInsert(item: Y.Item): void {
    if (item.content instanceof Y.ContentDoc) throw new Refusal('forbidden', 'update', 'subdocumenten zijn niet toegestaan');
    const place = this.resolve(item);
    if (place === GONE) return;
    if (place === MISSING) throw new Refusal('incomplete', 'update', 'ontbrekende voorganger');
    const { part, rule } = this.partAt(place.root);
    if (rule.shape === 'entries') {
      const entryKey = place.keys[0];
      if (entryKey === null || entryKey === undefined) throw new Refusal('forbidden', part, 'geen geldige invoer');
      if (place.keys.length === 1) return this.checkEntryAdd(part, rule, item);
      const field = place.keys[1];
      if (field !== null && field !== undefined && rule.serverFields?.includes(field)) throw new Refusal('forbidden', part, `${field}: alleen de server`);
      if (rule.authorField !== undefined && field === rule.authorField) {
        // Written once, by the entry's creator, naming themselves; never changed afterwards.
        if (place.topIsNew && place.keys.length === 2 && firstValue(item) === this.sender.userId) return;
        throw new Refusal('forbidden', part, `${rule.authorField} is onveranderlijk en moet de afzender zijn`);
      }
      const fieldRule = field !== null && field !== undefined ? rule.fields?.[field] : undefined;
      if (fieldRule && place.keys.length >= 3) {
        // An item inside a field with rules of its own (a reply): its author is in its content.
        if (contentAuthor(item, fieldRule.authorField) !== this.sender.userId) {
          throw new Refusal('forbidden', part, `${field}: auteur moet de afzender zijn`);
        }
        return this.require(part, 'add', place.topIsNew ? this.sender.userId : this.entryAuthor(place.top, rule), field ?? undefined);
      }
      // Inside an entry that is itself new in this update: covered by the entry's own add.
      if (place.topIsNew) return;
      return this.require(part, 'change', this.entryAuthor(place.top, rule));
    }
    if (rule.shape === 'map') {
      const key = place.keys[0];
      if (key === null || key === undefined) throw new Refusal('forbidden', part, 'geen geldige sleutel');
      return this.require(part, 'add', null, key);
    }
    this.require(part, 'change', null);
  }

  private checkEntryAdd(part: PartId, rule: PartRule, item: Y.Item): void {
    if (rule.authorField !== undefined) {
      const author = this.newEntryField(item, rule.authorField);
      if (author !== this.sender.userId) throw new Refusal('forbidden', part, `${rule.authorField} moet de afzender zijn`);
    }
    this.require(part, 'add', this.sender.userId);
  }

  /**
   * A field of an entry created in this update: the first value written for it (its parent is the
   * entry). Later writes of the same field in the update are checked on their own in checkInsert.
   */
  private newEntryField(entry: Y.Item, field: string): unknown {
    if (!(entry.content instanceof Y.ContentType)) return undefined;
    if (this.fieldsByParent === null) {
      this.fieldsByParent = new Map();
      for (const list of this.byClient.values()) {
        for (const s of list) {
          const parent = s instanceof Y.Item ? (s.parent as unknown) : null;
          if (!(s instanceof Y.Item) || !(parent instanceof Y.ID) || s.parentSub === null) continue;
          const key = `${parent.client}:${parent.clock}`;
          let fields = this.fieldsByParent.get(key);
          if (!fields) this.fieldsByParent.set(key, (fields = new Map()));
          if (!fields.has(s.parentSub)) fields.set(s.parentSub, s);
        }
      }
    }
    const first = this.fieldsByParent.get(`${entry.id.client}:${entry.id.clock}`)?.get(field);
    return first ? firstValue(first) : undefined;
  }

  // ── deletions ──────────────────────────────────────────────────────────────────────────────

  private checkDeletes(client: number, from: number, to: number): void {
    const structs = this.store.clients.get(client);
    if (!structs) return;
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const s = structs[i]!;
      if (s.id.clock >= to) break;
      if (!(s instanceof Y.Item) || s.deleted) continue;
      const place = this.integratedPlace(s);
      if (place === GONE) continue;
      const { part, rule } = this.partAt(place.root);
      // Deleting an entry deletes everything inside it: that is the entry's delete, checked there.
      if (place.keys.length > 1 && this.deletedHere(place.top)) continue;
      if (rule.shape === 'entries') {
        const author = this.entryAuthor(place.top, rule);
        if (place.keys.length === 1) {
          this.require(part, 'delete', author);
          continue;
        }
        const field = place.keys[1];
        if (field !== null && field !== undefined && rule.serverFields?.includes(field)) throw new Refusal('forbidden', part, `${field}: alleen de server`);
        if (rule.authorField !== undefined && field === rule.authorField) throw new Refusal('forbidden', part, `${rule.authorField} is onveranderlijk`);
        const fieldRule = field !== null && field !== undefined ? rule.fields?.[field] : undefined;
        if (fieldRule && place.keys.length >= 3) {
          this.require(part, 'delete', contentAuthor(s, fieldRule.authorField), field ?? undefined);
          continue;
        }
        this.require(part, 'change', author);
      } else if (rule.shape === 'map') {
        const key = place.keys[0];
        this.require(part, 'delete', null, key ?? '?');
      } else {
        this.require(part, 'change', null);
      }
    }
  }

  /** Is this struct deleted by the update being checked? */
  private deletedHere(s: Struct): boolean {
    const ranges = this.ds.clients.get(s.id.client);
    if (!ranges) return false;
    const clock = s.id.clock;
    return ranges.some((r) => clock >= r.clock && clock < r.clock + r.len);
  }

  // ── rules ──────────────────────────────────────────────────────────────────────────────────

  private partAt(root: string): { part: PartId; rule: PartRule } {
    const part = partOf(this.kind, root);
    if (!part) throw new Refusal('forbidden', root, 'onbekend onderdeel');
    this.touched.add(part);
    return { part, rule: partRules[part] };
  }

  private require(part: PartId, op: WriteOp, author: string | null, sub?: string): void {
    const rule: PartRule = partRules[part];
    const ctx = {
      userId: this.sender.userId,
      role: this.sender.role,
      author,
      layerOwnerId: this.layerOwnerId,
      presenter: rule.presenterLock ? this.currentPresenter() : null,
    };
    const refused = writeRefusal(part, op, ctx, sub);
    if (refused !== null) throw new Refusal('forbidden', part, refused);
  }

  /** The presenter as the document says before this update (the lock is a settings part). */
  private currentPresenter(): string | null {
    if (this.presenter === undefined) {
      const value = readRootKey(this.doc, docKeys.settings, roomSettingKeys.presenter);
      this.presenter = typeof value === 'string' && value.length > 0 ? value : null;
    }
    return this.presenter;
  }

  /** The author of an existing entry (its author field as stored), or null. */
  private entryAuthor(top: Struct, rule: PartRule): string | null {
    if (rule.authorField === undefined || !(top instanceof Y.Item) || !(top.content instanceof Y.ContentType)) return null;
    const value = readMapKey(top.content.type, rule.authorField);
    return typeof value === 'string' ? value : null;
  }

  // ── resolving where a struct sits ─────────────────────────────────────────────────────────

  private lookup(id: Y.ID): Struct | typeof MISSING {
    if (id.clock < Y.getState(this.store, id.client)) return Y.getItem(this.store, id) as Struct;
    const list = this.byClient.get(id.client);
    if (!list) return MISSING;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s instanceof Y.Skip ? MISSING : s;
    }
    return MISSING;
  }

  private isNew(s: Struct): boolean {
    return s.id.clock + s.length > Y.getState(this.store, s.id.client);
  }

  /**
   * Place of a struct of the update (not yet integrated). Iterative: an update can chain
   * thousands of new items (each inserted after the previous), and a forged one can chain them
   * into a loop, which Yjs would park forever; a loop is reported as missing (incomplete).
   */
  private resolve(item: Y.Item): Resolved {
    const memo = this.resolved.get(item);
    if (memo !== undefined) return memo;
    // Walk up through new structs until a known place, remembering how each step derives its own.
    const chain: { item: Y.Item; via: 'parent' | 'sibling'; from: Struct }[] = [];
    const visiting = new Set<Y.Item>();
    let cur: Y.Item = item;
    let base: Resolved;
    for (;;) {
      const known = this.resolved.get(cur);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (visiting.has(cur)) {
        base = MISSING;
        break;
      }
      visiting.add(cur);
      const parent = cur.parent as unknown;
      if (typeof parent === 'string') {
        base = { root: parent, keys: [cur.parentSub], top: cur, topIsNew: true };
        this.resolved.set(cur, base);
        break;
      }
      let next: Struct | typeof MISSING;
      let via: 'parent' | 'sibling';
      if (parent instanceof Y.ID) {
        next = this.lookup(parent);
        // A parent must hold a shared type; anything else would make Yjs fail half-way (a reset).
        if (next instanceof Y.Item && !(next.content instanceof Y.ContentType)) throw new Refusal('forbidden', 'update', 'ouder is geen gedeeld type');
        via = 'parent';
      } else {
        // Parent and key are copied from the neighbour it was inserted next to.
        const neighbourId = cur.origin ?? cur.rightOrigin;
        next = neighbourId ? this.lookup(neighbourId) : MISSING;
        via = 'sibling';
      }
      if (next === MISSING) {
        base = MISSING;
        this.resolved.set(cur, base);
        break;
      }
      chain.push({ item: cur, via, from: next });
      if (next instanceof Y.Item && this.isNew(next)) {
        cur = next;
        continue;
      }
      base = next instanceof Y.Item ? this.integratedPlace(next) : next instanceof Y.Skip ? MISSING : GONE;
      break;
    }
    // Unwind: each step's place follows from the one it hangs from.
    let result = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const { item: at, via, from } = chain[i]!;
      if (result !== MISSING && result !== GONE) {
        // Only the first three keys decide anything (entry, field, below): deeper nesting is not
        // copied, so a forged update nested thousands deep costs linear time.
        if (via === 'parent') result = result.keys.length >= 3 ? result : { ...result, keys: [...result.keys, at.parentSub] };
        // A sibling directly under the root: this struct is its own top.
        else if (result.keys.length === 1 && result.top === from) result = { ...result, top: at, topIsNew: true };
      }
      this.resolved.set(at, result);
    }
    return result;
  }

  /** Place of an integrated struct, walking up through the types that hold it. */
  private integratedPlace(item: Y.Item): Place | typeof GONE {
    const keys: (string | null)[] = [];
    let cur: Y.Item = item;
    for (;;) {
      keys.push(cur.parentSub);
      const parent = cur.parent as unknown;
      if (!(parent instanceof Y.AbstractType)) return GONE;
      const holder = parent._item;
      if (holder === null) {
        keys.reverse();
        return { root: this.rootName(parent), keys, top: cur, topIsNew: false };
      }
      cur = holder;
    }
  }

  private rootName(type: YType): string {
    let name = this.roots.get(type);
    if (name === undefined) {
      for (const [key, t] of this.doc.share) this.roots.set(t, key);
      name = this.roots.get(type) ?? '';
    }
    return name;
  }
}

/** The first value of an item's content (a map field's value, or a list element). */
function firstValue(item: Y.Item): unknown {
  if (item.content instanceof Y.ContentAny || item.content instanceof Y.ContentJSON) return item.content.getContent()[0];
  if (item.content instanceof Y.ContentString) return item.content.str;
  return undefined;
}

function contentAuthor(item: Y.Item, field: string | undefined): string | null {
  if (field === undefined) return null;
  const value = firstValue(item);
  if (typeof value !== 'object' || value === null) return null;
  const author = (value as Record<string, unknown>)[field];
  return typeof author === 'string' ? author : null;
}

/** A key of a map-like type as stored (undefined when absent or deleted), without creating anything. */
function readMapKey(type: YType, key: string): unknown {
  const item = type._map.get(key);
  return item && !item.deleted ? item.content.getContent()[item.length - 1] : undefined;
}

function readRootKey(doc: Y.Doc, root: string, key: string): unknown {
  const type = doc.share.get(root);
  return type ? readMapKey(type, key) : undefined;
}
