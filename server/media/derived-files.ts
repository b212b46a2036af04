import fs from 'node:fs';
import { newId } from '../storage/ids.ts';
import type { MediaFiles } from './files.ts';
import { EncryptedReader, EncryptedWriter } from './format.ts';
import { KeyRing } from './keys.ts';

/** A file made from a recording (a fragment for the client, FRAGLINK-2), before its row exists. */
export interface DerivedFile {
  id: string;
  keyId: string;
  /** The file key wrapped by the master key: the caller stores it with the file's row. */
  wrapped: Buffer;
  size: number;
}

/**
 * Files the server makes from a recording, encrypted at rest exactly like uploads (MEDIA-3): a
 * new random key per file, wrapped by the master key and kept in `media_keys`, the bytes under
 * `<data dir>/media/`. Who made the file keeps its row and erases it (key row first).
 */
export class DerivedFiles {
  constructor(private readonly files: MediaFiles) {}

  /** Writes a new file through `fill`; on failure nothing stays on disk. */
  async create(fill: (write: (data: Buffer) => Promise<void>) => Promise<void>): Promise<DerivedFile> {
    const id = newId();
    const keyId = newId();
    const key = KeyRing.newFileKey();
    const file = this.files.filePath(id);
    try {
      await EncryptedWriter.create(file);
      const writer = await EncryptedWriter.open(file, key);
      try {
        await fill((data) => writer.write(data));
        await writer.flush();
        return { id, keyId, wrapped: this.files.o.keyRing.wrap(keyId, key), size: writer.offset };
      } finally {
        await writer.close();
      }
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    } finally {
      key.fill(0);
    }
  }

  /** A reader of a derived file, with its key from `media_keys` (gone: `media_erased`). */
  openReader(id: string, keyId: string, size: number): Promise<EncryptedReader> {
    return this.files.openWithKey(id, keyId, size);
  }

  /** Deletes a derived file's bytes (its key row is deleted by its owner, in its transaction). */
  remove(id: string): void {
    fs.rmSync(this.files.filePath(id), { force: true });
  }
}
