import { randomBytes, randomFillSync } from 'node:crypto';

/** Bytes drawn from the system's generator at once: one call per 128 CSRF tokens instead of one each. */
const POOL_BYTES = 4096;

let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `size` random bytes from the operating system's cryptographic generator, drawn in batches of
 * POOL_BYTES (as Node's randomUUID does): every byte is handed out once, copied out of the batch. A
 * page sets up to two tokens' worth of bytes; a system call each cost about as much as the rest of the
 * CSRF work.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) {
    return randomBytes(size);
  }
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
