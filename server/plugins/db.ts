import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AnonymousRefusals, AuditQueries, AuditRepo } from '../storage/audit.ts';
import { CycleErasureRepo } from '../storage/cycle-erasure.ts';
import { CyclesRepo } from '../storage/cycles.ts';
import { DocMigrationsRepo } from '../storage/doc-migrations.ts';
import { TabSessionsRepo } from '../storage/tab-sessions.ts';
import { FragmentLinksRepo } from '../storage/fragment-links.ts';
import { LayersRepo } from '../storage/layers.ts';
import { MediaRepo } from '../storage/media.ts';
import { PortalRepo } from '../storage/portal.ts';
import { SessionsRepo, type SessionPolicy } from '../storage/sessions.ts';
import { SharesRepo } from '../storage/shares.ts';
import { StepsRepo } from '../storage/steps.ts';
import { WorksheetSharesRepo } from '../storage/worksheet-shares.ts';
import { TokensRepo } from '../storage/tokens.ts';
import { TranscriptsRepo } from '../storage/transcripts.ts';
import type { SqlDb } from '../storage/sql.ts';
import { UsersRepo } from '../storage/users.ts';

export interface Repos {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  cycles: CyclesRepo;
  audit: AuditRepo;
  /** Anonymous refusals, aggregated per address and minute before they reach `audit`. */
  refusals: AnonymousRefusals;
  auditQueries: AuditQueries;
  media: MediaRepo;
  layers: LayersRepo;
  shares: SharesRepo;
  transcripts: TranscriptsRepo;
  /** Data migrations inside the documents that have run (TIMECODE-5). */
  docMigrations: DocMigrationsRepo;
  steps: StepsRepo;
  fragmentLinks: FragmentLinksRepo;
  tabSessions: TabSessionsRepo;
  /** The client's codes and erasure receipts (PORTAL-*). */
  portal: PortalRepo;
  worksheetShares: WorksheetSharesRepo;
  cycleErasure: CycleErasureRepo;
}

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repos;
  }
}

/** The repositories over one database (SQLite or PostgreSQL); its schema is already migrated. */
export function createRepos(db: SqlDb, sessionPolicy: SessionPolicy): Repos {
  const audit = new AuditRepo(db);
  return {
    users: new UsersRepo(db),
    sessions: new SessionsRepo(db, sessionPolicy),
    tokens: new TokensRepo(db),
    cycles: new CyclesRepo(db),
    audit,
    refusals: new AnonymousRefusals(audit),
    auditQueries: new AuditQueries(db),
    layers: new LayersRepo(db),
    shares: new SharesRepo(db),
    media: new MediaRepo(db),
    transcripts: new TranscriptsRepo(db),
    docMigrations: new DocMigrationsRepo(db),
    steps: new StepsRepo(db),
    fragmentLinks: new FragmentLinksRepo(db),
    tabSessions: new TabSessionsRepo(db),
    portal: new PortalRepo(db),
    worksheetShares: new WorksheetSharesRepo(db),
    cycleErasure: new CycleErasureRepo(db),
  };
}

/** Infrastructure: the repositories, shared by every feature plugin. */
export const dbPlugin = fp(
  async (app: FastifyInstance, opts: { repos: Repos }) => {
    app.decorate('repos', opts.repos);
  },
  { name: 'db' },
);
