import { MailLanguage, byMailLanguage, perLanguage } from '@spcomms/notifications';
import { StateEntity } from '@spcomms/reference';

/**
 * Prepositions before the name of a company or organisation, which takes no article; the Chinese
 * and Russian e-mails are worded to name it as it is.
 */
const TO: Record<MailLanguage, string> = { ar: 'إلى', zh: '', en: 'to', fr: 'à', ru: '', es: 'a' };
const FROM: Record<MailLanguage, string> = { ar: 'من', zh: '', en: 'from', fr: 'de', ru: '', es: 'de' };

const byLanguage = byMailLanguage;

function after(preposition: string, name: string): string {
  return preposition ? `${preposition} ${name}` : name;
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
      byLanguage((language) => phrase(language)?.to ?? after(TO[language], plain)),
    ),
    ...perLanguage(
      'recipientFrom',
      byLanguage((language) => phrase(language)?.from ?? after(FROM[language], plain)),
    ),
  };
}
