import type { Repos } from '../plugins/db.ts';
import { hashPassword } from './passwords.ts';

export const demoPassword = 'demo-wachtwoord';

export const demoAccounts = [
  { email: 'klantmanager@kijkruimte.example', name: 'Sanne de Vries', role: 'klantmanager' },
  { email: 'onderzoeker1@kijkruimte.example', name: 'Ahmed Benali', role: 'onderzoeker 1' },
  { email: 'onderzoeker2@kijkruimte.example', name: 'Ineke Jansen', role: 'onderzoeker 2' },
  { email: 'collega@kijkruimte.example', name: 'Joost Bakker', role: 'collega (intervisie)' },
  { email: 'beheerder@kijkruimte.example', name: 'Beheerder Demo', role: 'beheerder' },
] as const;

/**
 * Seeds the demo workspace on the first start in demo mode (only when there are no users yet):
 * five accounts and one cycle owned by the klantmanager with both researchers as members.
 * Returns the demo cycle's id, or null when nothing was seeded.
 */
export async function seedDemo(repos: Repos): Promise<string | null> {
  if ((await repos.users.total()) > 0) return null;
  const hash = await hashPassword(demoPassword);
  const orgId = await repos.users.createOrganisation('Gemeente Voorbeeld (demo)');
  const created = [];
  for (const a of demoAccounts) {
    created.push(await repos.users.create({ orgId, email: a.email, name: a.name, passwordHash: hash, isAdmin: a.role === 'beheerder' }));
  }
  const [km, r1, r2] = created;
  const cycle = await repos.cycles.create({
    orgId,
    ownerId: km!.id,
    title: 'Gesprek met cliënt A — eerste opname',
    counterpart: 'cliënt A',
  });
  await repos.cycles.addMember(cycle.id, r1!.id, 'researcher', km!.id);
  await repos.cycles.addMember(cycle.id, r2!.id, 'researcher', km!.id);
  return cycle.id;
}
