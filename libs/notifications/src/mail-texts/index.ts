import { MailLanguage, MailTexts } from '../mail-kinds';
import { AR } from './ar';
import { EN } from './en';
import { ES } from './es';
import { FR } from './fr';
import { RU } from './ru';
import { ZH } from './zh';

/** The e-mails in each of the six languages, one file per language. */
export const MAIL_TEXTS: Record<MailLanguage, MailTexts> = { ar: AR, zh: ZH, en: EN, fr: FR, ru: RU, es: ES };
