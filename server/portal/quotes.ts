import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { docKeys, interviewDocName, layerDocName } from '../../shared/domain/cycle-doc/keys.ts';
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
 * "Erase everything that quotes the client" (PORTAL-6): the observation texts linked to the
 * recording (the shared list, every published copy and every analyst's private layer), the
 * client-interview notes and feedback points, and their copies passed on to the cycle. Each text
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
  const fileIds = new Set(repos.media.mediaOf(rec.id, 'video').map((f) => f.id));
  const only = repos.media.recordingsOf(rec.cycle_id).length === 1;
  const linked = (mediaId: unknown) => (typeof mediaId === 'string' ? fileIds.has(mediaId) : only && mediaId == null);
  let erased = 0;

  const cycleDoc = cycleDocName(rec.cycle_id);
  erased += await collab.withDoc(cycleDoc, (doc) => {
    let n = blankObservations(doc.getMap(docKeys.observations), linked);
    doc.getMap(docKeys.published).forEach((layer) => {
      if (layer instanceof Y.Map) n += blankObservations(layer, linked);
    });
    doc.getMap(docKeys.clientFeedback).forEach((entry) => {
      if (entry instanceof Y.Map && blank(entry, ['text'])) n++;
    });
    return n;
  });

  const analysts = new Set([...repos.cycles.listMembers(rec.cycle_id).map((m) => m.userId), ...repos.layers.statuses(rec.cycle_id).map((s) => s.user_id)]);
  const layerDocs = [...analysts].map((userId) => layerDocName(rec.cycle_id, userId));
  for (const name of layerDocs) erased += await collab.withDoc(name, (doc) => blankObservations(doc.getMap(docKeys.observations), linked));

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

  for (const name of [cycleDoc, interviewDoc, ...layerDocs]) await collab.compactNow(name);
  repos.media.checkpoint();
  return erased;
}
