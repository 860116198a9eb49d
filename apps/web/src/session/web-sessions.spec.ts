import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '@spcomms/accounts';
import { TestClock } from '@spcomms/testing';
import { AppConfig, EnvDto } from '@spcomms/config';
import { readCookies, serializeCookie } from '../render/cookies';
import { CSRF_COOKIE, WebSessions } from './web-sessions';

describe('browser sessions', () => {
  const sessions = (base: string) =>
    new WebSessions(
      {} as AuthService,
      new AppConfig(Object.assign(new EnvDto(), { PUBLIC_BASE_URL: base })),
      new TestClock('2026-03-02T09:00:00Z'),
    );
  const replyCollecting = () => {
    const cookies: string[] = [];
    const reply = {
      header: (name: string, value: string) => {
        if (name === 'set-cookie') {
          cookies.push(value);
        }
        return reply;
      },
    };
    return { reply: reply as unknown as FastifyReply, cookies };
  };

  it('sets the session cookie httpOnly and SameSite=Lax, Secure only over https, until the session expires', () => {
    const plain = replyCollecting();
    sessions('http://localhost:3000').start(plain.reply, 'spc_token', new Date('2026-03-02T21:00:00Z'));
    expect(plain.cookies[0]).toBe('spcomms_session=spc_token; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax');

    const secure = replyCollecting();
    sessions('https://spcomms.example.org').start(secure.reply, 'spc_token', new Date('2026-03-02T21:00:00Z'));
    expect(secure.cookies[0]).toBe('spcomms_session=spc_token; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Lax');
    expect(secure.cookies[1]).toMatch(/^spcomms_csrf=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('accepts a form token only as a masking of the cookie token, each masking different', () => {
    const sut = sessions('http://localhost:3000');
    const { reply } = replyCollecting();
    const token = sut.renewCsrf(reply);
    const posted = (field: unknown) =>
      ({ headers: { cookie: `${CSRF_COOKIE}=${token}` }, body: { _csrf: field } }) as unknown as FastifyRequest;

    const first = sut.maskCsrf(token);
    const second = sut.maskCsrf(token);
    expect(first).not.toBe(second);
    expect(sut.csrfMatches(posted(first))).toBe(true);
    expect(sut.csrfMatches(posted(second))).toBe(true);
    expect(sut.csrfMatches(posted(token))).toBe(false);
    expect(sut.csrfMatches(posted(sut.maskCsrf(sut.renewCsrf(reply))))).toBe(false);
    expect(sut.csrfMatches(posted(undefined))).toBe(false);
    expect(sut.csrfMatches(posted(['a', 'b']))).toBe(false);
  });

  it('reads cookies, ignoring values that do not decode', () => {
    expect(readCookies('a=1; lang=fr; bad=%E0%A4%A; a=2; b=%E0%A4%A; b=x%20y')).toEqual({
      a: '1',
      lang: 'fr',
      b: 'x y',
    });
    expect(readCookies(undefined)).toEqual({});
    expect(serializeCookie('lang', 'ar', { secure: false, maxAgeSeconds: 0 })).toBe(
      'lang=ar; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
    );
    expect(serializeCookie('lang', 'a b;c', { secure: false, httpOnly: false })).toBe(
      'lang=a%20b%3Bc; Path=/; SameSite=Lax',
    );
  });
});
