import type { FastifyInstance } from 'fastify';
import { partRules, type PartId } from '../../shared/access/rules.ts';
import { cycleDocName, type EditGroup } from '../../shared/domain/access.ts';
import { auditActionLabels, type AccessLogEntry, type AuditActionId } from '../../shared/domain/audit.ts';
import { accessLogQuery } from '../../shared/protocol/http.ts';
import { access } from '../auth/access.ts';
import { parse } from '../plugins/validate.ts';
import type { AuditAction, CycleAuditRow } from '../storage/audit.ts';

type IdParams = { Params: { id: string } };

// Every action the server records has a Dutch label, and every label is an action (compile time).
const sameActions: [AuditAction] extends [AuditActionId] ? ([AuditActionId] extends [AuditAction] ? true : never) : never = true;
void sameActions;

const mediaActions = new Set<string>([
  'recording_created', 'media_upload_started', 'media_uploaded', 'media_refused', 'media_played', 'media_erased',
  'consent_recorded', 'consent_withdrawn', 'consent_form_uploaded', 'consent_form_viewed', 'streams_cut',
  'transcript_imported', 'transcript_exported', 'transcript_deleted',
  'client_code_issued', 'client_form_downloaded', 'client_portal_opened', 'client_portal_viewed', 'client_receipt_viewed', 'erasure_receipt_issued',
]);
const memberActions = new Set<string>(['member_added', 'member_removed', 'user_created', 'worksheet_shared', 'worksheet_viewed']);
const partLabel = (part: unknown): string | null => (typeof part === 'string' && Object.hasOwn(partRules, part) ? partRules[part as PartId].label : null);
const CSV_MAX_ROWS = 10_000;

/**
 * "Wie heeft toegang gehad" for the owner: filtered and paged on the server, with what each entry
 * was about in words ("Betreft"): the recording's label for media actions, the document or part
 * for document actions, the person for member changes. Identifiers never reach the page.
 */
export async function accessLogRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  const subjectResolver = async (cycleId: string) => {
    const recordings = new Map((await repos.media.recordingsOf(cycleId)).map((r) => [r.id, r.label]));
    const names = new Map((await repos.cycles.listMembers(cycleId)).map((m) => [m.userId, m.name]));
    const recordingOf = async (id: string | null): Promise<string | null> => {
      if (!id) return null;
      if (recordings.has(id)) return recordings.get(id)!;
      const file = await repos.media.media(id);
      return file ? (recordings.get(file.recording_id) ?? null) : null;
    };
    const documentLabel = async (docName: string): Promise<string> => {
      const m = /:(interview|layer:(.+))$/.exec(docName.replace(/^WS /, ''));
      if (!m) return 'het gedeelde cyclusdocument';
      if (m[1] === 'interview') return 'het interview met de cliënt';
      const owner = names.get(m[2]!) ?? (await repos.users.get(m[2]!))?.name;
      return owner ? `de eigen analyse van ${owner}` : 'een eigen analyse';
    };
    return async (row: CycleAuditRow): Promise<string | null> => {
      if (memberActions.has(row.action)) return row.targetName ?? (row.target ? names.get(row.target) ?? 'voormalig deelnemer' : null);
      if (mediaActions.has(row.action)) {
        const fromDetail = typeof row.detail?.['recordingId'] === 'string' ? row.detail['recordingId'] : null;
        return (await recordingOf(row.target)) ?? (await recordingOf(fromDetail)) ?? 'een gewiste opname';
      }
      if (row.action === 'account_requested') return row.target;
      if (row.action === 'write_refused') {
        const part = partLabel(row.detail?.['part']);
        return part ? `${part} (${await documentLabel(row.target ?? '')})` : await documentLabel(row.target ?? '');
      }
      if (row.action === 'document_opened' && row.target) return await documentLabel(row.target);
      if (row.action === 'access_denied' && row.target?.startsWith('WS ')) return await documentLabel(row.target);
      if (row.action === 'cycle_exported' && typeof row.detail?.['format'] === 'string') return `export (${row.detail['format']})`;
      return null;
    };
  };

  const toEntries = async (cycleId: string, rows: CycleAuditRow[]): Promise<AccessLogEntry[]> => {
    const subject = await subjectResolver(cycleId);
    // The client has no account: what they did in the portal is logged as theirs (PORTAL-5).
    const actorName = (r: CycleAuditRow) => r.actorName ?? (r.detail?.['by'] === 'client' ? 'de cliënt' : null);
    const out: AccessLogEntry[] = [];
    for (const r of rows) out.push({ id: r.id, at: r.at, actorId: r.actorId, actorName: actorName(r), action: r.action, outcome: r.outcome, subject: await subject(r) });
    return out;
  };

  app.get<IdParams>('/api/cycles/:id/audit', { config: { access: access.owner } }, async (request) => {
    const { id } = request.params;
    const q = parse(accessLogQuery, request.query);
    const { rows, total } = await repos.auditQueries.pageForCycle(id, { actorId: q.person, action: q.action, from: q.from, to: q.to }, q.pageSize, (q.page - 1) * q.pageSize);
    return { entries: await toEntries(id, rows), total, page: q.page, pageSize: q.pageSize, edits: await editGroups(app, id) };
  });

  app.get<IdParams>('/api/cycles/:id/audit.csv', { config: { access: access.owner } }, async (request, reply) => {
    const { id } = request.params;
    const q = parse(accessLogQuery, request.query);
    const { rows } = await repos.auditQueries.pageForCycle(id, { actorId: q.person, action: q.action, from: q.from, to: q.to }, CSV_MAX_ROWS, 0);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'access_log_exported', cycleId: id, detail: { rows: rows.length } });
    const lines = [['tijdstip', 'persoon', 'actie', 'betreft', 'resultaat']];
    for (const e of await toEntries(id, rows)) {
      lines.push([
        new Date(e.at).toISOString(),
        e.actorName ?? 'onbekend',
        auditActionLabels[e.action as AuditActionId] ?? e.action,
        e.subject ?? '',
        e.outcome === 'allowed' ? 'toegestaan' : 'geweigerd',
      ]);
    }
    // A BOM so that spreadsheet programs read the accents as UTF-8.
    const body = `\uFEFF${lines.map((l) => l.map(csvCell).join(';')).join('\r\n')}\r\n`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="toegang.csv"')
      .send(body);
  });
}

/** Quotes a cell, and defuses spreadsheet formulas ("=…") that a name could smuggle in. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "Wie wijzigde wat": per person and hour, the parts they changed in the shared document. */
async function editGroups(app: FastifyInstance, cycleId: string): Promise<EditGroup[]> {
  const { repos } = app;
  const names = new Map((await repos.cycles.listMembers(cycleId)).map((m) => [m.userId, m.name]));
  const groups = new Map<string, EditGroup>();
  for (const e of await app.collab.edits(cycleDocName(cycleId))) {
    const key = `${e.userId}\u0000${e.hour}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { userId: e.userId, name: names.get(e.userId) ?? (await repos.users.get(e.userId))?.name ?? null, hour: e.hour, parts: [], updates: 0 }));
    g.parts.push(e.part);
    g.updates += e.updates;
  }
  return [...groups.values()];
}
