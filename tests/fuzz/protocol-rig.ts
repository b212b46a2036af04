import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { connectProvider, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import { startProtocolServer, type TestServer } from '../helpers/server.ts';
import { within } from './mutate.ts';
import { buildCorpus, cycleEdits, HANG_MS, openEdits, type ProtocolFuzzOptions, type ProtocolTarget } from './protocol.ts';

/**
 * The servers FUZZ-1 runs against: the open protocol server (anonymous rooms, any root type) and
 * the real application with sessions (owner, researcher and colleague on a cycle document, and a
 * researcher on an archived cycle, where every change is refused). Shared by the CI test and
 * `npm run fuzz`.
 */
export interface ProtocolRig {
  targets: ProtocolTarget[];
  checks: ProtocolFuzzOptions['checks'];
  /** The rooms that only received refused input, compared with their state before the run. */
  unchanged(): Promise<{ room: string; same: boolean }[]>;
  close(): Promise<void>;
}

interface Frozen {
  room: string;
  read: () => Promise<Y.Doc>;
  before: Uint8Array;
}

const stateOf = (doc: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(doc);

export async function startProtocolRig(): Promise<ProtocolRig> {
  const open: TestServer = await startProtocolServer();
  const fx: AccessFixture = await accessFixture();
  const providers: WebsocketProvider[] = [];
  try {
    // A bystander room on the open server that must keep converging throughout.
    const a = connectProvider(open.wsUrl, 'bystander');
    const b = connectProvider(open.wsUrl, 'bystander');
    providers.push(a, b);
    await Promise.all([waitForSynced(a), waitForSynced(b)]);

    // Rooms whose stored state is compared after the run.
    await open.app.collab.withDoc('fuzz-refused', (doc) => doc.getText('t').insert(0, 'echtheid en gezamenlijk doel'));
    const { repos } = fx.app;
    const owner = (await repos.users.get(fx.userIds.owner))!;
    const archived = await repos.cycles.create({ orgId: owner.org_id, ownerId: fx.userIds.owner, title: 'Gearchiveerd', counterpart: 'cliënt C' });
    await repos.cycles.addMember(archived.id, fx.userIds.researcher, 'researcher', fx.userIds.owner);
    await fx.app.collab.withDoc(cycleDocName(archived.id), (doc) => doc.getMap('evaluation').set('zaad', 'vastgelegd vóór het archiveren'));
    await repos.cycles.updateCycle(archived.id, { status: 'archived' });
    const frozen: Frozen[] = [];
    const freeze = async (room: string, read: () => Promise<Y.Doc>) => frozen.push({ room, read, before: stateOf(await read()) });
    await freeze('fuzz-refused', () => open.app.collab.readDoc('fuzz-refused'));
    await freeze(cycleDocName(archived.id), () => fx.app.collab.readDoc(cycleDocName(archived.id)));

    const openCorpus = buildCorpus(openEdits);
    const cycleCorpus = buildCorpus(cycleEdits);
    const cycleUrl = `${fx.wsUrl}/${cycleDocName(fx.cycleId)}`;
    const targets: ProtocolTarget[] = [
      ...[0, 1, 2, 3].map((n) => ({ label: `open room ${n}`, url: `${open.wsUrl}/fuzz-${n}`, headers: () => ({}), corpus: openCorpus, weight: 1 })),
      { label: 'open room, refused input only', url: `${open.wsUrl}/fuzz-refused`, headers: () => ({}), corpus: openCorpus, refusedOnly: true, weight: 0.5 },
      { label: 'cycle as owner', url: cycleUrl, headers: () => fx.headersFor('owner'), corpus: cycleCorpus, weight: 0.5 },
      { label: 'cycle as researcher', url: cycleUrl, headers: () => fx.headersFor('researcher'), corpus: cycleCorpus, weight: 0.5 },
      { label: 'cycle as colleague', url: cycleUrl, headers: () => fx.headersFor('colleague'), corpus: cycleCorpus, weight: 0.5 },
      {
        label: 'archived cycle as researcher',
        url: `${fx.wsUrl}/${cycleDocName(archived.id)}`,
        headers: () => fx.headersFor('researcher'),
        corpus: cycleCorpus,
        weight: 0.5,
      },
    ];

    let round = 0;
    const health = async (url: string): Promise<void> => {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(HANG_MS) });
      if (res.status !== 200) throw new Error(`/api/health answered ${res.status}`);
    };
    const checks: ProtocolFuzzOptions['checks'] = {
      every: 5_000,
      async run() {
        const n = round++;
        await Promise.all([health(open.url), health(fx.url)]);
        a.doc.getMap('m').set(`ronde ${n}`, n);
        await within(
          waitForDoc(b.doc, () => b.doc.getMap('m').get(`ronde ${n}`) === n),
          HANG_MS,
          'the bystander room converging',
        );
      },
    };

    return {
      targets,
      checks,
      async unchanged() {
        const out: { room: string; same: boolean }[] = [];
        for (const f of frozen) out.push({ room: f.room, same: Buffer.from(stateOf(await f.read())).equals(Buffer.from(f.before)) });
        return out;
      },
      async close() {
        for (const p of providers) p.destroy();
        await Promise.all([open.close(), fx.close()]);
      },
    };
  } catch (err) {
    for (const p of providers) p.destroy();
    await Promise.all([open.close(), fx.close()]);
    throw err;
  }
}
