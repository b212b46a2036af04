import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import {
  addAgendaItem,
  agendaOf,
  deleteAgendaItem,
  groupAgenda,
  linkFragment,
  listAgenda,
  moveAgendaItem,
  setAgendaDone,
  setAgendaText,
} from '../../shared/domain/cycle-doc/index.ts';
import { agendaSectionIds, pillarIds } from '../../shared/kijkwijzer/reflection.ts';
import { connectProvider, disconnectFully, waitForDocs, waitForSynced } from '../helpers/providers.ts';
import { randomInt, seededRandom } from '../helpers/random.ts';
import { startProtocolServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.close();
  server = undefined;
});

const snapshot = (p: WebsocketProvider): string => JSON.stringify(groupAgenda(listAgenda(agendaOf(p.doc))));

describe('AGENDA-1 the agenda converges under concurrent edits from three clients', () => {
  it.each([5, 6])('ordering, grouping by section/pillar and fragment links converge (seed %i)', async (seed) => {
    server = await startProtocolServer();
    const rand = seededRandom(seed);
    for (let i = 0; i < 3; i++) providers.push(connectProvider(server.wsUrl, `agenda-${seed}`));
    await Promise.all(providers.map(waitForSynced));
    // Two people link different fragments to the same item at the same time: both links must stay.
    const shared = addAgendaItem(agendaOf(providers[0]!.doc), { section: 'fragmenten', text: 'terugkijken fragment 6:00–6:30' });
    await waitForDocs(providers.map((p) => p.doc), () => providers.every((p) => agendaOf(p.doc).has(shared)));

    const linkedByAnyone: string[] = [];
    for (let round = 0; round < 8; round++) {
      const offline = providers[randomInt(rand, 3)]!;
      await disconnectFully(offline);
      for (let k = 0; k < 15; k++) {
        const who = randomInt(rand, 3);
        const map = agendaOf(providers[who]!.doc);
        const items = listAgenda(map);
        const pick = items[randomInt(rand, Math.max(1, items.length))];
        const op = randomInt(rand, 7);
        const section = agendaSectionIds[randomInt(rand, agendaSectionIds.length)]!;
        if (op === 0 || !pick) addAgendaItem(map, { section, text: `p${who}r${round}k${k}`, pillar: pillarIds[randomInt(rand, 3)]! });
        else if (op === 1 || op === 2) moveAgendaItem(map, pick.id, section, items[randomInt(rand, items.length)]?.id ?? null);
        else if (op === 3) setAgendaDone(map, pick.id, !pick.done);
        else if (op === 4) setAgendaText(map, pick.id, `${pick.text}!`);
        else if (op === 5) {
          linkFragment(map, shared, `frag-${who}-${round}-${k}`);
          linkedByAnyone.push(`frag-${who}-${round}-${k}`);
        }
        else if (pick.id !== shared) deleteAgendaItem(map, pick.id);
      }
      offline.connect();
      await waitForSynced(offline);
    }
    const docs = providers.map((p) => p.doc);
    await waitForDocs(docs, () => new Set(providers.map(snapshot)).size === 1);
    const items = listAgenda(agendaOf(providers[0]!.doc));
    // Every item exactly once, in exactly one section; all concurrent fragment links kept.
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const grouped = groupAgenda(items);
    expect(Object.values(grouped).reduce((n, g) => n + g.length, 0)).toBe(items.length);
    expect(linkedByAnyone.length).toBeGreaterThan(3);
    expect(items.find((i) => i.id === shared)!.fragmentIds).toEqual([...linkedByAnyone].sort());
  });
});
