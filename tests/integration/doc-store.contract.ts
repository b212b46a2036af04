import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/storage/doc-store.ts';

/**
 * The storage contract every DocStore adapter must pass (SQLite and PostgreSQL).
 * `create` returns a fresh, empty store; `reopen` returns a new store over the same data;
 * `injectCompactionCrash` makes the next compaction fail half-way (after the log delete, before
 * the snapshot is written) and may be asynchronous (a server-side trigger takes a round trip).
 */
export interface StoreFactory {
  create(): Promise<{ store: DocStore; reopen(): Promise<DocStore>; injectCompactionCrash(): void | Promise<void> }>;
}

function textUpdates(n: number): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) doc.getText('t').insert(doc.getText('t').length, `${i % 10}`);
  return { updates, text: doc.getText('t').toString() };
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

export function describeDocStoreContract(name: string, factory: StoreFactory): void {
  describe(`STORE contract: ${name}`, () => {
    it('STORE-1 loads nothing for an unknown document', async () => {
      const { store } = await factory.create();
      const loaded = await store.load('unknown');
      expect(loaded.updates).toEqual([]);
      expect(loaded.logLength).toBe(0);
    });

    it('STORE-2 appends a batch across documents in order and keeps documents apart', async () => {
      const { store } = await factory.create();
      const a = textUpdates(5);
      const b = textUpdates(3);
      const seqs = await store.appendBatch([
        ...a.updates.map((update) => ({ docName: 'a', update })),
        ...b.updates.map((update) => ({ docName: 'b', update })),
      ]);
      expect(seqs).toHaveLength(8);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(textOf((await store.load('a')).updates)).toBe(a.text);
      expect(textOf((await store.load('b')).updates)).toBe(b.text);
      expect((await store.load('a')).logLength).toBe(5);
    });

    it('STORE-3 survives reopening (durable once appendBatch resolves)', async () => {
      const { store, reopen } = await factory.create();
      const a = textUpdates(20);
      await store.appendBatch(a.updates.map((update) => ({ docName: 'a', update })));
      const again = await reopen();
      expect(textOf((await again.load('a')).updates)).toBe(a.text);
    });

    it('STORE-4 compaction replaces the log by a snapshot and keeps later updates', async () => {
      const { store } = await factory.create();
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 10; i++) doc.getText('t').insert(0, 'x');
      await store.appendBatch(updates.splice(0).map((update) => ({ docName: 'c', update })));
      const loaded = await store.load('c');
      const snapshot = Y.encodeStateAsUpdate(doc);
      // An update committed after the load but before compaction must survive it.
      doc.getText('t').insert(0, 'late ');
      await store.appendBatch(updates.splice(0).map((update) => ({ docName: 'c', update })));
      await store.compact('c', snapshot, loaded.lastSeq);
      const after = await store.load('c');
      expect(after.updates.length).toBe(2);
      expect(textOf(after.updates)).toBe(doc.getText('t').toString());
      expect(await store.logLength('c')).toBeLessThanOrEqual(1);
    });

    it('STORE-5 a crash in the middle of compaction loses nothing', async () => {
      const { store, injectCompactionCrash, reopen } = await factory.create();
      const a = textUpdates(30);
      await store.appendBatch(a.updates.map((update) => ({ docName: 'a', update })));
      const loaded = await store.load('a');
      await injectCompactionCrash();
      await expect(store.compact('a', Y.mergeUpdates(loaded.updates), loaded.lastSeq)).rejects.toThrow();
      const again = await reopen();
      const after = await again.load('a');
      expect(after.updates.length).toBe(30);
      expect(textOf(after.updates)).toBe(a.text);
    });

    it('STORE-6 keeps who changed which part per hour, also after compaction', async () => {
      const { store } = await factory.create();
      const a = textUpdates(4);
      await store.appendBatch([
        ...a.updates.slice(0, 3).map((update) => ({ docName: 'cycle:aaaaaaaa', update, userId: 'u1', parts: ['report'] })),
        { docName: 'cycle:aaaaaaaa', update: a.updates[3]!, userId: 'u2', parts: ['agenda', 'report'] },
        { docName: 'cycle:bbbbbbbb', update: a.updates[3]!, userId: 'u1', parts: ['agenda'] },
        { docName: 'cycle:aaaaaaaa', update: a.updates[3]!, userId: null, parts: ['settings'] },
      ]);
      const loaded = await store.load('cycle:aaaaaaaa');
      await store.compact('cycle:aaaaaaaa', Y.mergeUpdates(loaded.updates), loaded.lastSeq);
      const edits = await store.edits('cycle:aaaaaaaa', 100);
      const summary = edits.map((e) => `${e.docName} ${e.userId} ${e.part} ${e.updates}`).sort();
      expect(summary).toEqual(['cycle:aaaaaaaa u1 report 3', 'cycle:aaaaaaaa u2 agenda 1', 'cycle:aaaaaaaa u2 report 1']);
      expect(edits.every((e) => e.hour % 3_600_000 === 0 && e.hour <= Date.now())).toBe(true);
    });

    it('STORE-7 deletes a document and every document under it (name:…), nothing else', async () => {
      const { store } = await factory.create();
      const a = textUpdates(3);
      const names = ['cycle:a_%', 'cycle:a_%:interview', 'cycle:a_%:layer:u1', 'cycle:a_%x', 'cycle:ab'];
      await store.appendBatch(names.flatMap((docName) => a.updates.map((update) => ({ docName, update, userId: 'u1', parts: ['report'] }))));
      const loaded = await store.load('cycle:a_%');
      await store.compact('cycle:a_%', Y.mergeUpdates(loaded.updates), loaded.lastSeq);
      // The snapshot and the two sub-documents' three updates each.
      expect(await store.deleteDocs('cycle:a_%')).toBe(7);
      for (const gone of names.slice(0, 3)) expect((await store.load(gone)).updates).toEqual([]);
      expect(await store.edits('cycle:a_%:', 100)).toEqual([]);
      expect((await store.edits('cycle:a_%', 100)).map((e) => e.docName)).toEqual(['cycle:a_%x']);
      for (const kept of names.slice(3)) expect(textOf((await store.load(kept)).updates)).toBe(a.text);
    });

    it('STORE-8 links each appended entry to its document\'s previous one, and reads the tail after a seq', async () => {
      const { store } = await factory.create();
      const a = textUpdates(6);
      const first = await store.appendBatchLinked([
        { docName: 'chain-a', update: a.updates[0]! },
        { docName: 'chain-b', update: a.updates[0]! },
        { docName: 'chain-a', update: a.updates[1]! },
      ]);
      expect(first.map((l) => l.prevSeq)).toEqual([0, 0, first[0]!.seq]);
      const [plain] = await store.appendBatch([{ docName: 'chain-a', update: a.updates[2]! }]);
      const [next] = await store.appendBatchLinked([{ docName: 'chain-a', update: a.updates[3]! }]);
      // The chain runs over every append of the document, linked or not, and skips other documents.
      expect(next!.prevSeq).toBe(plain);
      const tail = await store.loadSince('chain-a', first[2]!.seq);
      expect(tail.lastSeq).toBe(next!.seq);
      expect(tail.updates).toHaveLength(2);
      expect((await store.loadSince('chain-a', next!.seq)).lastSeq).toBe(next!.seq);
      // After compaction the tail from an older seq holds the snapshot: still complete.
      const loaded = await store.load('chain-a');
      await store.compact('chain-a', Y.mergeUpdates(loaded.updates), loaded.lastSeq);
      const [after] = await store.appendBatchLinked([{ docName: 'chain-a', update: a.updates[4]! }]);
      expect(after!.prevSeq).toBeGreaterThan(next!.seq);
      const caughtUp = await store.loadSince('chain-a', first[0]!.seq);
      expect(caughtUp.lastSeq).toBe(after!.seq);
      expect(textOf(caughtUp.updates)).toBe(textOf(a.updates.slice(0, 5)));
    });
  });
}
