import type { FastifyInstance } from 'fastify';
import { consentUseLabels, consentUses } from '../../shared/domain/consent.ts';
import { defaultCycleKind, kindProfile } from '../../shared/domain/cycle-kinds.ts';
import type { PortalAccess, PortalOverview, PortalUse } from '../../shared/portal/protocol.ts';
import type { RecordingRow } from '../storage/media.ts';

/** Role words of who watched; the owner is the professional of the cycle's kind (KIND-3). */
const roleWords = (professional: string): Record<string, string> => ({ owner: professional, researcher: 'onderzoeker', colleague: 'collega' });
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * What the client sees of their recording (PORTAL-4): the decision per use and since when, who
 * watched or exported it by role and first name only, the retention date, and their receipts.
 * Nothing else about the cycle or the people in it leaves the server.
 */
export async function portalOverview(app: FastifyInstance, rec: RecordingRow, sessionExpiresAt: number): Promise<PortalOverview> {
  const { repos } = app;
  const profile = kindProfile((await repos.cycles.get(rec.cycle_id))?.kind ?? defaultCycleKind);
  const words = roleWords(profile.professional);
  const current = await repos.media.currentConsent(rec.id);
  const history = await repos.media.consentHistory(rec.id);
  // Only the uses this kind of conversation asks about, in its words (a colleague is not "cliënt").
  const asked = consentUses.filter((use) => profile.consentUses[use] !== undefined);
  const uses: PortalUse[] = asked.map((use) => {
    let since: string | null = null;
    for (const e of history) {
      if (!e.changed.includes(use)) continue;
      since = e.kind === 'recorded' && e.consentDate ? e.consentDate : isoDay(e.at);
    }
    return { use, label: profile.consentUses[use] ?? consentUseLabels[use], granted: current?.decisions[use] ?? false, since };
  });
  const access: PortalAccess[] = (await repos.portal.accessOf(rec.cycle_id, rec.id)).map((row) => ({
    at: row.at,
    kind: row.action === 'media_played' ? 'watched' : 'exported',
    // A person who has since left the cycle keeps a neutral role word.
    role: words[row.role ?? ''] ?? 'oud-deelnemer',
    firstName: (row.name ?? '').trim().split(/\s+/)[0] || 'onbekend',
  }));
  return {
    recording: { label: rec.label, erased: rec.erased_at !== null, erasedAt: rec.erased_at },
    consentRecorded: current !== null,
    uses,
    retentionUntil: current?.details.retention_until ?? null,
    access,
    receipts: await repos.portal.receiptsOf(rec.id),
    sessionExpiresAt,
  };
}
