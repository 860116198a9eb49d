/** The working languages in which users receive e-mail (a user's `language`). */
export type MailLanguage = 'en' | 'fr' | 'es';
export const MAIL_LANGUAGES: readonly MailLanguage[] = ['en', 'fr', 'es'];

export enum MailTemplate {
  /** To Government focal points: a letter was sent to their State. */
  LetterTransmitted = 'letter.transmitted',
  /** To Government focal points: the reply date approaches (C13, 14 days before). */
  ReminderBefore = 'letter.reminder_before',
  /** To Government focal points: the reply is requested today (C13). */
  ReminderDue = 'letter.reminder_due',
  /** To Government focal points: the reply is overdue (C13, 30 days after). */
  ReminderAfter = 'letter.reminder_after',
  /** To Government focal points: the reply date of a letter to their State was extended. */
  ReplyDeadlineExtended = 'letter.deadline_extended',
  /** To Government focal points: their reply was recorded. */
  ReplyReceipt = 'reply.receipt',
  /** To assistants: a reply came in. */
  ReplyReceived = 'reply.received',
  /** To assistants: a letter is overdue. */
  LetterOverdue = 'letter.overdue',
  /** To assistants: a letter is about to become public (C11). */
  PublicationDue = 'publication.due',
  /** To assistants: publication waits for the redaction check (C11, C14). */
  RedactionCheckMissing = 'publication.redaction_check_missing',
  /** To mandate-holders: a draft awaits their approval (C5). */
  ApprovalRequested = 'approval.requested',
  /** To mandate-holders: their approval is still pending. */
  ApprovalReminder = 'approval.reminder',
  /** To Government focal points: a country-visit request is unanswered (V3). */
  VisitRequestReminder = 'visit.request_reminder',
  /** To mandate-holders: a version of a draft awaits their mandate's approval (C5, C6: a new version voids earlier approvals). */
  ApprovalVersion = 'approval.version',
  /** To a new user: a one-time link to set their password. */
  AccountPasswordSetup = 'account.password_setup',
  /** To a user whose password an admin reset: a one-time link to set a new one. */
  AccountPasswordReset = 'account.password_reset',
  /** To Government focal points: a mandate asks to visit their State (V1). */
  VisitRequested = 'visit.requested',
}

interface Text {
  subject: string;
  body: string;
}

type Template = Record<MailLanguage, Text>;

const FOOTER: Record<MailLanguage, string> = {
  en: '\n\n--\nSpecial Procedures of the UN Human Rights Council (OHCHR)\nThis message was sent automatically; please do not reply to it.\n',
  fr: "\n\n--\nProcédures spéciales du Conseil des droits de l'homme des Nations Unies (HCDH)\nCe message a été envoyé automatiquement ; merci de ne pas y répondre.\n",
  es: '\n\n--\nProcedimientos especiales del Consejo de Derechos Humanos de las Naciones Unidas (ACNUDH)\nEste mensaje se envió automáticamente; le rogamos que no lo responda.\n',
};

/** Plain-text templates; `{{name}}` is replaced by the parameter of that name. */
export const MAIL_TEMPLATES: Record<MailTemplate, Template> = {
  [MailTemplate.LetterTransmitted]: {
    en: {
      subject: 'New communication {{reference}} from the special procedures',
      body:
        'A communication from the special procedures of the Human Rights Council has been transmitted {{recipientTo}}.\n\n' +
        'Reference: {{reference}}\nSent on: {{sentOn}}\nA reply is requested by: {{replyDueOn}}\n\nRead the letter and reply at {{link}}',
    },
    fr: {
      subject: 'Nouvelle communication {{reference}} des procédures spéciales',
      body:
        "Une communication des procédures spéciales du Conseil des droits de l'homme a été transmise {{recipientTo}}.\n\n" +
        "Référence : {{reference}}\nEnvoyée le : {{sentOn}}\nRéponse demandée d'ici le : {{replyDueOn}}\n\nConsultez la lettre et répondez sur {{link}}",
    },
    es: {
      subject: 'Nueva comunicación {{reference}} de los procedimientos especiales',
      body:
        'Se ha transmitido {{recipientTo}} una comunicación de los procedimientos especiales del Consejo de Derechos Humanos.\n\n' +
        'Referencia: {{reference}}\nEnviada el: {{sentOn}}\nSe solicita respuesta a más tardar el: {{replyDueOn}}\n\nConsulte la carta y responda en {{link}}',
    },
  },
  [MailTemplate.ReminderBefore]: {
    en: {
      subject: 'Reminder: reply to {{reference}} requested by {{replyDueOn}}',
      body: 'This is a reminder that a reply to communication {{reference}}, addressed {{recipientTo}}, is requested by {{replyDueOn}}.\n\nReply at {{link}}',
    },
    fr: {
      subject: "Rappel : réponse à {{reference}} demandée d'ici le {{replyDueOn}}",
      body: "Nous vous rappelons qu'une réponse à la communication {{reference}}, adressée {{recipientTo}}, est demandée d'ici le {{replyDueOn}}.\n\nRépondre : {{link}}",
    },
    es: {
      subject: 'Recordatorio: se solicita respuesta a {{reference}} a más tardar el {{replyDueOn}}',
      body: 'Le recordamos que se solicita una respuesta a la comunicación {{reference}}, dirigida {{recipientTo}}, a más tardar el {{replyDueOn}}.\n\nResponder: {{link}}',
    },
  },
  [MailTemplate.ReminderDue]: {
    en: {
      subject: 'Reply to {{reference}} requested today',
      body: 'A reply to communication {{reference}}, addressed {{recipientTo}}, is requested today, {{replyDueOn}}. No reply has been received so far.\n\nReply at {{link}}',
    },
    fr: {
      subject: "Réponse à {{reference}} demandée aujourd'hui",
      body: "Une réponse à la communication {{reference}}, adressée {{recipientTo}}, est demandée aujourd'hui, le {{replyDueOn}}. Aucune réponse n'a été reçue à ce jour.\n\nRépondre : {{link}}",
    },
    es: {
      subject: 'Respuesta a {{reference}} solicitada para hoy',
      body: 'Se solicita para hoy, {{replyDueOn}}, una respuesta a la comunicación {{reference}}, dirigida {{recipientTo}}. Hasta la fecha no se ha recibido respuesta.\n\nResponder: {{link}}',
    },
  },
  [MailTemplate.ReminderAfter]: {
    en: {
      subject: 'Overdue: no reply yet to {{reference}}',
      body:
        'The reply to communication {{reference}}, addressed {{recipientTo}}, was requested by {{replyDueOn}} ({{daysOverdue}} days ago) and has not been received. ' +
        'Replies are welcome at any time and are published with the communication.\n\nReply at {{link}}',
    },
    fr: {
      subject: 'En retard : pas encore de réponse à {{reference}}',
      body:
        "La réponse à la communication {{reference}}, adressée {{recipientTo}}, était demandée pour le {{replyDueOn}} (il y a {{daysOverdue}} jours) et n'a pas été reçue. " +
        'Les réponses sont bienvenues à tout moment et sont publiées avec la communication.\n\nRépondre : {{link}}',
    },
    es: {
      subject: 'Vencida: aún no hay respuesta a {{reference}}',
      body:
        'La respuesta a la comunicación {{reference}}, dirigida {{recipientTo}}, se solicitó para el {{replyDueOn}} (hace {{daysOverdue}} días) y no se ha recibido. ' +
        'Las respuestas son bienvenidas en cualquier momento y se publican junto con la comunicación.\n\nResponder: {{link}}',
    },
  },
  [MailTemplate.ReplyDeadlineExtended]: {
    en: {
      subject: 'Reply to {{reference}} now requested by {{replyDueOn}}',
      body:
        'The special procedures have extended the date by which a reply to communication {{reference}}, addressed {{recipientTo}}, is requested: ' +
        'it was {{previousReplyDueOn}} and is now {{replyDueOn}}.\n\nReply at {{link}}',
    },
    fr: {
      subject: "Réponse à {{reference}} désormais demandée d'ici le {{replyDueOn}}",
      body:
        'Les procédures spéciales ont prorogé le délai de réponse à la communication {{reference}}, adressée {{recipientTo}} : ' +
        "la réponse était demandée d'ici le {{previousReplyDueOn}}, elle l'est désormais d'ici le {{replyDueOn}}.\n\nRépondre : {{link}}",
    },
    es: {
      subject: 'Respuesta a {{reference}} solicitada ahora a más tardar el {{replyDueOn}}',
      body:
        'Los procedimientos especiales han prorrogado el plazo de respuesta a la comunicación {{reference}}, dirigida {{recipientTo}}: ' +
        'la respuesta se solicitaba a más tardar el {{previousReplyDueOn}} y ahora a más tardar el {{replyDueOn}}.\n\nResponder: {{link}}',
    },
  },
  [MailTemplate.ReplyReceipt]: {
    en: {
      subject: 'Reply to {{reference}} received',
      body: 'Your reply to communication {{reference}} was received on {{receivedOn}} and recorded under receipt code {{receiptCode}}; please quote it in any exchange about this reply. Thank you.\n\nSee it at {{link}}',
    },
    fr: {
      subject: 'Réponse à {{reference}} reçue',
      body: 'Votre réponse à la communication {{reference}} a été reçue le {{receivedOn}} et enregistrée sous le code de réception {{receiptCode}}, à rappeler dans tout échange au sujet de cette réponse. Nous vous en remercions.\n\nLa consulter : {{link}}',
    },
    es: {
      subject: 'Respuesta a {{reference}} recibida',
      body: 'Su respuesta a la comunicación {{reference}} se recibió el {{receivedOn}} y ha quedado registrada con el código de recepción {{receiptCode}}, que le rogamos cite en toda comunicación relativa a esta respuesta. Muchas gracias.\n\nConsultarla: {{link}}',
    },
  },
  [MailTemplate.ReplyReceived]: {
    en: {
      subject: 'Reply {{recipientFrom}} to {{reference}}',
      body: 'A reply {{recipientFrom}} to communication {{reference}} was received on {{receivedOn}}.\n\nOpen it at {{link}}',
    },
    fr: {
      subject: 'Réponse {{recipientFrom}} à {{reference}}',
      body: "Une réponse {{recipientFrom}} à la communication {{reference}} a été reçue le {{receivedOn}}.\n\nL'ouvrir : {{link}}",
    },
    es: {
      subject: 'Respuesta {{recipientFrom}} a {{reference}}',
      body: 'Se recibió el {{receivedOn}} una respuesta {{recipientFrom}} a la comunicación {{reference}}.\n\nAbrirla: {{link}}',
    },
  },
  [MailTemplate.LetterOverdue]: {
    en: {
      subject: '{{reference}} is overdue',
      body: 'No reply {{recipientFrom}} to communication {{reference}} was received by {{replyDueOn}}. Consider a reminder or a follow-up letter.\n\nOpen the letter at {{link}}',
    },
    fr: {
      subject: '{{reference}} : délai de réponse dépassé',
      body: "Aucune réponse {{recipientFrom}} à la communication {{reference}} n'a été reçue au {{replyDueOn}}. Envisagez un rappel ou une lettre de suivi.\n\nOuvrir la lettre : {{link}}",
    },
    es: {
      subject: '{{reference}}: plazo de respuesta vencido',
      body: 'No se recibió ninguna respuesta {{recipientFrom}} a la comunicación {{reference}} a más tardar el {{replyDueOn}}. Considere un recordatorio o una carta de seguimiento.\n\nAbrir la carta: {{link}}',
    },
  },
  [MailTemplate.PublicationDue]: {
    en: {
      subject: '{{reference}} is due for publication on {{publicOn}}',
      body: 'Communication {{reference}} becomes public on {{publicOn}}. Check its redacted public version before then: publication waits for that check.\n\nOpen it at {{link}}',
    },
    fr: {
      subject: 'Publication de {{reference}} prévue le {{publicOn}}',
      body: "La communication {{reference}} devient publique le {{publicOn}}. Vérifiez sa version publique expurgée d'ici là : la publication attend cette vérification.\n\nL'ouvrir : {{link}}",
    },
    es: {
      subject: 'Publicación de {{reference}} prevista el {{publicOn}}',
      body: 'La comunicación {{reference}} se hace pública el {{publicOn}}. Revise su versión pública editada antes de esa fecha: la publicación espera esa revisión.\n\nAbrirla: {{link}}',
    },
  },
  [MailTemplate.RedactionCheckMissing]: {
    en: {
      subject: 'Publication of {{reference}} is waiting for the redaction check',
      body: 'Communication {{reference}} was due to become public on {{publicOn}}, but its redacted version has not been checked. It will be published once an assistant has checked it.\n\nCheck it at {{link}}',
    },
    fr: {
      subject: "La publication de {{reference}} attend la vérification de l'expurgation",
      body: "La communication {{reference}} devait devenir publique le {{publicOn}}, mais sa version expurgée n'a pas été vérifiée. Elle sera publiée dès qu'un assistant l'aura vérifiée.\n\nLa vérifier : {{link}}",
    },
    es: {
      subject: 'La publicación de {{reference}} espera la revisión de la versión editada',
      body: 'La comunicación {{reference}} debía hacerse pública el {{publicOn}}, pero su versión editada no ha sido revisada. Se publicará en cuanto un asistente la haya revisado.\n\nRevisarla: {{link}}',
    },
  },
  [MailTemplate.ApprovalRequested]: {
    en: {
      subject: 'Approval requested: {{title}}',
      body: '{{leadMandate}} invites you to approve the draft communication "{{title}}". Please approve or decline it by {{signOnBy}}.\n\nRead the draft at {{link}}',
    },
    fr: {
      subject: 'Approbation demandée : {{title}}',
      body: "{{leadMandate}} vous invite à approuver le projet de communication « {{title}} ». Merci de l'approuver ou de le refuser d'ici le {{signOnBy}}.\n\nLire le projet : {{link}}",
    },
    es: {
      subject: 'Se solicita su aprobación: {{title}}',
      body: '{{leadMandate}} le invita a aprobar el proyecto de comunicación «{{title}}». Sírvase aprobarlo o rechazarlo a más tardar el {{signOnBy}}.\n\nLeer el proyecto: {{link}}',
    },
  },
  [MailTemplate.ApprovalReminder]: {
    en: {
      subject: 'Reminder: your approval of "{{title}}" is pending',
      body: 'The draft communication "{{title}}" is waiting for your approval or refusal, due by {{signOnBy}}.\n\nRead the draft at {{link}}',
    },
    fr: {
      subject: 'Rappel : votre approbation de « {{title}} » est attendue',
      body: "Le projet de communication « {{title}} » attend votre approbation ou votre refus d'ici le {{signOnBy}}.\n\nLire le projet : {{link}}",
    },
    es: {
      subject: 'Recordatorio: su aprobación de «{{title}}» está pendiente',
      body: 'El proyecto de comunicación «{{title}}» espera su aprobación o su rechazo a más tardar el {{signOnBy}}.\n\nLeer el proyecto: {{link}}',
    },
  },
  [MailTemplate.VisitRequestReminder]: {
    en: {
      subject: 'Reminder: country-visit request of the mandate "{{mandate}}"',
      body: 'On {{requestedOn}} the mandate "{{mandate}}" asked to visit {{state}}. No answer has been received yet; we would be grateful for your reply.\n\nAnswer at {{link}}',
    },
    fr: {
      subject: 'Rappel : demande de visite du mandat « {{mandate}} »',
      body: "Le {{requestedOn}}, le mandat « {{mandate}} » a demandé à effectuer une visite (État : {{state}}). Aucune réponse n'a encore été reçue ; nous vous serions reconnaissants de bien vouloir répondre.\n\nRépondre : {{link}}",
    },
    es: {
      subject: 'Recordatorio: solicitud de visita del mandato «{{mandate}}»',
      body: 'El {{requestedOn}}, el mandato «{{mandate}}» solicitó visitar {{state}}. Aún no se ha recibido respuesta; le agradeceríamos que respondiera.\n\nResponder: {{link}}',
    },
  },
  [MailTemplate.ApprovalVersion]: {
    en: {
      subject: 'Approval requested: version {{version}} of "{{title}}"',
      body:
        'Version {{version}} of the draft communication "{{title}}" of {{leadMandate}} awaits the approval of {{mandate}}. ' +
        'An approval counts only for the version it names: approvals of earlier versions no longer count.\n\nRead the draft and approve or decline it at {{link}}',
    },
    fr: {
      subject: 'Approbation demandée : version {{version}} de « {{title}} »',
      body:
        "La version {{version}} du projet de communication « {{title}} » de {{leadMandate}} attend l'approbation de {{mandate}}. " +
        "Une approbation ne vaut que pour la version qu'elle nomme : les approbations des versions antérieures ne comptent plus.\n\nLire le projet et l'approuver ou le refuser : {{link}}",
    },
    es: {
      subject: 'Se solicita su aprobación: versión {{version}} de «{{title}}»',
      body:
        'La versión {{version}} del proyecto de comunicación «{{title}}» de {{leadMandate}} espera la aprobación de {{mandate}}. ' +
        'Una aprobación solo vale para la versión que indica: las aprobaciones de versiones anteriores ya no cuentan.\n\nLeer el proyecto y aprobarlo o rechazarlo: {{link}}',
    },
  },
  [MailTemplate.AccountPasswordSetup]: {
    en: {
      subject: 'Your account {{username}}: set your password',
      body: 'An account with the user name {{username}} was created for you. Set your password with this link, which works once, until {{validUntil}}:\n\n{{link}}',
    },
    fr: {
      subject: 'Votre compte {{username}} : choisissez votre mot de passe',
      body: "Un compte avec le nom d'utilisateur {{username}} a été créé pour vous. Choisissez votre mot de passe avec ce lien, valable une seule fois, jusqu'au {{validUntil}} :\n\n{{link}}",
    },
    es: {
      subject: 'Su cuenta {{username}}: elija su contraseña',
      body: 'Se ha creado para usted una cuenta con el nombre de usuario {{username}}. Elija su contraseña con este enlace, válido una sola vez, hasta el {{validUntil}}:\n\n{{link}}',
    },
  },
  [MailTemplate.AccountPasswordReset]: {
    en: {
      subject: 'Your account {{username}}: set a new password',
      body: 'An administrator reset the password of your account {{username}}. Set a new one with this link, which works once, until {{validUntil}}:\n\n{{link}}',
    },
    fr: {
      subject: 'Votre compte {{username}} : choisissez un nouveau mot de passe',
      body: "Un administrateur a réinitialisé le mot de passe de votre compte {{username}}. Choisissez-en un nouveau avec ce lien, valable une seule fois, jusqu'au {{validUntil}} :\n\n{{link}}",
    },
    es: {
      subject: 'Su cuenta {{username}}: elija una nueva contraseña',
      body: 'Un administrador restableció la contraseña de su cuenta {{username}}. Elija una nueva con este enlace, válido una sola vez, hasta el {{validUntil}}:\n\n{{link}}',
    },
  },
  [MailTemplate.VisitRequested]: {
    en: {
      subject: 'Country-visit request of the mandate "{{mandate}}"',
      body:
        'On {{requestedOn}} the mandate "{{mandate}}" of the special procedures of the Human Rights Council asked to visit {{state}}.\n\n' +
        'Read the request and answer it (acknowledge, accept or invite, propose dates or decline) at {{link}}',
    },
    fr: {
      subject: 'Demande de visite du mandat « {{mandate}} »',
      body:
        "Le {{requestedOn}}, le mandat « {{mandate}} » des procédures spéciales du Conseil des droits de l'homme a demandé à effectuer une visite (État : {{state}}).\n\n" +
        'Consultez la demande et répondez-y (accusé de réception, acceptation ou invitation, proposition de dates ou refus) : {{link}}',
    },
    es: {
      subject: 'Solicitud de visita del mandato «{{mandate}}»',
      body:
        'El {{requestedOn}}, el mandato «{{mandate}}» de los procedimientos especiales del Consejo de Derechos Humanos solicitó visitar {{state}}.\n\n' +
        'Consulte la solicitud y respóndala (acuse de recibo, aceptación o invitación, propuesta de fechas o rechazo) en {{link}}',
    },
  },
};

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The parameter names a template uses (the same in every language; a unit test checks it). */
export function templateParams(template: MailTemplate, language: MailLanguage = 'en'): string[] {
  const { subject, body } = MAIL_TEMPLATES[template][language];
  return [...new Set([...`${subject}\n${body}`.matchAll(PLACEHOLDER)].map((match) => match[1]))].sort();
}

export function isMailTemplate(name: string): name is MailTemplate {
  return Object.values(MailTemplate).includes(name as MailTemplate);
}

export class MailTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailTemplateError';
  }
}

/** Days and instants in e-mails are written for the reader, in the calendar and clock of Geneva. */
export const MAIL_TIME_ZONE = 'Europe/Zurich';

const LOCALE: Record<MailLanguage, string> = { en: 'en-GB', fr: 'fr-CH', es: 'es' };
const GENEVA_TIME: Record<MailLanguage, string> = { en: 'Geneva time', fr: 'heure de Genève', es: 'hora de Ginebra' };
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A parameter as the reader should see it: a calendar day (`2026-12-05`) as a long date of the
 * language ("5 December 2026", "5 décembre 2026"), an instant as its day and time in Geneva with the
 * time zone said; any other value as given.
 */
export function readableValue(value: string, language: MailLanguage): string {
  if (CALENDAR_DAY.test(value)) {
    return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    const written = new Intl.DateTimeFormat(LOCALE[language], {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: MAIL_TIME_ZONE,
    }).format(new Date(value));
    return `${written} (${GENEVA_TIME[language]})`;
  }
  return value;
}

/**
 * Parameters that differ by language (a State's name with its article and prepositions, say) are
 * given once per language as `name.en`, `name.fr`, `name.es`; the others once, as `name`.
 */
export function perLanguage(name: string, values: Record<MailLanguage, string>): Record<string, string> {
  return Object.fromEntries(MAIL_LANGUAGES.map((language) => [`${name}.${language}`, values[language]]));
}

function paramOf(params: Record<string, string>, name: string, language: MailLanguage): string | undefined {
  const value = params[`${name}.${language}`] ?? params[name];
  return typeof value === 'string' ? value : undefined;
}

/** Renders a template; throws when it is unknown or a parameter is missing. */
export function renderMail(template: string, language: MailLanguage, params: Record<string, string>): Text {
  if (!isMailTemplate(template)) {
    throw new MailTemplateError(`Unknown mail template ${template}`);
  }
  const missing = templateParams(template, language).filter((name) => paramOf(params, name, language) === undefined);
  if (missing.length > 0) {
    throw new MailTemplateError(`Mail template ${template} needs parameter(s): ${missing.join(', ')}`);
  }
  const text = MAIL_TEMPLATES[template][language];
  const fill = (value: string) =>
    value.replace(PLACEHOLDER, (_, name: string) => readableValue(paramOf(params, name, language) as string, language));
  // A subject is one line: a parameter with a line break must not inject headers.
  return { subject: fill(text.subject).replace(/[\r\n]+/g, ' '), body: fill(text.body) + FOOTER[language] };
}
