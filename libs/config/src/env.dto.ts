import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/**
 * Every environment variable the system reads, with its default.
 * Defaults work against the local PostgreSQL and Redis out of the box.
 */
export class EnvDto {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/spcomms';

  /**
   * Where the public reads go (search, record pages, exports, reports, statistics): a streaming replica
   * or a pooler in front of replicas. Empty: the primary (DATABASE_URL).
   */
  @Matches(/^(postgres(ql)?:\/\/.+)?$/, { message: 'DATABASE_READ_URL must be a postgres:// URL (or empty)' })
  DATABASE_READ_URL = '';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key (queues, rate limits); lets several installations share one Redis. */
  @Matches(/^[a-zA-Z0-9:_-]+$/)
  REDIS_PREFIX = 'spcomms';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  MAIL_FROM = 'Special Procedures <noreply@spcomms.local>';

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Trust X-Forwarded-For from a reverse proxy for client addresses (rate limits, logs). */
  @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `json` (one object a line, for log collectors), `pretty` (readable), or `auto`: pretty in development on a terminal. */
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  /** Folder where reply attachments are stored by the default (local) storage. */
  @IsString()
  STORAGE_DIR = './var/storage';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  TOKEN_TTL_HOURS = 12;

  /** Lifetime of the one-time link that lets a new user (or one reset by an admin) set their password. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_LINK_TTL_HOURS = 72;

  /** Failed logins allowed per user name and IP within LOGIN_RATE_WINDOW_SECONDS; then 429 until the window ends. A success clears the count. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 5;

  /** Failed logins allowed per IP across user names within LOGIN_RATE_WINDOW_SECONDS (password spraying); then 429 until the window ends. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_RATE_LIMIT = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  /** Requests per minute and IP on public (anonymous) endpoints. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_RATE_LIMIT = 120;

  /**
   * Public search: the facets count every match while the sample of the projection shows at most this
   * many matching letters; beyond, they are the sample's counts scaled up (estimated). At 1,000 and a
   * sample of 40 buckets of 1,024, an estimate rests on 40 letters of the sample or more; every match
   * counted one by one is a page of the projection read, at most about 1,000 of them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SEARCH_FACETS_EXACT_LIMIT = 1_000;

  // ---- Rule settings (../docs: domain rules C7, C9, C11, C13, V3) ----

  /** Calendar in which sent dates, deadlines and reference years are counted. */
  @IsString()
  RULE_TIMEZONE = 'Europe/Zurich';

  /** C7: pseudo-code shared by non-State recipients. */
  @Matches(/^[A-Z]{3}$/)
  RULE_OTHER_RECIPIENT_CODE = 'OTH';

  /** C9: days from sending until the reply is requested, per type. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RULE_REPLY_DAYS_UA = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RULE_REPLY_DAYS_AL = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RULE_REPLY_DAYS_OL = 60;

  /** C11: days from sending until the letter becomes public. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RULE_PUBLICATION_DAYS = 60;

  /** C11: days before a letter becomes public when its assistants are asked to check the redaction (0: no notice). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RULE_PUBLICATION_NOTICE_DAYS = 7;

  /** C5: sign-on deadline for invited co-signers. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RULE_SIGN_ON_HOURS_UA = 24;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RULE_SIGN_ON_DAYS_OTHER = 5;

  /** C13: reminders to the recipient, in days relative to the reply-requested date. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RULE_REMINDER_DAYS_BEFORE = 14;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RULE_REMINDER_DAYS_AFTER = 30;

  /** V3: months between reminders of an unanswered visit request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RULE_VISIT_REMINDER_MONTHS = 6;

  // ---- Schedules (deadlines, reminders, publication) and the e-mail outbox ----

  /** Pending schedule rows due within this many seconds become delayed BullMQ jobs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SCHEDULE_HORIZON_SECONDS = 900;

  /** How often the worker's relay moves rows entering the horizon onto the queue (0: never). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SCHEDULE_RELAY_INTERVAL_MS = 30_000;

  /** How often the worker's reconciler rebuilds the queues from PostgreSQL (0: only at start). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SCHEDULE_RECONCILE_INTERVAL_MS = 60_000;

  /** Runs of a schedule whose handler fails before the row is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SCHEDULE_MAX_ATTEMPTS = 5;

  /** First retry delay of a failed schedule run; doubles with each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SCHEDULE_RETRY_BASE_SECONDS = 30;

  /** Attempts to send an e-mail before it is recorded as failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAIL_MAX_ATTEMPTS = 8;

  /** First retry delay after a temporary SMTP failure; doubles with each attempt (capped at 6 h). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MAIL_RETRY_BASE_SECONDS = 60;

  /** How long a worker owns a message it is sending; must exceed the SMTP timeouts. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_LEASE_SECONDS = 180;

  /** A worker that holds a job longer than this without renewing its lock is presumed dead. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  QUEUE_LOCK_DURATION_MS = 30_000;

  /** How often workers look for the jobs of dead workers (stalled jobs). */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  QUEUE_STALLED_INTERVAL_MS = 30_000;

  /** How often the worker seals the subjects' audit chains into the anchor chain. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  AUDIT_ANCHOR_INTERVAL_MS = 60_000;

  /** Bearer token that lets a Prometheus scraper read /metrics without an admin login (empty: admins only). */
  @IsString()
  METRICS_TOKEN = '';

  @IsOptional()
  @IsString()
  SEED_DEMO_PASSWORD?: string;
}
