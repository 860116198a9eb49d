import {
  MAIL_LANGUAGES,
  MailTemplate,
  MailTemplateError,
  perLanguage,
  readableValue,
  renderMail,
  templateParams,
} from './mail-templates';

describe('mail templates', () => {
  const templates = Object.values(MailTemplate);

  it.each(templates)('%s uses the same parameters in English, French and Spanish', (template) => {
    const english = templateParams(template, 'en');
    expect(english.length).toBeGreaterThan(0);
    expect(templateParams(template, 'fr')).toEqual(english);
    expect(templateParams(template, 'es')).toEqual(english);
  });

  it.each(templates)(
    '%s renders a one-line subject and a body in each language, with no placeholder left',
    (template) => {
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
    },
  );

  it('refuses an unknown template and a missing parameter', () => {
    expect(() => renderMail('letter.unknown', 'en', {})).toThrow(MailTemplateError);
    expect(() => renderMail(MailTemplate.ReminderBefore, 'fr', { reference: 'UA IRN 5/2023' })).toThrow(/replyDueOn/);
  });

  it('keeps a subject on one line whatever the parameters hold', () => {
    const { subject } = renderMail(MailTemplate.ReplyReceipt, 'en', {
      reference: 'AL CAN 3/2026\r\nBcc: x@example.org',
      receivedOn: '2026-03-02',
      receiptCode: 'R-1',
      link: 'x',
    });
    expect(subject).toBe('Reply to AL CAN 3/2026 Bcc: x@example.org received');
  });

  it('writes calendar days and instants for the reader, in Geneva time, never as ISO text', () => {
    expect(['en', 'fr', 'es'].map((language) => readableValue('2026-12-05', language as 'en'))).toEqual([
      '5 December 2026',
      '5 décembre 2026',
      '5 de diciembre de 2026',
    ]);
    expect(readableValue('2026-12-05T23:22:20.413Z', 'en')).toBe('6 December 2026 at 00:22 (Geneva time)');
    expect(readableValue('2026-07-01T08:00:00Z', 'fr')).toBe('1 juillet 2026 à 10:00 (heure de Genève)');
    expect(readableValue('UA IRN 5/2023', 'en')).toBe('UA IRN 5/2023');

    const { body } = renderMail(MailTemplate.ApprovalRequested, 'en', {
      leadMandate: 'SR torture',
      title: 'Detention',
      signOnBy: '2026-12-05T23:22:20.413Z',
      link: 'x',
    });
    expect(body).toContain('Please approve or decline it by 6 December 2026 at 00:22 (Geneva time).');
    expect(body).not.toContain('2026-12-05T');
  });

  it("takes a parameter given per language in the e-mail's language", () => {
    const params = {
      reference: 'UA FRA 1/2026',
      sentOn: '2026-03-02',
      replyDueOn: '2026-05-01',
      link: 'x',
      ...perLanguage('recipientTo', { en: 'to France', fr: 'à la France', es: 'a Francia' }),
    };
    expect(renderMail(MailTemplate.LetterTransmitted, 'fr', params).body).toContain('a été transmise à la France.');
    expect(renderMail(MailTemplate.LetterTransmitted, 'es', params).body).toContain(
      'Se ha transmitido a Francia una comunicación',
    );
    expect(renderMail(MailTemplate.LetterTransmitted, 'en', params).body).toContain('has been transmitted to France.');
  });

  it('gives the Government its receipt code in the receipt', () => {
    for (const language of MAIL_LANGUAGES) {
      const { body } = renderMail(MailTemplate.ReplyReceipt, language, {
        reference: 'AL CAN 3/2026',
        receivedOn: '2026-03-02',
        receiptCode: 'R-7K3M9QXA2B4D',
        link: 'x',
      });
      expect(body).toContain('R-7K3M9QXA2B4D');
    }
  });
});
