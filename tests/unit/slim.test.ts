import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listSlim, mySlim, slimOf, slimSummary, slimVerdict, startSlim, updateSlim } from '../../shared/domain/cycle-doc/slim.ts';
import { roleIds, selfImageIds, slimMatches } from '../../shared/kijkwijzer/slim.ts';

describe('SLIM-1 the fit of role and logic with the client’s self-image', () => {
  it('every self-image has its one fitting role and logic; everything else is a mismatch', () => {
    for (const m of slimMatches) {
      const v = slimVerdict({ selfImage: m.selfImage, role: m.role, logic: m.logic });
      expect(v).toMatchObject({ role: 'match', logic: 'match' });
      expect(v.explanation).toMatch(/^Match: .*beweging/);
      for (const role of roleIds.filter((r) => r !== m.role && r !== 'anders')) {
        const w = slimVerdict({ selfImage: m.selfImage, role, logic: m.logic });
        expect(w.role, `${m.selfImage} × ${role}`).toBe('mismatch');
        // The seeds: a mismatch brings resistance, dropping out, freezing or stagnation — and a hint.
        expect(w.explanation).toMatch(/^Mismatch: .*weerstand, afhaken, verstarring of stagnatie/);
        expect(w.explanation).toContain(`Bij "`);
      }
    }
  });

  it('"anders" or nothing chosen gives no verdict', () => {
    expect(slimVerdict({ selfImage: 'anders', role: 'leraar', logic: 'kansen' })).toMatchObject({ role: 'unknown', logic: 'unknown' });
    expect(slimVerdict({ selfImage: null, role: 'leraar', logic: null })).toMatchObject({ role: 'unknown', logic: 'unknown' });
    expect(slimVerdict({ selfImage: 'wilEnKan', role: 'anders', logic: null }).role).toBe('unknown');
    expect(selfImageIds).toContain('anders');
  });

  it('the seeds’ example: "ik wil wel, maar ik kan niet" met een facilitator is a mismatch; the leraar would fit', () => {
    const v = slimVerdict({ selfImage: 'wilMaarKanNiet', role: 'facilitator', logic: 'kansen' });
    expect(v).toMatchObject({ role: 'mismatch', logic: 'mismatch' });
    expect(v.explanation).toContain('past de rol leraar met de logica leren');
  });
});

describe('SLIM-1 one analysis per author in the cycle document', () => {
  it('starts, updates and reads an author’s analysis; a badly written entry is skipped', () => {
    const doc = new Y.Doc();
    const map = slimOf(doc);
    const id = startSlim(map, 'u1', 'Onderzoeker');
    updateSlim(map, id, { selfImage: 'opgegeven', role: 'ouderfiguur', logic: 'zelfsturing', evidence: ['f1'], note: 'Kleine stapjes' });
    const bad = new Y.Map<unknown>();
    doc.transact(() => map.set('kapot', bad));
    bad.set('author', 42);
    expect(listSlim(map)).toHaveLength(1);
    const mine = mySlim(map, 'u1')!;
    expect(mine).toMatchObject({ selfImage: 'opgegeven', role: 'ouderfiguur', logic: 'zelfsturing', evidence: ['f1'] });
    expect(slimSummary(mine)).toBe('Zelfbeeld: Ik heb het opgegeven, los jij het voor me op? · rol: Ouder-figuur · logica: (Zelf)sturing — Sluit aan');
    expect(mySlim(map, 'u2')).toBeUndefined();
  });
});
