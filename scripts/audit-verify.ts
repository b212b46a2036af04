// Walks the audit log's hash chain and reports rows that were removed or altered outside the
// application (SPEC.md AUDIT-3). Exit code 0: the chain is intact; 1: it is not.
// Usage: npm run audit:verify [-- --db path/to/kijkruimte.sqlite]   (default: the configured data directory)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config/index.ts';
import { verifyAuditLog } from '../server/storage/audit-verify.ts';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const file = values.db ?? path.join(loadConfig().dataDir, 'kijkruimte.sqlite');
const report = verifyAuditLog(file);
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
