import { MAIL_LANGUAGES, MailTemplate, MailTemplateError, renderMail, templateParams } from './mail-templates';

describe('mail templates', () => {
  const templates = Object.values(MailTemplate);

  it.each(templates)('%s uses the same parameters in English, French and Spanish', (template) => {
    const english = templateParams(template, 'en');
    expect(english.length).toBeGreaterThan(0);
    expect(templateParams(template, 'fr')).toEqual(english);
    expect(templateParams(template, 'es')).toEqual(english);
  });

  it.each(templates)('%s renders a one-line subject and a body in each language, with no placeholder left', (template) => {
    const params = Object.fromEntries(templateParams(template).map((name) => [name, `<${name}>`]));
    const bodies = new Set<string>();
    for (const language of MAIL_LANGUAGES) {
      const { subject, body } = renderMail(template, language, params);
      expect(subject).not.toMatch(/\{\{|\n/);
      expect(body).not.toMatch(/\{\{/);
      for (const value of Object.values(params)) {
        expect(`${subject}\n${body}`).toContain(value);
      }
      bodies.add(body);
    }
    expect(bodies.size).toBe(3);
  });

  it('refuses an unknown template and a missing parameter', () => {
    expect(() => renderMail('letter.unknown', 'en', {})).toThrow(MailTemplateError);
    expect(() => renderMail(MailTemplate.ReminderBefore, 'fr', { reference: 'UA IRN 5/2023' })).toThrow(/replyDueOn/);
  });

  it('keeps a subject on one line whatever the parameters hold', () => {
    const { subject } = renderMail(MailTemplate.ReplyReceipt, 'en', { reference: 'AL CAN 3/2026\r\nBcc: x@example.org', receivedOn: '2026-03-02', link: 'x' });
    expect(subject).toBe('Reply to AL CAN 3/2026 Bcc: x@example.org received');
  });
});
