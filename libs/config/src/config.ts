import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvDto } from './env.dto';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws a ConfigError naming every wrong variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): EnvDto {
  const known = Object.keys(new EnvDto());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'SEED_DEMO_PASSWORD']) {
    const value = source[key];
    if (value !== undefined && value !== '') {
      raw[key] = value;
    }
  }
  const env = plainToInstance(EnvDto, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const value = raw[error.property] ?? '(default)';
      const reasons = Object.values(error.constraints ?? {}).join('; ');
      return `  ${error.property}=${JSON.stringify(value)}: ${reasons}`;
    });
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return env;
}

export type LetterType = 'UA' | 'AL' | 'OL';

/** The rule settings of the domain, typed for the services that apply them. */
export interface RuleSettings {
  timezone: string;
  otherRecipientCode: string;
  replyDays: Record<LetterType, number>;
  publicationDays: number;
  publicationNoticeDays: number;
  signOn: { uaHours: number; otherDays: number };
  reminders: { daysBefore: number; daysAfter: number };
  visitReminderMonths: number;
}

export class AppConfig {
  readonly rules: RuleSettings;

  constructor(readonly env: EnvDto) {
    this.rules = {
      timezone: env.RULE_TIMEZONE,
      otherRecipientCode: env.RULE_OTHER_RECIPIENT_CODE,
      replyDays: { UA: env.RULE_REPLY_DAYS_UA, AL: env.RULE_REPLY_DAYS_AL, OL: env.RULE_REPLY_DAYS_OL },
      publicationDays: env.RULE_PUBLICATION_DAYS,
      publicationNoticeDays: env.RULE_PUBLICATION_NOTICE_DAYS,
      signOn: { uaHours: env.RULE_SIGN_ON_HOURS_UA, otherDays: env.RULE_SIGN_ON_DAYS_OTHER },
      reminders: { daysBefore: env.RULE_REMINDER_DAYS_BEFORE, daysAfter: env.RULE_REMINDER_DAYS_AFTER },
      visitReminderMonths: env.RULE_VISIT_REMINDER_MONTHS,
    };
  }

  static fromEnv(source: NodeJS.ProcessEnv = process.env): AppConfig {
    return new AppConfig(loadEnv(source));
  }
}
