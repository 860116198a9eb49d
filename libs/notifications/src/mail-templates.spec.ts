import {
  MAIL_LANGUAGES,
  MAIL_TEXTS,
  MailLanguage,
  MailTemplate,
  MailTemplateError,
  perLanguage,
  readableValue,
  renderMail,
  templateParams,
} from './mail-templates';

/** A raw ISO day or instant, as a reader should never see one. */
const ISO_DATE = /\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?/;

/** Realistic values for every parameter an e-mail takes: days and instants as the services give them. */
const SAMPLE: Record<string, string> = {
  reference: 'UA IRN 5/2026',
  title: 'Detention of human rights defenders',
  sentOn: '2026-03-02',
  replyDueOn: '2026-05-01',
  previousReplyDueOn: '2026-04-01',
  receivedOn: '2026-03-20',
  publicOn: '2026-05-04',
  requestedOn: '2026-01-31',
  signOnBy: '2026-12-05T23:22:20.413Z',
  validUntil: '2026-04-08T08:00:00.000Z',
  daysOverdue: '30',
  receiptCode: 'R-7K3M9QXA2B4D',
  username: 'a.focal',
  version: '2',
  leadMandate: 'EXPRESSION',
  mandate: 'Special Rapporteur on torture',
  ...perLanguage('state', { ar: 'إيران', zh: '伊朗', en: 'Iran', fr: "l'Iran", ru: 'Иран', es: 'Irán' }),
  ...perLanguage('recipientTo', {
    ar: 'إلى إيران',
    zh: '伊朗',
    en: 'to Iran',
    fr: "à l'Iran",
    ru: 'Иран',
    es: 'a Irán',
  }),
  ...perLanguage('recipientFrom', {
    ar: 'من إيران',
    zh: '伊朗',
    en: 'from Iran',
    fr: "de l'Iran",
    ru: 'Иран',
    es: 'de Irán',
  }),
  ...perLanguage('link', {
    ar: 'https://spcomms.example.org/ar/portal/letters/UA-IRN-5-2026',
    zh: 'https://spcomms.example.org/zh/portal/letters/UA-IRN-5-2026',
    en: 'https://spcomms.example.org/en/portal/letters/UA-IRN-5-2026',
    fr: 'https://spcomms.example.org/fr/portal/letters/UA-IRN-5-2026',
    ru: 'https://spcomms.example.org/ru/portal/letters/UA-IRN-5-2026',
    es: 'https://spcomms.example.org/es/portal/letters/UA-IRN-5-2026',
  }),
};

describe('mail templates', () => {
  const templates = Object.values(MailTemplate);
  const cases = templates.flatMap((template) => MAIL_LANGUAGES.map((language) => [template, language] as const));

  it('has every kind of e-mail in each of the six languages, and nothing else', () => {
    expect([...MAIL_LANGUAGES].sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    for (const language of MAIL_LANGUAGES) {
      expect(Object.keys(MAIL_TEXTS[language].templates).sort()).toEqual([...templates].sort());
    }
  });

  it('fails a kind that a language lacks', () => {
    const { templates: arabic } = MAIL_TEXTS.ar;
    const kept = arabic[MailTemplate.VisitRequested];
    delete (arabic as Partial<typeof arabic>)[MailTemplate.VisitRequested];
    try {
      expect(() => renderMail(MailTemplate.VisitRequested, 'ar', SAMPLE)).toThrow(MailTemplateError);
      expect(() => renderMail(MailTemplate.VisitRequested, 'ar', SAMPLE)).toThrow(/no text in ar/);
    } finally {
      arabic[MailTemplate.VisitRequested] = kept;
    }
  });

  it.each(templates)('%s uses the same parameters in the six languages', (template) => {
    const english = templateParams(template, 'en');
    expect(english.length).toBeGreaterThan(0);
    expect(english).toContain('link');
    for (const language of MAIL_LANGUAGES) {
      expect([language, templateParams(template, language)]).toEqual([language, english]);
    }
  });

  it.each(templates)('%s reads differently in each language', (template) => {
    const bodies = new Set(MAIL_LANGUAGES.map((language) => renderMail(template, language, SAMPLE).body));
    const subjects = new Set(MAIL_LANGUAGES.map((language) => renderMail(template, language, SAMPLE).subject));
    expect([bodies.size, subjects.size]).toEqual([6, 6]);
  });

  it.each(cases)(
    '%s in %s: every placeholder filled, no raw ISO date, the link in its language, a one-line subject',
    (template, language) => {
      const { subject, body } = renderMail(template, language, SAMPLE);
      const text = `${subject}\n${body}`;
      expect(subject).not.toMatch(/[\r\n]/);
      expect(text).not.toMatch(/[{}]/);
      expect(text).not.toMatch(/undefined|null|NaN/);
      expect(text).not.toMatch(ISO_DATE);
      expect(body).toContain(SAMPLE[`link.${language}`]);
      expect(body.match(/https?:\/\/\S+/g)).toEqual([SAMPLE[`link.${language}`]]);
      expect(body).toContain(MAIL_TEXTS[language].footer.trim());
      // Every value but a day or an instant (written for the reader, checked above) appears as given.
      const shown = templateParams(template, language)
        .map((name) => [name, SAMPLE[`${name}.${language}`] ?? SAMPLE[name]!] as const)
        .filter(([, value]) => !/^\d{4}-/.test(value));
      expect(shown.filter(([, value]) => !text.includes(value))).toEqual([]);
    },
  );

  it('refuses an unknown template and a missing parameter', () => {
    expect(() => renderMail('letter.unknown', 'en', {})).toThrow(MailTemplateError);
    expect(() => renderMail(MailTemplate.ReminderBefore, 'fr', { reference: 'UA IRN 5/2023' })).toThrow(/replyDueOn/);
    expect(() => renderMail(MailTemplate.ReminderBefore, 'zh', { reference: 'UA IRN 5/2023' })).toThrow(/replyDueOn/);
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
    const day = (language: MailLanguage) => readableValue('2026-12-05', language);
    expect(MAIL_LANGUAGES.map(day)).toEqual([
      '5 ديسمبر 2026',
      '2026年12月5日',
      '5 December 2026',
      '5 décembre 2026',
      '5 декабря 2026 г.',
      '5 de diciembre de 2026',
    ]);
    expect(readableValue('2026-12-05T23:22:20.413Z', 'en')).toBe('6 December 2026 at 00:22 (Geneva time)');
    expect(readableValue('2026-07-01T08:00:00Z', 'fr')).toBe('1 juillet 2026 à 10:00 (heure de Genève)');
    // Summer and winter: Geneva is UTC+2, then UTC+1.
    expect(readableValue('2026-07-01T08:00:00Z', 'zh')).toContain('10:00');
    expect(readableValue('2026-01-15T08:00:00Z', 'ru')).toContain('09:00');
    expect(readableValue('2026-01-15T08:00:00Z', 'ru')).toContain('по женевскому времени');
    expect(readableValue('2026-01-15T08:00:00Z', 'ar')).toContain('بتوقيت جنيف');
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
      ...perLanguage('recipientTo', {
        ar: 'إلى فرنسا',
        zh: '法国',
        en: 'to France',
        fr: 'à la France',
        ru: 'Франция',
        es: 'a Francia',
      }),
    };
    expect(renderMail(MailTemplate.LetterTransmitted, 'fr', params).body).toContain('a été transmise à la France.');
    expect(renderMail(MailTemplate.LetterTransmitted, 'es', params).body).toContain(
      'Se ha transmitido a Francia una comunicación',
    );
    expect(renderMail(MailTemplate.LetterTransmitted, 'en', params).body).toContain('has been transmitted to France.');
    expect(renderMail(MailTemplate.LetterTransmitted, 'ar', params).body).toContain('لمجلس حقوق الإنسان إلى فرنسا.');
    expect(renderMail(MailTemplate.LetterTransmitted, 'zh', params).body).toContain('已向法国转交');
    expect(renderMail(MailTemplate.LetterTransmitted, 'ru', params).body).toContain('(адресат: Франция)');
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
