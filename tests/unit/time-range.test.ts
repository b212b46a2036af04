import { describe, expect, it } from 'vitest';
import { parseTimeRange } from '../../shared/domain/cycle-doc/time-range.ts';

const ok = (text: string, duration?: number) => {
  const r = parseTimeRange(text, duration);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return [r.start, r.end];
};
const error = (text: string, duration?: number): string => {
  const r = parseTimeRange(text, duration);
  if (r.ok) throw new Error(`${text} was accepted`);
  return r.error;
};

describe('FRAGMENT-1 a typed time range', () => {
  it.each([
    ['6:00–6:30', [360, 390]],
    ['6.00-6.30', [360, 390]],
    ['6:00 - 6:30', [360, 390]],
    ['06:00 — 06:30', [360, 390]],
    ['6:00 tot 6:30', [360, 390]],
    ['minuut 6:00 – 6:30', [360, 390]],
    ['min. 6:00-6:30', [360, 390]],
    ['1:02:03–1:02:30', [3723, 3750]],
    ['59:50-1:00:10', [3590, 3610]],
    ['360-390', [360, 390]],
    ['0:02 - 0:04', [2, 4]],
    ['  6:00–6:30  ', [360, 390]],
    ['6:00,5-6:01', [360.5, 361]],
  ])('reads "%s"', (text, expected) => {
    expect(ok(text)).toEqual(expected);
  });

  it('says in Dutch what is wrong', () => {
    expect(error('')).toMatch(/^Typ een begin en een eind/);
    expect(error('6:00')).toMatch(/Typ ook het eind/);
    expect(error('6:00-')).toMatch(/Het eind ontbreekt/);
    expect(error('-6:30')).toMatch(/Het begin ontbreekt/);
    expect(error('6:00-6:30-7:00')).toMatch(/één begin en één eind/);
    expect(error('zes-zeven')).toBe('"zes" is geen tijd. Schrijf minuten en seconden, zoals 6:00 of 6.00.');
    expect(error('6:00-6:75')).toMatch(/^"6:75" is geen tijd/);
    expect(error('6:30-6:00')).toBe('Het eind (06:00) moet na het begin (06:30) liggen.');
    expect(error('6:00-6:00')).toMatch(/moet na het begin/);
    expect(error('0:05-0:20', 10)).toBe('Het eind ligt na het einde van de opname (00:10).');
    expect(error('0:12-0:20', 10)).toMatch(/Het begin ligt na het einde/);
  });

  it('allows the end at the (rounded) end of the recording', () => {
    expect(ok('0:05-0:10', 9.6)).toEqual([5, 10]);
  });
});

describe('FRAGMENT-2 a fragment is changed afterwards', () => {
  it('changes start, end, name and file; refuses a patch that would put the end before the start', async () => {
    const Y = await import('yjs');
    const { addFragment, fragmentsOf, listFragments, updateFragment } = await import('../../shared/domain/cycle-doc/fragments.ts');
    const doc = new Y.Doc();
    const map = fragmentsOf(doc);
    const id = addFragment(map, { mediaId: 'm1', start: 360, end: 390, label: 'oud', createdBy: 'u' });
    expect(updateFragment(map, id, { start: 361, end: 395, label: 'nieuw', mediaId: 'm2' })).toBe(true);
    expect(listFragments(map)[0]).toMatchObject({ start: 361, end: 395, label: 'nieuw', mediaId: 'm2' });
    expect(updateFragment(map, id, { start: 400 })).toBe(false);
    expect(updateFragment(map, id, { end: 300 })).toBe(false);
    expect(updateFragment(map, 'missing', { label: 'x' })).toBe(false);
    expect(listFragments(map)[0]).toMatchObject({ start: 361, end: 395 });
  });
});
