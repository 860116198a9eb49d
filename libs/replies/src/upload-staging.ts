import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { SNIFF_HEAD_BYTES } from './media-type';
import { RepliesErrorCode, RepliesException } from './replies.exception';

/** An uploaded file held in a temporary file until its reply is recorded (or refused). */
export interface StagedFile {
  /** Temporary path, chosen by the server. */
  path: string;
  /** The name the sender gave, cleaned (see `cleanFileName`). */
  fileName: string;
  declaredType: string | undefined;
  size: number;
  sha256: string;
  head: Buffer;
}

/** A file stream of a multipart request; `truncated` is set when it hit the size limit. */
export type IncomingFileStream = NodeJS.ReadableStream & { truncated?: boolean };

/**
 * Holds uploads in STORAGE_DIR/incoming while the request is checked: their size, digest and first
 * bytes are known before anything is stored, and a refused request leaves nothing behind.
 */
@Injectable()
export class UploadStaging {
  private readonly folder: string;
  private readonly maxBytes: number;

  constructor(config: AppConfig) {
    this.folder = join(resolve(config.env.STORAGE_DIR), 'incoming');
    this.maxBytes = config.env.ATTACHMENT_MAX_BYTES;
  }

  async stage(
    stream: IncomingFileStream,
    fileName: string | undefined,
    declaredType: string | undefined,
  ): Promise<StagedFile> {
    await mkdir(this.folder, { recursive: true });
    const path = join(this.folder, randomUUID());
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const handle = await open(path, 'wx', 0o600);
    try {
      for await (const chunk of stream) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        size += bytes.length;
        if (size > this.maxBytes || stream.truncated) {
          throw this.tooLarge(fileName);
        }
        if (headLength < SNIFF_HEAD_BYTES) {
          head.push(bytes.subarray(0, SNIFF_HEAD_BYTES - headLength));
          headLength += Math.min(bytes.length, SNIFF_HEAD_BYTES - headLength);
        }
        hash.update(bytes);
        await handle.write(bytes);
      }
      if (stream.truncated) {
        throw this.tooLarge(fileName);
      }
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return {
      path,
      fileName: cleanFileName(fileName),
      declaredType,
      size,
      sha256: hash.digest('hex'),
      head: Buffer.concat(head),
    };
  }

  open(file: StagedFile): Readable {
    return createReadStream(file.path);
  }

  /** Reads part of a staged file (media-type recognition). */
  async readAt(file: StagedFile, position: number, length: number): Promise<Buffer> {
    const handle = await open(file.path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async discard(files: StagedFile[]): Promise<void> {
    await Promise.all(files.map((file) => unlink(file.path).catch(() => undefined)));
  }

  private tooLarge(fileName: string | undefined): RepliesException {
    return new RepliesException(
      RepliesErrorCode.AttachmentTooLarge,
      `Attachment ${cleanFileName(fileName)} exceeds ${this.maxBytes} bytes`,
      { fileName: cleanFileName(fileName), maxBytes: this.maxBytes },
    );
  }
}

/**
 * Bidirectional controls (embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the marks
 * U+200E, U+200F and U+061C): in a name they make `invoice\u202Efdp.exe` show as `invoiceexe.pdf`.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** The last segment of a client-given name, without control characters, bidirectional controls or quotes; at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .replace(BIDI_CONTROLS, '')
    .trim();
  const clean = base.replace(/^\.+/, '').slice(0, 200);
  return clean === '' ? 'attachment' : clean;
}
