import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addFocusTheme,
  addSighting,
  asWorksheet,
  readWorksheet,
  removeFocusTheme,
  removeSighting,
  setEntryText,
  setWatchWith,
  updateSighting,
  worksheetOf,
} from '../../shared/domain/cycle-doc/worksheet.ts';
import { validateWorksheet } from '../../shared/kijkwijzer/reflection.ts';

describe('werkblad in the private layer', () => {
  it('holds with whom, one to three themes, and per theme what I wonder, see and will change', () => {
    const ws = worksheetOf(new Y.Doc());
    expect(validateWorksheet(asWorksheet(readWorksheet(ws))).map((i) => i.code)).toEqual(['watchWithMissing', 'tooFewThemes']);

    setWatchWith(ws, ['collega', 'alleen']);
    expect(addFocusTheme(ws, 'echtheid')).toBe(true);
    expect(addFocusTheme(ws, 'echtheid')).toBe(false);
    expect(addFocusTheme(ws, 'doel')).toBe(true);
    expect(addFocusTheme(ws, 'emotie')).toBe(true);
    expect(addFocusTheme(ws, 'feedback')).toBe(false);
    setEntryText(ws, 'echtheid', 'wonder', 'Was zij echt eerlijk over de opleiding?');
    setEntryText(ws, 'echtheid', 'change', 'Eerder benoemen wat ik zie.');
    const late = addSighting(ws, 'echtheid', { at: 95, text: 'Zij kijkt weg' })!;
    addSighting(ws, 'echtheid', { at: 12, end: 20, text: 'Lacht als ze over haar dochter praat' });

    const view = readWorksheet(ws);
    // Watch-with choices come out in the worksheet's own order.
    expect(view.watchWith).toEqual(['alleen', 'collega']);
    expect(view.entries.map((e) => e.themeId)).toEqual(['echtheid', 'doel', 'emotie']);
    const echtheid = view.entries[0]!;
    expect(echtheid.wonder).toBe('Was zij echt eerlijk over de opleiding?');
    expect(echtheid.seen.map((s) => [s.at, s.end])).toEqual([[12, 20], [95, null]]);
    expect(validateWorksheet(asWorksheet(view))).toEqual([]);

    updateSighting(ws, 'echtheid', late, { at: 5, text: 'Kijkt weg' });
    expect(readWorksheet(ws).entries[0]!.seen.map((s) => s.text)).toEqual(['Kijkt weg', 'Lacht als ze over haar dochter praat']);
    removeSighting(ws, 'echtheid', late);
    removeFocusTheme(ws, 'doel');
    expect(readWorksheet(ws).entries.map((e) => [e.themeId, e.seen.length])).toEqual([['echtheid', 1], ['emotie', 0]]);
  });

  it('asks for the other person when "anders" is chosen, and ignores what a peer wrote badly', () => {
    const doc = new Y.Doc();
    const ws = worksheetOf(doc);
    setWatchWith(ws, ['anders']);
    addFocusTheme(ws, 'weerstand');
    expect(validateWorksheet(asWorksheet(readWorksheet(ws))).map((i) => i.code)).toEqual(['watchWithOtherMissing']);
    setWatchWith(ws, ['anders'], 'mijn teamleider');
    expect(validateWorksheet(asWorksheet(readWorksheet(ws)))).toEqual([]);

    ws.set('watchWith', ['alleen', 'iedereen', 3]);
    (ws.get('entries') as Y.Map<unknown>).set('geen-thema', new Y.Map());
    (ws.get('entries') as Y.Map<unknown>).set('doel', 'geen map');
    const view = readWorksheet(ws);
    expect(view.watchWith).toEqual(['alleen']);
    expect(view.entries.map((e) => e.themeId)).toEqual(['weerstand']);
  });

  it('converges when two tabs edit different fields of one theme', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addFocusTheme(worksheetOf(a), 'feedback');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setEntryText(worksheetOf(a), 'feedback', 'wonder', 'Vraag ik genoeg feedback?');
    setEntryText(worksheetOf(b), 'feedback', 'change', 'Aan het eind vragen: werken we goed samen?');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readWorksheet(worksheetOf(a))).toEqual(readWorksheet(worksheetOf(b)));
    expect(readWorksheet(worksheetOf(b)).entries[0]).toMatchObject({ wonder: 'Vraag ik genoeg feedback?', change: 'Aan het eind vragen: werken we goed samen?' });
  });
});
