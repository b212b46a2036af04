import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCoreMoment, coreReflectionOf, hasCoreReflection, readCoreReflection, removeCoreMoment, setCoreAnswer } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { coreQuestionIds } from '../../shared/kijkwijzer/core-questions.ts';
import { formatTimeRef } from '../../shared/domain/cycle-doc/recording-refs.ts';

describe('SELF-3 the five core questions as a guided self-reflection', () => {
  it('lists all five in order, each with its answer and moments in time order', () => {
    const doc = new Y.Doc();
    const map = coreReflectionOf(doc);
    expect(readCoreReflection(map).map((a) => a.questionId)).toEqual([...coreQuestionIds]);
    expect(hasCoreReflection(readCoreReflection(map))).toBe(false);
    setCoreAnswer(map, 'hoe', 'Ik nam het over');
    const late = addCoreMoment(map, 'hoe', { at: 300, text: 'later' });
    addCoreMoment(map, 'hoe', { at: 12, text: 'eerst' });
    const view = readCoreReflection(map);
    expect(view.find((a) => a.questionId === 'hoe')).toMatchObject({ answer: 'Ik nam het over', moments: [{ at: 12, text: 'eerst' }, { at: 300, text: 'later' }] });
    expect(hasCoreReflection(view)).toBe(true);
    removeCoreMoment(map, 'hoe', late);
    expect(readCoreReflection(map).find((a) => a.questionId === 'hoe')!.moments).toHaveLength(1);
  });

  it('anything written badly by a peer reads as empty', () => {
    const doc = new Y.Doc();
    const map = coreReflectionOf(doc);
    map.set('kader', 'geen map');
    expect(readCoreReflection(map).find((a) => a.questionId === 'kader')).toEqual({ questionId: 'kader', answer: '', moments: [] });
  });
});

describe('SLIM-5 a core-question moment names its recording like every time code', () => {
  it('stores the file it was made on; a moment from before reads as unassigned', () => {
    const doc = new Y.Doc();
    const map = coreReflectionOf(doc);
    addCoreMoment(map, 'doel', { at: 360, text: 'hier', mediaId: 'file-2' });
    addCoreMoment(map, 'doel', { at: 30, text: 'oud' });
    const moments = readCoreReflection(map).find((a) => a.questionId === 'doel')!.moments;
    expect(moments.map((m) => [m.at, m.mediaId])).toEqual([[30, null], [360, 'file-2']]);
    const labels = new Map([['file-1', 'video 1'], ['file-2', 'video 2']]);
    expect(formatTimeRef(labels, moments[1]!.mediaId, moments[1]!.at)).toBe('video 2 · 06:00');
    expect(formatTimeRef(labels, moments[0]!.mediaId, moments[0]!.at)).toBe('opname onbekend · 00:30');
  });
});
