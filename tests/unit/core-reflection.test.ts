import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCoreMoment, coreReflectionOf, hasCoreReflection, readCoreReflection, removeCoreMoment, setCoreAnswer } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { coreQuestionIds } from '../../shared/kijkwijzer/core-questions.ts';

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
