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

/** Sets `mediaId` on every entry with a time code (`timeKey`) that names no file. */
function assignEntries(map: Y.Map<unknown>, timeKey: 'start' | 'at', mediaId: string): number {
  let n = 0;
  map.forEach((entry) => {
    if (!isEntry(entry) || typeof entry.get(timeKey) !== 'number') return;
    const current = entry.get('mediaId');
    if (typeof current === 'string' && current !== '') return;
    entry.set('mediaId', mediaId);
    n++;
  });
  return n;
}

/** Fragment references in a rich-text field ("▶ fragment 06:00–06:30") without a file. */
function assignFragmentRefs(node: Y.XmlFragment | Y.XmlElement, mediaId: string): number {
  let n = 0;
  node.toArray().forEach((child) => {
    if (!(child instanceof Y.XmlElement)) return;
    if (child.nodeName === fragmentRefName) {
      const current = child.getAttribute('mediaId') as unknown;
      if (!(typeof current === 'string' && current !== '')) {
        child.setAttribute('mediaId', mediaId as never);
        n++;
      }
    }
    n += assignFragmentRefs(child, mediaId);
  });
  return n;
}

/** Everything with a time code in a cycle's shared document. */
export function assignCycleDoc(doc: Y.Doc, mediaId: string): number {
  let n = assignEntries(doc.getMap(docKeys.observations), 'start', mediaId);
  doc.getMap(docKeys.published).forEach((layer) => {
    if (layer instanceof Y.Map) n += assignEntries(layer, 'start', mediaId);
  });
  n += assignEntries(doc.getMap(docKeys.fragments), 'start', mediaId);
  n += assignFragmentRefs(doc.getXmlFragment(docKeys.report), mediaId);
  return n;
}

/** Observations and werkblad sightings in one analyst's private layer. */
export function assignLayerDoc(doc: Y.Doc, mediaId: string): number {
  let n = assignEntries(doc.getMap(docKeys.observations), 'start', mediaId);
  const entries = doc.getMap(docKeys.worksheet).get('entries');
  if (entries instanceof Y.Map) {
    entries.forEach((entry) => {
      const seen = entry instanceof Y.Map ? entry.get('seen') : undefined;
      if (seen instanceof Y.Map) n += assignEntries(seen, 'at', mediaId);
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
    const mediaId = soleMediaId(recordingFilesOf(app.repos.media, cycleId));
    if (mediaId === null) return;
    await app.collab.withDoc(cycleDocName(cycleId), (doc) => assignCycleDoc(doc, mediaId));
    await app.collab.withDoc(interviewDocName(cycleId), (doc) => assignFragmentRefs(doc.getXmlFragment(docKeys.interviewReport), mediaId));
    for (const userId of app.repos.docMigrations.layerUserIds(cycleId)) {
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
    for (const userId of app.repos.docMigrations.layerUserIds(cycleId)) {
      await app.collab.withDoc(layerDocName(cycleId, userId), (doc) => retireTouchpoints(doc.getMap(docKeys.observations)));
    }
  },
};

export const docMigrations: readonly DocMigration[] = [recordingRefsMigration, touchpointMigration];

/** Runs every migration not yet done over every cycle, then records it as done. */
export async function runDocMigrations(app: FastifyInstance, migrations: readonly DocMigration[] = docMigrations): Promise<void> {
  for (const m of migrations) {
    if (app.repos.docMigrations.isDone(m.name)) continue;
    for (const cycleId of app.repos.docMigrations.cycleIds()) await m.run(app, cycleId);
    app.repos.docMigrations.markDone(m.name);
    app.log.info({ migration: m.name }, 'document migration done');
  }
}
