import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { docKeys, interviewDocName, layerDocName, sharedWorksheetDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { fragmentRefName } from '../../shared/editor/names.ts';
import { erasedQuotePlaceholder } from '../../shared/portal/receipt-text.ts';
import type { RecordingRow } from '../storage/media.ts';

/** Replaces an entry's texts by the placeholder and drops its replies; time codes and themes stay. */
function blank(entry: Y.Map<unknown>, fields: readonly string[]): boolean {
  let changed = false;
  for (const f of fields) {
    const v = entry.get(f);
    if (typeof v === 'string' && v !== '' && v !== erasedQuotePlaceholder) {
      entry.set(f, erasedQuotePlaceholder);
      changed = true;
    }
  }
  const replies = entry.get('replies');
  if (replies instanceof Y.Array && replies.length > 0) {
    entry.set('replies', new Y.Array());
    changed = true;
  }
  return changed;
}

function blankObservations(map: Y.Map<unknown>, linked: (mediaId: unknown) => boolean): number {
  let n = 0;
  map.forEach((entry) => {
    if (entry instanceof Y.Map && linked(entry.get('mediaId')) && blank(entry, ['text'])) n++;
  });
  return n;
}

/**
 * The named fragments of the recording (their names say what happened; start, end and theme
 * stay). Returns their ids, so agenda items that discuss them are found too.
 */
function blankFragments(map: Y.Map<unknown>, linked: (mediaId: unknown) => boolean): { n: number; ids: Set<string> } {
  const ids = new Set<string>();
  let n = 0;
  map.forEach((entry, id) => {
    if (!(entry instanceof Y.Map) || !linked(entry.get('mediaId'))) return;
    ids.add(id);
    if (blank(entry, ['label'])) n++;
  });
  return { n, ids };
}

/**
 * Agenda items that quote the recording: linked to one of its fragments, put on the agenda from
 * one of its observations or its talk figures, or from the client interview (the client's words).
 * Section, pillar, order and links stay.
 */
function blankAgenda(doc: Y.Doc, fragmentIds: Set<string>, observationIds: Set<string>, fileIds: Set<string>): number {
  let n = 0;
  doc.getMap(docKeys.agenda).forEach((entry) => {
    if (!(entry instanceof Y.Map)) return;
    const links = entry.get('fragments');
    const viaFragment = links instanceof Y.Map && [...links.keys()].some((id) => fragmentIds.has(id));
    const source = entry.get('source') as { kind?: unknown; id?: unknown } | null | undefined;
    const kind = source && typeof source === 'object' ? source.kind : null;
    const sourceId = source && typeof source === 'object' ? source.id : null;
    const viaSource = kind === 'interview'
      || (kind === 'observation' && typeof sourceId === 'string' && observationIds.has(sourceId))
      || (kind === 'transcript' && typeof sourceId === 'string' && fileIds.has(sourceId));
    if ((viaFragment || viaSource) && blank(entry, ['text'])) n++;
  });
  return n;
}

/**
 * Report paragraphs (and headings, list items' paragraphs) that refer to the recording through a
 * fragment reference: their words become the placeholder; the references stay as time codes
 * with their theme, without their name.
 */
function blankReport(node: Y.XmlFragment | Y.XmlElement, linked: (mediaId: unknown) => boolean): number {
  let n = 0;
  const kids = node.toArray();
  const quotes = kids.some((k) => k instanceof Y.XmlElement && k.nodeName === fragmentRefName && linked(k.getAttribute('mediaId') ?? null));
  if (quotes && node instanceof Y.XmlElement) {
    let wrote = false;
    for (const k of kids) {
      if (k instanceof Y.XmlText) {
        if (k.length > 0 && k.toString() !== erasedQuotePlaceholder) {
          k.delete(0, k.length);
          wrote = true;
        }
      } else if (k instanceof Y.XmlElement && k.nodeName === fragmentRefName && (k.getAttribute('label') ?? '') !== '') {
        k.setAttribute('label', '');
        wrote = true;
      }
    }
    if (wrote) {
      node.insert(0, [new Y.XmlText(`${erasedQuotePlaceholder} `)]);
      n++;
    }
    return n;
  }
  for (const k of kids) if (k instanceof Y.XmlElement) n += blankReport(k, linked);
  return n;
}

/** The werkblad's sightings of the recording ("wat zie ik", with time codes) in a private layer. */
function blankSightings(doc: Y.Doc, linked: (mediaId: unknown) => boolean): number {
  let n = 0;
  const entries = doc.getMap(docKeys.worksheet).get('entries');
  if (!(entries instanceof Y.Map)) return 0;
  entries.forEach((entry) => {
    const seen = entry instanceof Y.Map ? entry.get('seen') : null;
    if (!(seen instanceof Y.Map)) return;
    seen.forEach((item) => {
      if (item instanceof Y.Map && linked(item.get('mediaId')) && blank(item, ['text'])) n++;
    });
  });
  return n;
}

/** The five core questions' moments of the recording (their "what I see there") in a private layer. */
function blankCoreMoments(doc: Y.Doc, linked: (mediaId: unknown) => boolean): number {
  let n = 0;
  doc.getMap(docKeys.coreReflection).forEach((answer) => {
    const moments = answer instanceof Y.Map ? answer.get('moments') : null;
    if (!(moments instanceof Y.Map)) return;
    moments.forEach((m) => {
      if (m instanceof Y.Map && linked(m.get('mediaId')) && blank(m, ['text'])) n++;
    });
  });
  return n;
}

/**
 * SLIM analyses of the conversation (one per author): their free texts say in the client's own
 * words what the client says about himself. Blanked when the analysis rests on a fragment of this
 * recording, or when the cycle has no other recording; the chosen options stay.
 */
function blankSlim(doc: Y.Doc, fragmentIds: Set<string>, only: boolean): number {
  let n = 0;
  doc.getMap(docKeys.slim).forEach((entry) => {
    if (!(entry instanceof Y.Map)) return;
    const evidence = entry.get('evidence');
    const onThis = only || (Array.isArray(evidence) && evidence.some((id) => typeof id === 'string' && fragmentIds.has(id)));
    if (onThis && blank(entry, ['note', 'selfImageOther', 'roleOther'])) n++;
  });
  return n;
}

/** Ids of the observations (shared list) linked to the recording, before their texts go. */
function linkedObservationIds(map: Y.Map<unknown>, linked: (mediaId: unknown) => boolean): Set<string> {
  const ids = new Set<string>();
  map.forEach((entry, id) => {
    if (entry instanceof Y.Map && linked(entry.get('mediaId'))) ids.add(id);
  });
  return ids;
}

/**
 * "Erase everything that quotes the client" (PORTAL-6): the observation texts linked to the
 * recording (the shared list, every published copy and every analyst's private layer), the
 * client-interview notes and feedback points, and their copies passed on to the cycle; the names
 * of the recording's fragments, the agenda items that discuss them (or its observations, or the
 * interview), the report paragraphs that refer to it, the werkblad's sightings of it and the core
 * questions' moments in it (also in a shared werkblad's live copy), and the free texts of SLIM
 * analyses that rest on its fragments. Each text
 * becomes a neutral placeholder; time codes, themes and order stay, so the analysis still reads
 * as a timeline. Each document is then compacted: its stored history is replaced by one snapshot
 * of the current state (deleted text is garbage-collected by Yjs), so the quoted words survive
 * neither in the database nor in an older update. The transcript goes with the media's key.
 *
 * Observations without a file (older notes) count as linked only when the cycle has this one
 * recording: then they can only be about it.
 */
export async function eraseQuotes(app: FastifyInstance, rec: RecordingRow): Promise<number> {
  const { repos, collab } = app;
  const fileIds = new Set((await repos.media.mediaOf(rec.id, 'video')).map((f) => f.id));
  const only = (await repos.media.recordingsOf(rec.cycle_id)).length === 1;
  const linked = (mediaId: unknown) => (typeof mediaId === 'string' ? fileIds.has(mediaId) : only && mediaId == null);
  let erased = 0;

  const cycleDoc = cycleDocName(rec.cycle_id);
  erased += await collab.withDoc(cycleDoc, (doc) => {
    const observationIds = linkedObservationIds(doc.getMap(docKeys.observations), linked);
    doc.getMap(docKeys.published).forEach((layer) => {
      if (layer instanceof Y.Map) for (const id of linkedObservationIds(layer, linked)) observationIds.add(id);
    });
    let n = blankObservations(doc.getMap(docKeys.observations), linked);
    doc.getMap(docKeys.published).forEach((layer) => {
      if (layer instanceof Y.Map) n += blankObservations(layer, linked);
    });
    doc.getMap(docKeys.clientFeedback).forEach((entry) => {
      if (entry instanceof Y.Map && blank(entry, ['text'])) n++;
    });
    const fragments = blankFragments(doc.getMap(docKeys.fragments), linked);
    n += fragments.n;
    n += blankSlim(doc, fragments.ids, only);
    n += blankAgenda(doc, fragments.ids, observationIds, fileIds);
    n += blankReport(doc.getXmlFragment(docKeys.report), linked);
    return n;
  });

  const analysts = new Set([...(await repos.cycles.listMembers(rec.cycle_id)).map((m) => m.userId), ...(await repos.layers.statuses(rec.cycle_id)).map((s) => s.user_id)]);
  const layerDocs = [...analysts].map((userId) => layerDocName(rec.cycle_id, userId));
  for (const name of layerDocs) {
    erased += await collab.withDoc(name, (doc) => blankObservations(doc.getMap(docKeys.observations), linked) + blankSightings(doc, linked) + blankCoreMoments(doc, linked));
  }
  // A shared werkblad's copy follows its author's edits, not the server's: bring it up to date
  // now, and drop its stored history with the texts (a copy nobody reads is emptied instead).
  const copies: string[] = [];
  for (const userId of analysts) {
    await app.sharedWorksheets.refresh(rec.cycle_id, userId);
    if ((await repos.worksheetShares.viewersOf(rec.cycle_id, userId)).length > 0) copies.push(sharedWorksheetDocName(rec.cycle_id, userId));
  }

  const interviewDoc = interviewDocName(rec.cycle_id);
  erased += await collab.withDoc(interviewDoc, (doc) => {
    let n = 0;
    doc.getMap(docKeys.feedbackPoints).forEach((entry) => {
      if (entry instanceof Y.Map && blank(entry, ['text', 'paraphrase'])) n++;
    });
    const report = doc.getXmlFragment(docKeys.interviewReport);
    if (report.length > 0) {
      report.delete(0, report.length);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(erasedQuotePlaceholder)]);
      report.insert(0, [p]);
      n++;
    }
    return n;
  });

  // Fragment links keep a copy of their fragments' names (for the client's page).
  erased += await repos.fragmentLinks.blankLabels(rec.cycle_id, rec.id, erasedQuotePlaceholder);
  for (const name of [cycleDoc, interviewDoc, ...layerDocs, ...copies]) await collab.compactNow(name);
  await repos.media.checkpoint();
  return erased;
}
