import { Role } from '@spcomms/access';
import { mailLanguageOf } from './notifications.service';

describe('the language of a person’s e-mails', () => {
  it("is a focal point's State's chosen language, else the person's own", () => {
    const government = { role: Role.Government, language: 'fr' as const };
    expect(mailLanguageOf({ ...government, state: { mailLanguage: 'zh' } })).toBe('zh');
    expect(mailLanguageOf({ ...government, state: { mailLanguage: null } })).toBe('fr');
    expect(mailLanguageOf(government)).toBe('fr');
  });

  it("is anyone else's own language, whatever a State chose", () => {
    expect(mailLanguageOf({ role: Role.Assistant, language: 'ar', state: { mailLanguage: 'zh' } })).toBe('ar');
    expect(mailLanguageOf({ role: Role.MandateHolder, language: 'ru' })).toBe('ru');
    expect(mailLanguageOf({ role: Role.Committee, language: 'de' as 'en' })).toBe('en');
  });
});
