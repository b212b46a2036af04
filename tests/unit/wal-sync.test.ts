import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WalSync } from '../../server/storage/wal-sync.ts';

/** An fdatasync that completes only when the test says so, counting calls. */
function heldSync() {
  const done: ((err: NodeJS.ErrnoException | null) => void)[] = [];
  return {
    calls: () => done.length,
    fn: (_fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => void done.push(cb),
    finish: (i: number, err: NodeJS.ErrnoException | null = null) => done[i]!(err),
  };
}

function walFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walsync-'));
  const file = path.join(dir, 'db-wal');
  fs.writeFileSync(file, 'frames');
  return file;
}

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  // Every promise reaction queued so far runs before this macrotask.
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('SYNC-7 group commit of the WAL', () => {
  it('a call made while a flush runs waits for the next flush, and one flush serves every such call', async () => {
    const sync = heldSync();
    const wal = new WalSync(walFile(), sync.fn);
    const first = wal.durable();
    expect(sync.calls()).toBe(1);
    // Committed after the running flush began: that flush may not cover them.
    const later = Array.from({ length: 10 }, () => wal.durable());
    expect(sync.calls()).toBe(1);
    sync.finish(0);
    expect(await settled(first)).toBe(true);
    expect(await settled(Promise.all(later).then(() => undefined))).toBe(false);
    // The ten share one second flush.
    expect(sync.calls()).toBe(2);
    sync.finish(1);
    expect(await settled(Promise.all(later).then(() => undefined))).toBe(true);
    // Idle again: the next call starts a flush at once.
    void wal.durable();
    expect(sync.calls()).toBe(3);
    sync.finish(2);
    wal.close();
  });

  it('a failed flush rejects its callers, and the next flush is still made', async () => {
    const sync = heldSync();
    const wal = new WalSync(walFile(), sync.fn);
    const first = wal.durable();
    const second = wal.durable();
    const err = Object.assign(new Error('EIO'), { code: 'EIO' });
    sync.finish(0, err);
    await expect(first).rejects.toThrow('EIO');
    await new Promise((r) => setImmediate(r));
    expect(sync.calls()).toBe(2);
    sync.finish(1);
    await expect(second).resolves.toBeUndefined();
    wal.close();
  });

  it('really flushes the file with the default fdatasync', async () => {
    const wal = new WalSync(walFile());
    await expect(Promise.all([wal.durable(), wal.durable(), wal.durable()])).resolves.toHaveLength(3);
    wal.close();
  });

  it('a missing WAL file rejects (the commit is then treated as failed)', async () => {
    const wal = new WalSync(path.join(os.tmpdir(), 'no-such-dir-walsync', 'db-wal'));
    await expect(wal.durable()).rejects.toThrow();
  });
});
