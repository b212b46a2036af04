// Walks the audit log's hash chain and reports rows that were removed or altered outside the
// application (SPEC.md AUDIT-3). Exit code 0: the chain is intact; 1: it is not.
// Usage: npm run audit:verify [-- --db path/to/kijkruimte.sqlite]   (default: the configured data
// directory, or the PostgreSQL database of DATABASE_URL when that is set)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config/index.ts';
import { verifyAuditChainSql, type ChainReport } from '../server/storage/audit-chain.ts';
import { verifyAuditLog } from '../server/storage/audit-verify.ts';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const config = loadConfig();

async function verify(): Promise<ChainReport> {
  if (values.db || !config.databaseUrl) return verifyAuditLog(values.db ?? path.join(config.dataDir, 'kijkruimte.sqlite'));
  const { PostgresSql } = await import('../server/storage/postgres-sql.ts');
  const db = await PostgresSql.connect(config.databaseUrl);
  try {
    // Read-only: one snapshot for the whole walk, so rows appended meanwhile do not count as a tail.
    return await db.transaction(async (tx) => {
      await tx.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return verifyAuditChainSql(tx);
    });
  } finally {
    await db.close();
  }
}

const report = await verify();
if (report.problems.length === 0) {
  console.log(`Auditlog intact: ${report.rows} regels, laatste hash ${report.head}`);
  process.exit(0);
}
const explain: Record<string, string> = {
  altered: 'gewijzigd (inhoud past niet bij de hash)',
  broken_link: 'keten verbroken (een regel ervoor is verwijderd of tussengevoegd)',
  gap: 'nummering onderbroken (regels verwijderd)',
  missing_tail: 'regels aan het eind verwijderd (hoogste uitgegeven nummer)',
};
console.error(`Auditlog NIET intact: ${report.problems.length} probleem/problemen in ${report.rows} regels`);
for (const p of report.problems) console.error(`  regel ${p.id}: ${explain[p.kind] ?? p.kind}`);
process.exit(1);
