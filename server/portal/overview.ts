import type { FastifyInstance } from 'fastify';
import { consentUseLabels, consentUses } from '../../shared/domain/consent.ts';
import type { PortalAccess, PortalOverview, PortalUse } from '../../shared/portal/protocol.ts';
import type { RecordingRow } from '../storage/media.ts';

const roleWords: Record<string, string> = { owner: 'klantmanager', researcher: 'onderzoeker', colleague: 'collega' };
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * What the client sees of their recording (PORTAL-4): the decision per use and since when, who
 * watched or exported it by role and first name only, the retention date, and their receipts.
 * Nothing else about the cycle or the people in it leaves the server.
 */
export function portalOverview(app: FastifyInstance, rec: RecordingRow, sessionExpiresAt: number): PortalOverview {
  const { repos } = app;
  const current = repos.media.currentConsent(rec.id);
  const history = repos.media.consentHistory(rec.id);
  const uses: PortalUse[] = consentUses.map((use) => {
    let since: string | null = null;
    for (const e of history) {
      if (!e.changed.includes(use)) continue;
      since = e.kind === 'recorded' && e.consentDate ? e.consentDate : isoDay(e.at);
    }
    return { use, label: consentUseLabels[use], granted: current?.decisions[use] ?? false, since };
  });
  const access: PortalAccess[] = repos.portal.accessOf(rec.cycle_id, rec.id).map((row) => ({
    at: row.at,
    kind: row.action === 'media_played' ? 'watched' : 'exported',
    // A person who has since left the cycle keeps a neutral role word.
    role: roleWords[row.role ?? ''] ?? 'oud-deelnemer',
    firstName: (row.name ?? '').trim().split(/\s+/)[0] || 'onbekend',
  }));
  return {
    recording: { label: rec.label, erased: rec.erased_at !== null, erasedAt: rec.erased_at },
    consentRecorded: current !== null,
    uses,
    retentionUntil: current?.details.retention_until ?? null,
    access,
    receipts: repos.portal.receiptsOf(rec.id),
    sessionExpiresAt,
  };
}
