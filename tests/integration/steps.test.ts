import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanStepState } from '../../shared/domain/plan.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';

/** The stappenplan with dates (STEPS-*), over real HTTP with a real SQLite database. */
let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

async function call(role: Role, method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown) {
  return fx.app.inject({
    method,
    url,
    headers: { ...fx.headersFor(role), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}
const steps = (cycleId: string) => `/api/cycles/${cycleId}/steps`;
const stepOf = (list: PlanStepState[], id: string) => list.find((s) => s.id === id)!;

describe('STEPS-1 the stappenplan of a cycle', () => {
  it('lists the method’s steps in order, all "nog te doen" without a date at first', async () => {
    const res = await call('researcher', 'GET', steps(fx.cycleId));
    expect(res.statusCode).toBe(200);
    const list = res.json().steps as PlanStepState[];
    expect(list.map((s) => s.id)).toEqual(['opname', 'intake', 'analyse', 'clientInterview', 'reflectie', 'aandachtspunten', 'vervolg']);
    expect(list.every((s) => s.status === 'todo' && s.date === null)).toBe(true);
  });

  it('the owner sets status and date; every member reads them', async () => {
    const res = await call('owner', 'PUT', `${steps(fx.cycleId)}/reflectie`, { status: 'bezig', date: '2026-12-10' });
    expect(res.statusCode).toBe(200);
    for (const role of ['owner', 'researcher', 'colleague'] as const) {
      const list = (await call(role, 'GET', steps(fx.cycleId))).json().steps as PlanStepState[];
      expect(stepOf(list, 'reflectie')).toMatchObject({ status: 'bezig', date: '2026-12-10' });
    }
  });

  it('refuses everyone but the owner, and changes nothing', async () => {
    for (const role of ['researcher', 'colleague', 'outsider', 'admin', 'anonymous'] as const) {
      const res = await call(role, 'PUT', `${steps(fx.cycleId)}/reflectie`, { status: 'klaar', date: '2027-01-01' });
      expect([401, 403], role).toContain(res.statusCode);
    }
    const list = (await call('owner', 'GET', steps(fx.cycleId))).json().steps as PlanStepState[];
    expect(stepOf(list, 'reflectie')).toMatchObject({ status: 'bezig', date: '2026-12-10' });
    // Not a member: not even reading.
    expect((await call('outsider', 'GET', steps(fx.cycleId))).statusCode).toBe(403);
  });

  it('refuses bad input with a stable code and a Dutch message, changing nothing', async () => {
    const bad = [
      { step: 'reflectie', body: { status: 'klaar', date: '2026-02-31' }, code: 'validation_failed' },
      { step: 'reflectie', body: { status: 'klaar', date: '10-12-2026' }, code: 'validation_failed' },
      { step: 'reflectie', body: { status: 'misschien' }, code: 'validation_failed' },
      { step: 'reflectie', body: { status: 'klaar', extra: 1 }, code: 'validation_failed' },
      // A step without a date in the method gets none.
      { step: 'analyse', body: { status: 'klaar', date: '2026-12-01' }, code: 'validation_failed' },
      // Skipping is a decision: it needs a reason.
      { step: 'clientInterview', body: { status: 'overgeslagen', reason: '  ' }, code: 'validation_failed' },
      { step: 'bestaatniet', body: { status: 'klaar' }, code: 'not_found' },
    ];
    for (const b of bad) {
      const res = await call('owner', 'PUT', `${steps(fx.cycleId)}/${b.step}`, b.body);
      expect(res.json().error.code, JSON.stringify(b)).toBe(b.code);
      expect(res.json().error.message).toMatch(/[a-z]/);
    }
    const list = (await call('owner', 'GET', steps(fx.cycleId))).json().steps as PlanStepState[];
    expect(stepOf(list, 'reflectie')).toMatchObject({ status: 'bezig', date: '2026-12-10' });
    expect(stepOf(list, 'clientInterview').status).toBe('todo');
  });
});

describe('STEPS-2 Mijn cycli shows the next date and sorts by it', () => {
  it('the earliest date of a step still to come, soonest cycle first', async () => {
    const orgId = (await fx.app.repos.users.get(fx.userIds.owner))!.org_id;
    const undatedCycle = await fx.app.repos.cycles.create({ orgId, ownerId: fx.userIds.owner, title: 'Zonder datum', counterpart: '' });
    const later = await fx.app.repos.cycles.create({ orgId, ownerId: fx.userIds.owner, title: 'Later', counterpart: '' });
    const sooner = await fx.app.repos.cycles.create({ orgId, ownerId: fx.userIds.owner, title: 'Eerder', counterpart: '' });
    await call('owner', 'PUT', `${steps(later.id)}/vervolg`, { status: 'todo', date: '2027-03-01' });
    await call('owner', 'PUT', `${steps(sooner.id)}/vervolg`, { status: 'todo', date: '2026-12-20' });
    await call('owner', 'PUT', `${steps(sooner.id)}/opname`, { status: 'klaar', date: '2026-11-01' });
    const cycles = (await call('owner', 'GET', '/api/cycles')).json().cycles as { id: string; nextDate: string | null; nextStep: string | null }[];
    const ids = cycles.map((c) => c.id);
    // fx.cycleId's reflectiegesprek (10 Dec) comes before 20 Dec; a done step's date is past.
    expect(ids.indexOf(fx.cycleId)).toBeLessThan(ids.indexOf(sooner.id));
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(cycles.find((c) => c.id === sooner.id)).toMatchObject({ nextDate: '2026-12-20', nextStep: 'vervolg' });
    expect(cycles.find((c) => c.id === fx.cycleId)).toMatchObject({ nextDate: '2026-12-10', nextStep: 'reflectie' });
    // Cycles without a date come after every cycle with one.
    expect(ids.indexOf(undatedCycle.id)).toBeGreaterThan(ids.indexOf(later.id));
    expect(cycles.find((c) => c.id === undatedCycle.id)).toMatchObject({ nextDate: null, nextStep: null });
  });
});

describe('STEPS-3 "Geen cliëntinterview" is a recorded decision with a reason', () => {
  it('the owner records it; the stappenplan keeps the reason for every member', async () => {
    const res = await call('owner', 'PUT', `${steps(fx.cycleId)}/clientInterview`, { status: 'overgeslagen', reason: 'Beter om af te zien: de cliënt is nu te kwetsbaar' });
    expect(res.statusCode).toBe(200);
    const list = (await call('researcher', 'GET', steps(fx.cycleId))).json().steps as PlanStepState[];
    expect(stepOf(list, 'clientInterview')).toMatchObject({ status: 'overgeslagen', reason: 'Beter om af te zien: de cliënt is nu te kwetsbaar' });
  });

  it('the export says so where the interview would be', async () => {
    const model = (await call('owner', 'GET', `/api/cycles/${fx.cycleId}/export.json`)).json();
    expect(model.interview).toEqual({ included: false, reason: 'Geen cliëntinterview: Beter om af te zien: de cliënt is nu te kwetsbaar' });
  });

  it('an archived cycle refuses changes to its plan', async () => {
    const orgId = (await fx.app.repos.users.get(fx.userIds.owner))!.org_id;
    const c = await fx.app.repos.cycles.create({ orgId, ownerId: fx.userIds.owner, title: 'Archief', counterpart: '' });
    await fx.app.repos.cycles.updateCycle(c.id, { status: 'archived' });
    const res = await call('owner', 'PUT', `${steps(c.id)}/reflectie`, { status: 'klaar' });
    expect(res.json().error.code).toBe('cycle_archived');
  });
});
