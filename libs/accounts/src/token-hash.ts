import { createHash } from 'node:crypto';

/** Bearer tokens and one-time links are stored only as this SHA-256 hash (hex). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
