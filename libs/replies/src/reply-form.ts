import { Injectable } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldErrors, findNullProblems } from '@spcomms/errors';
import { declaredTypeAgrees, sniffMediaType } from './media-type';
import { RepliesErrorCode, RepliesException, ReplyValidationException } from './replies.exception';
import { AttachmentMediaType } from './reply-attachment.entity';
import { IncomingFileStream, StagedFile, UploadStaging } from './upload-staging';

/** A field of a multipart/form-data request. */
export interface FormFieldPart {
  type: 'field';
  fieldname: string;
  value: unknown;
  valueTruncated?: boolean;
}

/** A file of a multipart/form-data request, streamed. */
export interface FormFilePart {
  type: 'file';
  fieldname: string;
  filename?: string;
  mimetype?: string;
  file: IncomingFileStream;
}

export type FormPart = FormFieldPart | FormFilePart;

/** A reply as the API received it: a JSON body (text only), or a multipart form with attachments. */
export type ReplyForm = { kind: 'json'; body: unknown } | { kind: 'multipart'; parts: AsyncIterable<FormPart> };

/** The field name under which a multipart form carries its files. */
export const ATTACHMENTS_FIELD = 'attachments';

export interface AcceptedFile extends StagedFile {
  mediaType: AttachmentMediaType;
}

export interface ReadForm<T> {
  dto: T;
  files: AcceptedFile[];
}

/** Multipart fields are strings: these are turned into booleans before validation. */
const BOOLEAN_FIELDS = new Set(['confidential']);

/**
 * Turns a reply request into a validated DTO and staged, recognised files. Anything wrong answers
 * 4xx and leaves no staged file behind: 400 for fields, 413 for sizes and counts, 415 for content
 * that is not PDF, DOCX, PNG or JPEG.
 */
@Injectable()
export class ReplyFormReader {
  constructor(private readonly staging: UploadStaging) {}

  async read<T extends object>(form: ReplyForm, type: ClassConstructor<T>): Promise<ReadForm<T>> {
    if (form.kind === 'json') {
      return { dto: await validateFields(type, form.body), files: [] };
    }
    const fields: Record<string, unknown> = {};
    const files: AcceptedFile[] = [];
    try {
      for await (const part of mapLimitErrors(form.parts)) {
        if (part.type === 'file') {
          files.push(await this.accept(part));
        } else {
          this.addField(fields, part);
        }
      }
      return { dto: await validateFields(type, fields), files };
    } catch (error) {
      await this.staging.discard(files);
      throw error;
    }
  }

  discard(files: StagedFile[]): Promise<void> {
    return this.staging.discard(files);
  }

  private addField(fields: Record<string, unknown>, part: FormFieldPart): void {
    if (part.valueTruncated) {
      throw new RepliesException(
        RepliesErrorCode.FieldTooLarge,
        `Field ${part.fieldname} is too large; send long texts as JSON or as an attachment`,
      );
    }
    if (Object.prototype.hasOwnProperty.call(fields, part.fieldname)) {
      throw new ReplyValidationException([{ field: part.fieldname, errors: [`${part.fieldname} must be given once`] }]);
    }
    const value = part.value;
    fields[part.fieldname] =
      BOOLEAN_FIELDS.has(part.fieldname) && (value === 'true' || value === 'false') ? value === 'true' : value;
  }

  private async accept(part: FormFilePart): Promise<AcceptedFile> {
    if (part.fieldname !== ATTACHMENTS_FIELD) {
      part.file.resume();
      throw new ReplyValidationException([
        { field: part.fieldname, errors: [`files go in the field "${ATTACHMENTS_FIELD}"`] },
      ]);
    }
    const staged = await this.staging.stage(part.file, part.filename, part.mimetype);
    const mediaType = await sniffMediaType(staged.head, staged.size, (position, length) =>
      this.staging.readAt(staged, position, length),
    );
    if (!mediaType || !declaredTypeAgrees(staged.declaredType, mediaType)) {
      await this.staging.discard([staged]);
      throw new RepliesException(
        RepliesErrorCode.UnsupportedMediaType,
        `Attachment ${staged.fileName} is not a PDF, DOCX, PNG or JPEG file${mediaType ? ` of the declared type ${staged.declaredType}` : ''}`,
        {
          fileName: staged.fileName,
          declaredType: staged.declaredType ?? null,
          accepted: ['application/pdf', 'DOCX', 'image/png', 'image/jpeg'],
        },
      );
    }
    return { ...staged, mediaType };
  }
}

/** The size and count limits of the multipart parser, as domain errors. */
async function* mapLimitErrors(parts: AsyncIterable<FormPart>): AsyncGenerator<FormPart> {
  try {
    yield* parts;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new RepliesException(RepliesErrorCode.AttachmentTooLarge, 'An attachment exceeds the size limit');
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new RepliesException(RepliesErrorCode.TooManyParts, 'Too many files or fields in the form');
    }
    throw error;
  }
}

/** Validates like the API's global pipe: unknown fields and wrong types answer 400. */
export async function validateFields<T extends object>(type: ClassConstructor<T>, plain: unknown): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ReplyValidationException([
      { field: 'body', errors: ['the body must be a JSON object or a multipart form'] },
    ]);
  }
  const nulls = findNullProblems(plain, type);
  if (nulls.length > 0) {
    throw new ReplyValidationException(nulls.map((problem) => ({ field: problem.field, errors: [problem.message] })));
  }
  const dto = plainToInstance(type, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ReplyValidationException(fieldErrors(errors));
  }
  return dto;
}
