import {
  Controller,
  ExecutionContext,
  HttpCode,
  HttpStatus,
  OnModuleInit,
  Post,
  Query,
  createParamDecorator,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { Actor, Role } from '@spcomms/access';
import {
  HISTORY_FILE_FIELD,
  HISTORY_IMPORT_MAX_BYTES,
  HISTORY_IMPORT_MAX_LETTERS,
  HISTORY_IMPORT_MAX_REPLIES,
  HistoryImportQueryDto,
  HistoryImportReportDto,
  HistoryService,
  HistoryUpload,
} from '@spcomms/history';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { checkedParts } from '../errors/checked-parts';
import { ErrorResponseDto } from '../errors/error-response.dto';

/** The import file: the body of a text/csv request, or the file `file` of a multipart form. */
export const HistoryUploadBody = createParamDecorator((_: unknown, context: ExecutionContext): HistoryUpload => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return request.isMultipart()
    ? { kind: 'multipart', parts: checkedParts(request, { limits: { fileSize: HISTORY_IMPORT_MAX_BYTES } }) }
    : { kind: 'body', body: request.body };
});

const FORMAT = `
One CSV document (UTF-8, comma-separated, double quotes around cells holding commas, quotes or line
breaks; header names are case-insensitive, spaces count as underscores). Send it as a \`text/csv\`
body, or as the file \`${HISTORY_FILE_FIELD}\` of a \`multipart/form-data\` form. At most
${HISTORY_IMPORT_MAX_BYTES} bytes, ${HISTORY_IMPORT_MAX_LETTERS} letters and ${HISTORY_IMPORT_MAX_REPLIES} replies.

**Letters section** — the header row first, then one row per letter:

| column | |
|---|---|
| reference | required, kept as given (C8): \`TYPE CODE n/YYYY\`, TYPE one of UA, AL, OL, JUA, JAL |
| type | required: UA, AL, OL (or JUA, JAL); must agree with the reference (JUA is a UA, JAL an AL) |
| recipient | required: the State's ISO alpha-3 code, or OTH for another recipient; must be the reference's CODE |
| other_recipient | with OTH only: the name of an other recipient, registered or to be registered by the import |
| other_recipient_kind | with OTH only: company, international_organisation, non_state_actor or other; registers an other recipient not yet registered (once per name; rows of that name agree on it, and with a registered one's kind) |
| sent_on | required, YYYY-MM-DD, not after today; its year is the reference's YYYY or later (a letter sent early in a year may carry the previous year's number) |
| reply_requested_by | optional date ≥ sent_on; default sent_on + the C9 setting for the type |
| public_from | optional date ≥ sent_on; default sent_on + the C11 setting (sent_on for an OL of a mandate that publishes legislation letters at once) |
| lead_mandate | required mandate code; an assistant imports only letters led by one of their mandates |
| cosigning_mandates | mandate codes separated by \`;\` (required for JUA and JAL) |
| language | en, fr or es; default en |
| subject | required, 3 to 500 characters |
| body | optional text |
| victims | optional, separated by \`;\`, each \`name|gender|ageGroup|confidential\`: gender female, male, other or unknown (empty: unknown), ageGroup child, adult, older or unknown (empty: unknown), confidential true or false (required: withhold the name in the public version) |

**Replies section** (optional) — a row whose first cell is \`[replies]\`, then its own header row and
one row per reply to a letter of the letters section:

| column | |
|---|---|
| reference | required: the reference of a letter of the letters section, exactly as written there |
| received_on | required date, not before the letter's sent_on nor after today |
| language | required: ar, zh, en, fr, ru or es |
| confidential | required: true or false (C12) |
| text | required |
| channel | note_verbale, email, letter or other (default other) |

Blank rows are ignored. Rows are numbered as a spreadsheet numbers them (the first header row is 1).

Every row is checked before anything is written: reference format; its CODE against the recipient
and its YYYY not after the year of sent_on; known States, other recipients and mandates; valid and
consistent dates; no reference number (\`CODE n/YYYY\`, whatever the type) twice in the file or already held by a letter.
If any row is rejected nothing is written and the answer is 422 with the report in \`details\`
(with \`dryRun=true\`: 200 with the report); \`otherRecipients.missing\` names every other recipient
neither registered nor given a kind. Otherwise, in one transaction, the other recipients given a kind
are registered, every letter is written as a sent legacy letter (version 1 approved by the lead and
each co-signer) and its publication planned as for a sent letter (C11: a public-from day already past
falls due at once), the reference counters are raised past the imported numbers, and the answer is
200 with the report.
`;

@ApiTags('history')
@Controller('history/imports')
export class HistoryController implements OnModuleInit {
  constructor(
    private readonly history: HistoryService,
    private readonly adapter: HttpAdapterHost,
  ) {}

  /** Fastify parses JSON and plain text only: CSV bodies of this route are taken as bytes, up to the import limit. */
  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    if (!fastify.hasContentTypeParser('text/csv')) {
      fastify.addContentTypeParser(
        'text/csv',
        { parseAs: 'buffer', bodyLimit: HISTORY_IMPORT_MAX_BYTES },
        (_request, body, done) => done(null, body),
      );
    }
  }

  @Post()
  @Authenticated(Role.Admin, Role.Assistant)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Import historical letters and their replies from CSV, all or nothing (C8)',
    description: FORMAT,
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    schema: { type: 'string', format: 'binary' },
    description: `The CSV file (multipart: the file \`${HISTORY_FILE_FIELD}\`)`,
  })
  @ApiOkResponse({ type: HistoryImportReportDto, description: 'Imported (applied: true), or the report of a dry run' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'dryRun is not true or false' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'File or row count over the limits' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'Neither text/csv nor multipart/form-data' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description:
      'Rows rejected (history.import_rejected, the report in details), file not UTF-8, or a form without the file',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'A reference was taken by another import or letter during the import',
  })
  import(
    @CurrentActor() actor: Actor,
    @HistoryUploadBody() upload: HistoryUpload,
    @Query() query: HistoryImportQueryDto,
  ): Promise<HistoryImportReportDto> {
    return this.history.importLetters(actor, upload, query);
  }
}
