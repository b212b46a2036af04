import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { docKeys, interviewDocName, layerDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { soleMediaId } from '../../shared/domain/cycle-doc/recording-refs.ts';
import { fragmentRefName } from '../../shared/editor/names.ts';
import { recordingFilesOf } from '../media/recording-files.ts';

/**
 * Data migrations inside the cycles' Yjs documents, run once per installation at start-up, before
 * the server accepts requests. They write through `app.collab.withDoc`, the same path as every
 * server write: persisted before it is relayed, counted in "wie wijzigde wat", and converging with
 * any client that edited offline (a client's old copy merges, it is never overwritten).
 *
 * Why at start-up and not when a document is opened: a document is opened by people who may not
 * change every entry in it (an observation is its author's, the published layers are the
 * server's), and a layer is only ever opened by its owner; the server may write them all, once,
 * and needs no marker inside each document to know it did.
 */
export interface DocMigration {
  readonly name: string;
  /** Migrates one cycle's documents; idempotent (it may run again after a crash). */
  readonly run: (app: FastifyInstance, cycleId: string) => Promise<void>;
}

function isEntry(v: unknown): v is Y.Map<unknown> {
  return v instanceof Y.Map;
}

/**
 * Which file an unassigned time code (start, and end for a range) belongs to, or null when that
 * cannot be told. Always one file for TIMECODE-5; by duration for TIMECODE-6.
 */
export type FilePicker = (start: number, end: number | null) => string | null;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Sets `mediaId` on every entry with a time code (`timeKey`) that names no file, where `pick` can tell. */
function assignEntries(map: Y.Map<unknown>, timeKey: 'start' | 'at', pick: FilePicker): number {
  let n = 0;
  map.forEach((entry) => {
    if (!isEntry(entry)) return;
    const start = num(entry.get(timeKey));
    if (start === null) return;
    const current = entry.get('mediaId');
    if (typeof current === 'string' && current !== '') return;
    const mediaId = pick(start, num(entry.get('end')));
    if (mediaId === null) return;
    entry.set('mediaId', mediaId);
    n++;
  });
  return n;
}

/** Fragment references in a rich-text field ("▶ fragment 06:00–06:30") without a file. */
function assignFragmentRefs(node: Y.XmlFragment | Y.XmlElement, pick: FilePicker): number {
  let n = 0;
  node.toArray().forEach((child) => {
    if (!(child instanceof Y.XmlElement)) return;
    if (child.nodeName === fragmentRefName) {
      const current = child.getAttribute('mediaId') as unknown;
      const start = num(child.getAttribute('start') as unknown);
      const mediaId = start === null ? null : pick(start, num(child.getAttribute('end') as unknown));
      if (!(typeof current === 'string' && current !== '') && mediaId !== null) {
        child.setAttribute('mediaId', mediaId as never);
        n++;
      }
    }
    n += assignFragmentRefs(child, pick);
  });
  return n;
}

const always = (mediaId: string): FilePicker => () => mediaId;

/** Everything with a time code in a cycle's shared document. */
export function assignCycleDoc(doc: Y.Doc, target: string | FilePicker): number {
  const pick = typeof target === 'string' ? always(target) : target;
  let n = assignEntries(doc.getMap(docKeys.observations), 'start', pick);
  doc.getMap(docKeys.published).forEach((layer) => {
    if (layer instanceof Y.Map) n += assignEntries(layer, 'start', pick);
  });
  n += assignEntries(doc.getMap(docKeys.fragments), 'start', pick);
  n += assignFragmentRefs(doc.getXmlFragment(docKeys.report), pick);
  return n;
}

/** Observations and werkblad sightings in one analyst's private layer (and, with `withCore`, the
 * five core questions' moments, which TIMECODE-5 predates: SLIM-5). */
export function assignLayerDoc(doc: Y.Doc, target: string | FilePicker, withCore = false): number {
  const pick = typeof target === 'string' ? always(target) : target;
  let n = assignEntries(doc.getMap(docKeys.observations), 'start', pick);
  const entries = doc.getMap(docKeys.worksheet).get('entries');
  if (entries instanceof Y.Map) {
    entries.forEach((entry) => {
      const seen = entry instanceof Y.Map ? entry.get('seen') : undefined;
      if (seen instanceof Y.Map) n += assignEntries(seen, 'at', pick);
    });
  }
  if (withCore) {
    doc.getMap(docKeys.coreReflection).forEach((question) => {
      const moments = question instanceof Y.Map ? question.get('moments') : undefined;
      if (moments instanceof Y.Map) n += assignEntries(moments, 'at', pick);
    });
  }
  return n;
}

/**
 * TIMECODE-5: time codes made before they named their recording belong to the cycle's only
 * recording file, where there is exactly one; with several nobody can tell, so they stay
 * unassigned and every screen says so ("opname onbekend").
 */
export const recordingRefsMigration: DocMigration = {
  name: 'recording-refs-1',
  async run(app, cycleId) {
    const mediaId = soleMediaId(await recordingFilesOf(app.repos.media, cycleId));
    if (mediaId === null) return;
    await app.collab.withDoc(cycleDocName(cycleId), (doc) => assignCycleDoc(doc, mediaId));
    await app.collab.withDoc(interviewDocName(cycleId), (doc) => assignFragmentRefs(doc.getXmlFragment(docKeys.interviewReport), always(mediaId)));
    for (const userId of await app.repos.docMigrations.layerUserIds(cycleId)) {
      await app.collab.withDoc(layerDocName(cycleId, userId), (doc) => assignLayerDoc(doc, mediaId));
    }
  },
};

/** Rewrites a retired "raakmoment" observation as an observation with the theme emotie. */
function retireTouchpoints(map: Y.Map<unknown>): number {
  let n = 0;
  map.forEach((entry) => {
    if (!isEntry(entry) || entry.get('kind') !== 'touchpoint') return;
    const themes = entry.get('themes');
    const list = Array.isArray(themes) ? themes.filter((t): t is string => typeof t === 'string') : [];
    entry.set('kind', 'observation');
    if (!list.includes('emotie')) entry.set('themes', [...list, 'emotie']);
    n++;
  });
  return n;
}

/**
 * WORDING-3: the observation kind "raakmoment" said the same as the theme "Raakmomenten
 * (emotie)". Stored ones become observations with that theme (readers already show them so).
 */
export const touchpointMigration: DocMigration = {
  name: 'retire-touchpoint-1',
  async run(app, cycleId) {
    await app.collab.withDoc(cycleDocName(cycleId), (doc) => {
      let n = retireTouchpoints(doc.getMap(docKeys.observations));
      doc.getMap(docKeys.published).forEach((layer) => {
        if (layer instanceof Y.Map) n += retireTouchpoints(layer);
      });
      return n;
    });
    for (const userId of await app.repos.docMigrations.layerUserIds(cycleId)) {
      await app.collab.withDoc(layerDocName(cycleId, userId), (doc) => retireTouchpoints(doc.getMap(docKeys.observations)));
    }
  },
};

/**
 * The file an old time code must be on, when the cycle's files tell it (TIMECODE-6): the cycle's
 * only file; or, with several files (of one recording or of several), the only file long enough to
 * hold the code (its end, for a range): each file plays on its own timeline from 0:00, so a code
 * at 20:00 with files of 10 and 30 minutes can only be on the second. Null for the whole cycle
 * when a file's length is unknown or a file was erased (the code might have been on it), so
 * nothing is guessed.
 */
export function durationPicker(recordings: readonly { id: string; status: string; durationMs: number | null }[][]): FilePicker | null {
  // A file that never finished uploading never played, so no time code is on it.
  const files = recordings.map((rec) => rec.filter((f) => f.status === 'ready' || f.status === 'erased'));
  if (files.length === 0 || files.some((rec) => rec.length === 0)) return null;
  const all = files.flat();
  if (all.some((f) => f.status !== 'ready')) return null;
  if (all.length === 1) return always(all[0]!.id);
  if (all.some((f) => f.durationMs === null)) return null;
  return (start, end) => {
    const last = Math.max(start, end ?? start);
    const fits = all.filter((f) => last * 1000 <= f.durationMs!);
    return fits.length === 1 ? fits[0]!.id : null;
  };
}

/**
 * TIMECODE-6 (after TIMECODE-5): old time codes in cycles with several files are assigned where
 * only one file is long enough to hold them; core-question moments are assigned like the rest.
 * What is still unassigned is shown as "opname onbekend", and the owner picks its recording.
 */
export const recordingRefsByDurationMigration: DocMigration = {
  name: 'recording-refs-2',
  async run(app, cycleId) {
    const files = [];
    for (const rec of await app.repos.media.recordingsOf(cycleId)) {
      files.push((await app.repos.media.mediaOf(rec.id, 'video')).map((m) => ({ id: m.id, status: m.status, durationMs: m.duration_ms })));
    }
    const pick = durationPicker(files);
    if (pick === null) return;
    await app.collab.withDoc(cycleDocName(cycleId), (doc) => assignCycleDoc(doc, pick));
    await app.collab.withDoc(interviewDocName(cycleId), (doc) => assignFragmentRefs(doc.getXmlFragment(docKeys.interviewReport), pick));
    for (const userId of await app.repos.docMigrations.layerUserIds(cycleId)) {
      await app.collab.withDoc(layerDocName(cycleId, userId), (doc) => assignLayerDoc(doc, pick, true));
    }
  },
};

export const docMigrations: readonly DocMigration[] = [recordingRefsMigration, touchpointMigration, recordingRefsByDurationMigration];

/** Runs every migration not yet done over every cycle, then records it as done. */
export async function runDocMigrations(app: FastifyInstance, migrations: readonly DocMigration[] = docMigrations): Promise<void> {
  for (const m of migrations) {
    if (await app.repos.docMigrations.isDone(m.name)) continue;
    for (const cycleId of await app.repos.docMigrations.cycleIds()) await m.run(app, cycleId);
    await app.repos.docMigrations.markDone(m.name);
    app.log.info({ migration: m.name }, 'document migration done');
  }
}
