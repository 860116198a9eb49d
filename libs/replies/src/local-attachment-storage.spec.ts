import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { AppConfig } from '@spcomms/config';
import { LocalAttachmentStorage } from './local-attachment-storage';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

describe('LocalAttachmentStorage', () => {
  let root: string;
  let sut: LocalAttachmentStorage;

  const files = (): string[] => {
    const walk = (folder: string): string[] =>
      existsSync(folder)
        ? readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
            entry.isDirectory() ? walk(join(folder, entry.name)) : [relative(root, join(folder, entry.name))],
          )
        : [];
    return walk(root);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'spcomms-storage-spec-'));
    sut = new LocalAttachmentStorage(AppConfig.fromEnv({ STORAGE_DIR: root }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes under their SHA-256, once, and reads them back', async () => {
    const content = Buffer.from('%PDF-1.4 reply of the Government');
    const digest = sha256(content);
    await expect(sut.put(Readable.from([content]), digest)).resolves.toEqual({ key: digest, created: true });
    await expect(sut.put(Readable.from([content.subarray(0, 5), content.subarray(5)]), digest)).resolves.toEqual({
      key: digest,
      created: false,
    });
    expect(files()).toEqual([join('objects', digest.slice(0, 2), digest.slice(2, 4), digest)]);
    await expect(read(await sut.get(digest))).resolves.toEqual(content);
  });

  it('refuses bytes that do not match their digest and keeps nothing of them', async () => {
    const digest = sha256(Buffer.from('announced'));
    await expect(sut.put(Readable.from([Buffer.from('something else')]), digest)).rejects.toThrow(/do not match/);
    expect(files()).toEqual([]);
  });

  it('accepts only keys that are SHA-256 digests, so that no user input reaches a path', async () => {
    for (const key of ['../../etc/passwd', 'a'.repeat(63), 'A'.repeat(64), `${'a'.repeat(62)}/x`]) {
      await expect(sut.get(key)).rejects.toThrow(/Not an attachment storage key/);
      await expect(sut.delete(key)).rejects.toThrow(/Not an attachment storage key/);
      await expect(sut.put(Readable.from([Buffer.from('x')]), key)).rejects.toThrow(/Not an attachment storage key/);
    }
  });

  it('deletes an object and its empty folders; deleting twice is harmless', async () => {
    const content = Buffer.from('to be removed');
    const { key } = await sut.put(Readable.from([content]), sha256(content));
    await sut.delete(key);
    await sut.delete(key);
    expect(files()).toEqual([]);
    expect(existsSync(join(root, 'objects', key.slice(0, 2)))).toBe(false);
    await expect(sut.get(key)).rejects.toThrow(/ENOENT/);
  });
});
