// Copies an installation's SQLite data into an empty PostgreSQL database, for switching to
// DATABASE_URL (README "Switching an installation to PostgreSQL"). Stop the server first.
// Usage: KIJKRUIMTE_DATA_DIR=… DATABASE_URL=postgres://… npm run copy-to-postgres
import { loadConfig } from '../server/config/index.ts';
import { CopyRefused, copySqliteToPostgres } from '../server/storage/copy-to-postgres.ts';

const config = loadConfig();
if (!config.databaseUrl) {
  console.error('Zet DATABASE_URL op de (lege) PostgreSQL-database waar de gegevens naartoe moeten.');
  process.exit(2);
}
try {
  console.log(`Kopiëren van ${config.dataDir}/kijkruimte.sqlite naar PostgreSQL…`);
  const report = await copySqliteToPostgres({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onTable: (name, rows) => console.log(`  ${name}: ${rows} rijen`),
  });
  const total = report.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Klaar: ${total} rijen in ${report.tables.length} tabellen; de hash-keten van het auditlog (${report.auditEntries} regels) klopt.`);
  console.log('Start de server nu met DATABASE_URL, dezelfde KIJKRUIMTE_DATA_DIR (de hoofdsleutel) en dezelfde mediamap.');
} catch (err) {
  if (err instanceof CopyRefused) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(`Kopiëren mislukt; de PostgreSQL-database is niet gewijzigd: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
