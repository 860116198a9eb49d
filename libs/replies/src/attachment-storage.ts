import { Readable } from 'node:stream';

export interface StoredObject {
  /** Where the bytes are: derived from their SHA-256, never from anything a user sent. */
  key: string;
  /** False when identical bytes were already stored under the key. */
  created: boolean;
}

/**
 * Where reply attachments live. Objects are content-addressed: the key is the SHA-256 of the bytes,
 * so storing the same bytes twice keeps one object.
 */
export abstract class AttachmentStorage {
  /** Stores the bytes of `content`; refuses them unless their SHA-256 is `sha256`. Durable on return. */
  abstract put(content: Readable, sha256: string): Promise<StoredObject>;
  /** The bytes stored under `key`. */
  abstract get(key: string): Promise<Readable>;
  /** Removes the object; nothing happens when there is none. */
  abstract delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{64}$/;

export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) {
    throw new Error(`Not an attachment storage key: ${JSON.stringify(key.slice(0, 80))}`);
  }
}
