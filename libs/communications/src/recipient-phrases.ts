import { MAIL_LANGUAGES, MailLanguage, perLanguage } from '@spcomms/notifications';
import { StateEntity } from '@spcomms/reference';

/** Prepositions before the name of a company or organisation, which takes no article. */
const TO: Record<MailLanguage, string> = { en: 'to', fr: 'à', es: 'a' };
const FROM: Record<MailLanguage, string> = { en: 'from', fr: 'de', es: 'de' };

function byLanguage(make: (language: MailLanguage) => string): Record<MailLanguage, string> {
  return Object.fromEntries(MAIL_LANGUAGES.map((language) => [language, make(language)])) as Record<
    MailLanguage,
    string
  >;
}

/**
 * The parameters that name a letter's recipient in an e-mail, in each e-mail language:
 * `recipient` ("la France"), `recipientTo` ("à la France", "au Bélarus", "aux Pays-Bas") and
 * `recipientFrom` ("de la France", "du Bélarus"). A State's phrases come from the reference data;
 * a company or organisation is named as registered.
 */
export function recipientParams(recipient: {
  state: StateEntity | null;
  otherName: string | null;
  code: string;
}): Record<string, string> {
  const { state, otherName, code } = recipient;
  const phrase = (language: MailLanguage) => state?.phrases?.[language];
  const plain = otherName ?? state?.name ?? code;
  return {
    ...perLanguage(
      'recipient',
      byLanguage((language) => phrase(language)?.name ?? plain),
    ),
    ...perLanguage(
      'recipientTo',
      byLanguage((language) => phrase(language)?.to ?? `${TO[language]} ${plain}`),
    ),
    ...perLanguage(
      'recipientFrom',
      byLanguage((language) => phrase(language)?.from ?? `${FROM[language]} ${plain}`),
    ),
  };
}
