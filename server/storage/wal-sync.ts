import fs from 'node:fs';

/**
 * Group commit for SQLite's write-ahead log, off the event loop (bench/README.md, P1/P2).
 *
 * With `synchronous = FULL` every commit calls fsync on the WAL inside the commit, on the
 * JavaScript thread: ~0.2 ms of a blocked event loop per commit here, a third of the
 * collaboration server's busy time under P1. The document store's own connection therefore
 * commits with `synchronous = NORMAL` (the commit's frames reach the WAL file, i.e. the page
 * cache, which survives a crash of the process) and then calls `durable()`, which flushes the
 * WAL with `fdatasync` on libuv's thread pool. Nothing is relayed before that resolves, so a
 * relayed update is on disk exactly as with FULL, also across a power loss.
 *
 * Commits made while a flush is running are covered by the next one, which starts as soon as
 * the running one ends: under load one flush makes many commits durable at once.
 *
 * The WAL file exists as long as a connection to the database is open (the server keeps its
 * connections for its whole life), and SQLite never replaces it while open, so one descriptor
 * stays valid. SQLite itself syncs the WAL before each checkpoint and the header whenever it
 * restarts the log (that is what NORMAL keeps of FULL).
 */
/** What the document store needs of it (tests hold it to prove nothing is relayed before). */
export interface Durability {
  /** Resolves once everything committed before the call is on disk. */
  durable(): Promise<void>;
  close(): void;
}

type Fdatasync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

export class WalSync implements Durability {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly walPath: string,
    private readonly fdatasync: Fdatasync = fs.fdatasync,
  ) {}

  durable(): Promise<void> {
    if (this.running === null) return this.start();
    // The running flush may have started before this caller's commit: wait for the next one.
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private startQueued(): Promise<void> {
    this.queued = null;
    return this.start();
  }

  private start(): Promise<void> {
    const p = this.flush().finally(() => {
      if (this.running === p) this.running = null;
    });
    this.running = p;
    return p;
  }

  private flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        // Opened on first use: the WAL file appears with the connection's first write.
        this.fd ??= fs.openSync(this.walPath, fs.constants.O_RDWR);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      this.fdatasync(this.fd, (err) => (err ? reject(err) : resolve()));
    });
  }
}
