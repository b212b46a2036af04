// Creates the first administrator (beheerder) of a non-demo installation and prints a one-time
// link to set the password. Usage: npm run create-admin -- --email a@b.nl --name "Naam" [--organisation "Gemeente X"]
import { parseArgs } from 'node:util';
import { createRepos } from '../server/plugins/db.ts';
import { loadConfig } from '../server/config/index.ts';
import { openRepoDb } from '../server/storage/open-repo-db.ts';
import { email as emailSchema } from '../shared/protocol/http.ts';

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' } },
});
const parsedEmail = emailSchema.safeParse(values.email);
if (!parsedEmail.success || !values.name) {
  console.error('Gebruik: npm run create-admin -- --email beheer@gemeente.nl --name "Naam" [--organisation "Gemeente"]');
  process.exit(2);
}
const config = loadConfig();
// The configured database: PostgreSQL with DATABASE_URL, else the data folder's SQLite file.
const db = await openRepoDb({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
const repos = createRepos(db, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs });
if (await repos.users.findByEmail(parsedEmail.data)) {
  console.error(`Er bestaat al een account met ${parsedEmail.data}.`);
  process.exit(1);
}
const orgId = await repos.users.firstOrganisation();
const user = await repos.users.create({
  orgId: orgId ?? (await repos.users.createOrganisation(values.organisation ?? 'Mijn organisatie')),
  email: parsedEmail.data,
  name: values.name,
  passwordHash: null,
  isAdmin: true,
});
const token = await repos.tokens.issue(user.id, 'invite', 7 * 24 * 3_600_000);
console.log(`Beheerder ${user.email} aangemaakt. Stel het wachtwoord in via (eenmalig, 7 dagen geldig):`);
console.log(`${config.publicUrl}/wachtwoord#token=${token}`);
await db.close();
