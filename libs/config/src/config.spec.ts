import { AppConfig, ConfigError, loadEnv } from './config';

describe('loadEnv', () => {
  it('applies the defaults that work with the local services', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/spcomms');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.RULE_REPLY_DAYS_UA).toBe(60);
  });

  it('converts numeric variables', () => {
    expect(loadEnv({ PORT: '8080', RULE_PUBLICATION_DAYS: '0' })).toMatchObject({
      PORT: 8080,
      RULE_PUBLICATION_DAYS: 0,
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'localhost:6379'],
    ['RULE_OTHER_RECIPIENT_CODE', 'others'],
    ['NODE_ENV', 'staging'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`${name}="${value}"`));
  });

  it('exposes the rule settings by type', () => {
    const config = AppConfig.fromEnv({ RULE_REPLY_DAYS_UA: '30' });
    expect(config.rules.replyDays).toEqual({ UA: 30, AL: 60, OL: 60 });
    expect(config.rules.timezone).toBe('Europe/Zurich');
  });
});
