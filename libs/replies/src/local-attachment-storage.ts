import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { AttachmentStorage, StoredObject, assertStorageKey } from './attachment-storage';

/**
 * The default storage: files under STORAGE_DIR on the local disk, named by their SHA-256
 * (`objects/ab/cd/abcd…`). A file is written under a temporary name, flushed to disk, then linked to
 * its final name, which exists only complete: readers never see a partial object.
 */
@Injectable()
export class LocalAttachmentStorage extends AttachmentStorage {
  private readonly root: string;

  constructor(config: AppConfig) {
    super();
    this.root = resolve(config.env.STORAGE_DIR);
  }

  async put(content: Readable, sha256: string): Promise<StoredObject> {
    assertStorageKey(sha256);
    const temporary = join(this.root, 'tmp', randomUUID());
    await mkdir(dirname(temporary), { recursive: true });
    const hash = createHash('sha256');
    const handle = await open(temporary, 'wx', 0o640);
    try {
      try {
        for await (const chunk of content) {
          const bytes = chunk as Buffer;
          hash.update(bytes);
          await handle.write(bytes);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (hash.digest('hex') !== sha256) {
        throw new Error('The stored bytes do not match their announced SHA-256');
      }
      const target = this.pathOf(sha256);
      await mkdir(dirname(target), { recursive: true });
      try {
        // link() fails when the name exists: concurrent writers of the same bytes cannot both "create" it.
        await link(temporary, target);
        return { key: sha256, created: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          return { key: sha256, created: false };
        }
        throw error;
      }
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
    // Tidy the two fan-out folders when they became empty (fails harmlessly when they are not).
    await rmdir(dirname(path)).catch(() => undefined);
    await rmdir(dirname(dirname(path))).catch(() => undefined);
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, 'objects', key.slice(0, 2), key.slice(2, 4), key);
  }
}
