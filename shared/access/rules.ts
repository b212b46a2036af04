import type { CycleRole } from '../domain/access.ts';
import type { ConsentUse } from '../domain/consent.ts';

/**
 * Access inside a cycle's documents: the one rule table (SPEC.md DOCACCESS-*). The server enforces
 * it on every incoming update, every export and every print page; the client reads it only to
 * show or hide controls, never to decide.
 *
 * Content is split into Yjs documents by who may read them, so that a socket only ever receives a
 * document its reader may see whole:
 * - `cycle`     `cycle:<id>`            the shared cycle document (every member who may enter);
 * - `interview` `cycle:<id>:interview`  the confidential client interview (researchers only);
 * - `layer`     `cycle:<id>:layer:<u>`  one analyst's private layer (its author only);
 * - `werkblad`  `cycle:<id>:werkblad:<u>` the server's copy of the werkblad and core-question
 *   reflection in `u`'s layer, for `u` and the members `u` shares it with (SELF-1, SELF-4).
 * Each top-level part of a document has a row below: who reads it, who adds, changes and deletes.
 */
export const docKinds = ['cycle', 'interview', 'layer', 'werkblad'] as const;
export type DocKind = (typeof docKinds)[number];

/**
 * Who may make a change:
 * - a role: any member with that role;
 * - `author`: the person named in the entry's author field (for entry collections);
 * - `layerOwner`: the analyst whose private layer it is (only they can open it at all).
 * The server itself (publishing, consent signals, passing on interview feedback) writes outside
 * this table: its writes never arrive over a socket. An empty list means: nobody over a socket.
 */
export type Writer = CycleRole | 'author' | 'layerOwner';
export type WriteOp = 'add' | 'change' | 'delete';
export const writeOps: readonly WriteOp[] = ['add', 'change', 'delete'];

export interface WriteRule {
  readonly add: readonly Writer[];
  readonly change: readonly Writer[];
  readonly delete: readonly Writer[];
}

export interface PartRule extends WriteRule {
  readonly doc: DocKind;
  /** Top-level name in the document (`shared/domain/cycle-doc/keys.ts`). */
  readonly key: string;
  /** Dutch, as the access log says it: "wijzigde het verslag". */
  readonly label: string;
  /**
   * `entries`: a map of entries keyed by id, each a map of fields; adding or deleting an entry is
   * `add`/`delete`, anything inside an existing entry is `change`.
   * `map`: a map of named values; every key is ruled separately in `keys` (unknown keys refused).
   * `content`: rich or plain text, or a map of texts; every change is `change`.
   */
  readonly shape: 'entries' | 'map' | 'content';
  /** For `entries`: the field naming the entry's author. On `add` it must equal the sender, and
   * nobody may change it afterwards. */
  readonly authorField?: string;
  /** For `entries`: fields only the server writes (e.g. who decided to pass interview feedback on). */
  readonly serverFields?: readonly string[];
  /** For `entries`: fields inside an entry with rules of their own (e.g. replies to an observation). */
  readonly fields?: Readonly<Record<string, WriteRule & { readonly authorField?: string }>>;
  /** For `map`: one rule per key. */
  readonly keys?: Readonly<Record<string, WriteRule>>;
  /** With the presenter lock on, only the presenter may write this part (the playback transport). */
  readonly presenterLock?: boolean;
  /** Who may read it: must equal the readers of its document (a socket receives a document whole). */
  readonly read: readonly Reader[];
}

/** `layerOwner` reads their own layer; `sharedWith`: the members its owner shared their werkblad
 * with (a grant in SQL, `worksheet_shares`, checked by the server); everybody else reads by role. */
export type Reader = CycleRole | 'layerOwner' | 'sharedWith';

const members: readonly CycleRole[] = ['owner', 'researcher', 'colleague'];
const facilitators: readonly CycleRole[] = ['owner', 'researcher'];
const nobody: readonly Writer[] = [];
const all = (who: readonly Writer[]): WriteRule => ({ add: who, change: who, delete: who });
const serverOnly: WriteRule = all(nobody);

/** Who may read each kind of document (before consent; see `mayEnter`). */
export const docReaders: Record<DocKind, readonly Reader[]> = {
  cycle: members,
  interview: ['researcher'],
  layer: ['layerOwner'],
  werkblad: ['layerOwner', 'sharedWith'],
};

export const partRules = {
  // ── the shared cycle document ─────────────────────────────────────────────────────────────
  doubts: { doc: 'cycle', key: 'doubts', label: 'de twijfels en leerdoelen', shape: 'entries', read: members, ...all(['owner']) },
  previousReview: { doc: 'cycle', key: 'previousReview', label: 'de terugblik op de vorige voornemens', shape: 'entries', read: members, ...all(['owner']) },
  observations: {
    doc: 'cycle',
    key: 'observations',
    label: 'de gedeelde observaties',
    shape: 'entries',
    read: members,
    authorField: 'author',
    add: members,
    change: ['author'],
    delete: ['author'],
    // Anyone may reply to an observation; a reply is its author's to remove.
    fields: { replies: { authorField: 'author', add: members, change: ['author'], delete: ['author'] } },
  },
  published: { doc: 'cycle', key: 'published', label: 'de gepubliceerde lagen', shape: 'entries', read: members, ...serverOnly },
  fragments: {
    doc: 'cycle',
    key: 'fragments',
    label: 'de fragmenten',
    shape: 'entries',
    read: members,
    authorField: 'createdBy',
    add: members,
    change: ['author', 'owner'],
    delete: ['author', 'owner'],
  },
  agenda: { doc: 'cycle', key: 'agenda', label: 'de agenda', shape: 'entries', read: members, ...all(facilitators) },
  report: { doc: 'cycle', key: 'report', label: 'het verslag', shape: 'content', read: members, ...all(facilitators) },
  takeaways: { doc: 'cycle', key: 'takeaways', label: 'de aandachtspunten', shape: 'entries', read: members, ...all(facilitators) },
  evaluation: { doc: 'cycle', key: 'evaluation', label: 'de evaluatie', shape: 'content', read: members, ...all(facilitators) },
  /** Interview feedback the interviewer passed on (a server-written copy; DOCACCESS-4). */
  clientFeedback: { doc: 'cycle', key: 'clientFeedback', label: 'de doorgegeven feedback van de cliënt', shape: 'entries', read: members, ...serverOnly },
  playback: {
    doc: 'cycle',
    key: 'playback',
    label: 'het afspelen',
    shape: 'map',
    read: members,
    presenterLock: true,
    keys: { transport: all(members) },
    ...all(members),
  },
  settings: {
    doc: 'cycle',
    key: 'settings',
    label: 'de instellingen van de kijkruimte',
    shape: 'map',
    read: members,
    keys: {
      presenter: all(facilitators),
      presenterName: all(facilitators),
      waitForAll: all(facilitators),
      followCall: all(facilitators),
      consentVersion: serverOnly,
    },
    ...serverOnly,
  },
  /** SLIM per conversation (SLIM-1): researchers, and the klantmanager in self-analysis; each their own. */
  slim: {
    doc: 'cycle',
    key: 'slim',
    label: 'de SLIM-analyse',
    shape: 'entries',
    read: members,
    authorField: 'author',
    add: facilitators,
    change: ['author'],
    delete: ['author'],
  },
  // ── the confidential interview (researchers only) ─────────────────────────────────────────
  interviewReport: { doc: 'interview', key: 'interviewReport', label: 'het interviewverslag', shape: 'content', read: ['researcher'], ...all(['researcher']) },
  feedbackPoints: {
    doc: 'interview',
    key: 'feedbackPoints',
    label: 'de feedbackpunten van de cliënt',
    shape: 'entries',
    read: ['researcher'],
    authorField: 'createdBy',
    // The decision to pass a point on is recorded by the server route, with who and when.
    serverFields: ['decision', 'decidedBy', 'decidedAt'],
    add: ['researcher'],
    change: ['researcher'],
    delete: ['researcher'],
  },
  interviewFragments: { doc: 'interview', key: 'interviewFragments', label: 'de fragmenten voor de cliënt', shape: 'entries', read: ['researcher'], ...all(['researcher']) },
  // ── a private layer (its author only) ─────────────────────────────────────────────────────
  layerObservations: { doc: 'layer', key: 'observations', label: 'de eigen observaties', shape: 'entries', read: ['layerOwner'], ...all(['layerOwner']) },
  worksheet: { doc: 'layer', key: 'worksheet', label: 'het werkblad', shape: 'content', read: ['layerOwner'], ...all(['layerOwner']) },
  /** The five core questions as a guided self-reflection (SELF-3); shared like the werkblad (SELF-1). */
  coreReflection: { doc: 'layer', key: 'coreReflection', label: 'de zelfreflectie met de vijf kernvragen', shape: 'content', read: ['layerOwner'], ...all(['layerOwner']) },
  // ── a shared werkblad (the server's copy; its author and whom they share with) ───────────────
  /** Written only by the server, from the author's layer, on each committed change (SELF-4). */
  sharedWorksheet: {
    doc: 'werkblad',
    key: 'sharedWorksheet',
    label: 'het gedeelde werkblad',
    shape: 'map',
    read: ['layerOwner', 'sharedWith'],
    keys: { view: serverOnly },
    ...serverOnly,
  },
} as const satisfies Record<string, PartRule>;

export type PartId = keyof typeof partRules;
export const partIds = Object.keys(partRules) as PartId[];

/** The part a top-level name of a document kind belongs to; undefined = unknown, refused. */
export function partOf(doc: DocKind, key: string): PartId | undefined {
  return partByDocKey.get(`${doc}\u0000${key}`);
}
const partByDocKey = new Map<string, PartId>(partIds.map((id) => [`${partRules[id].doc}\u0000${partRules[id].key}`, id]));

/** Who is asking, as the server established it (never as a client claims it). */
export interface AccessSubject {
  readonly userId: string;
  readonly role: CycleRole;
  /** Consent uses currently granted on at least one recording of the cycle. */
  readonly granted: ReadonlySet<ConsentUse>;
}

/**
 * May this member work in the cycle's documents at all? Intervision colleagues only while the
 * client consents to intervision (`002_*`: only the people the consent covers).
 */
export function mayEnter(subject: Pick<AccessSubject, 'role' | 'granted'>): boolean {
  return subject.role !== 'colleague' || subject.granted.has('colleagues');
}

/**
 * May `subject` receive a document of this kind (its socket, its export, its print page)? For a
 * layer, `layerOwnerId` names whose layer it is. The interview additionally needs the client's
 * consent to be approached for an interview.
 */
export function mayReadDoc(subject: AccessSubject, doc: DocKind, layerOwnerId?: string, sharedWith = false): boolean {
  if (!mayEnter(subject)) return false;
  if (doc === 'layer') return layerOwnerId === subject.userId;
  // `sharedWith`: the server found a grant from the layer's owner to `subject` (SELF-1).
  if (doc === 'werkblad') return layerOwnerId === subject.userId || sharedWith;
  if (doc === 'interview' && !subject.granted.has('clientInterview')) return false;
  return docReaders[doc].includes(subject.role);
}

/** May `subject` read this part? The same answer as for its whole document, by construction. */
export function mayReadPart(subject: AccessSubject, part: PartId, layerOwnerId?: string): boolean {
  return mayReadDoc(subject, partRules[part].doc, layerOwnerId);
}

export interface WriteContext {
  readonly userId: string;
  readonly role: CycleRole;
  /** The entry's author (for `author` rules); null when the entry has none. */
  readonly author?: string | null;
  /** Whose private layer this is (for `layerOwner` rules). */
  readonly layerOwnerId?: string | null;
  /** The presenter while the presenter lock is on. */
  readonly presenter?: string | null;
}

/** Does a rule list admit this writer? */
export function admits(who: readonly Writer[], ctx: WriteContext): boolean {
  for (const w of who) {
    if (w === 'author') {
      if (ctx.author !== undefined && ctx.author !== null && ctx.author === ctx.userId) return true;
    } else if (w === 'layerOwner') {
      if (ctx.layerOwnerId === ctx.userId) return true;
    } else if (w === ctx.role) return true;
  }
  return false;
}

/**
 * The single write decision. `field` is the entry field (for `entries` parts with field rules) or
 * the map key (for `map` parts). Returns the rule that refused, or null when allowed.
 */
export function writeRefusal(part: PartId, op: WriteOp, ctx: WriteContext, sub?: string): string | null {
  const rule: PartRule = partRules[part];
  let who: WriteRule = rule;
  if (rule.shape === 'map') {
    const keyRule = sub === undefined ? undefined : rule.keys?.[sub];
    if (!keyRule) return `${part}.${sub ?? '?'}: onbekende sleutel`;
    who = keyRule;
  } else if (rule.shape === 'entries' && sub !== undefined && rule.fields?.[sub]) {
    who = rule.fields[sub]!;
  }
  if (rule.presenterLock && ctx.presenter && ctx.presenter !== ctx.userId) return `${part}: presentatieslot`;
  return admits(who[op], ctx) ? null : `${part}.${op}`;
}

const writableDocs = new Map<string, boolean>();
/**
 * May this role change anything at all in a document of this kind? When not, the server refuses
 * every update on such a socket at the connection, without decoding it.
 */
export function mayWriteDocAtAll(doc: DocKind, role: CycleRole): boolean {
  // Asked for every update a socket sends; the answer depends only on the static table above.
  const key = `${doc}\0${role}`;
  let answer = writableDocs.get(key);
  if (answer === undefined) writableDocs.set(key, (answer = computeMayWriteDocAtAll(doc, role)));
  return answer;
}

function computeMayWriteDocAtAll(doc: DocKind, role: CycleRole): boolean {
  return partIds.some((id) => {
    const rule: PartRule = partRules[id];
    if (rule.doc !== doc) return false;
    const lists: (readonly Writer[])[] = [rule.add, rule.change, rule.delete];
    for (const r of [...Object.values(rule.keys ?? {}), ...Object.values(rule.fields ?? {})]) lists.push(r.add, r.change, r.delete);
    return lists.some((who) => who.some((w) => w === role || w === 'author' || w === 'layerOwner'));
  });
}

/** Convenience for the client: may this person make this kind of change at all (any entry of theirs)? */
export function mayWrite(part: PartId, op: WriteOp, ctx: WriteContext, sub?: string): boolean {
  return writeRefusal(part, op, ctx, sub) === null;
}
