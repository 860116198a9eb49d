import { MailTemplate, MailTexts } from '../mail-kinds';

/** The e-mails in French. */
export const FR: MailTexts = {
  locale: 'fr-CH',
  genevaTime: 'heure de Genève',
  footer:
    "\n\n--\nProcédures spéciales du Conseil des droits de l'homme des Nations Unies (HCDH)\nCe message a été envoyé automatiquement ; merci de ne pas y répondre.\n",
  templates: {
    [MailTemplate.LetterTransmitted]: {
      subject: 'Nouvelle communication {{reference}} des procédures spéciales',
      body: "Une communication des procédures spéciales du Conseil des droits de l'homme a été transmise {{recipientTo}}.\n\nRéférence : {{reference}}\nEnvoyée le : {{sentOn}}\nRéponse demandée d'ici le : {{replyDueOn}}\n\nConsultez la lettre et répondez sur {{link}}",
    },
    [MailTemplate.ReminderBefore]: {
      subject: "Rappel : réponse à {{reference}} demandée d'ici le {{replyDueOn}}",
      body: "Nous vous rappelons qu'une réponse à la communication {{reference}}, adressée {{recipientTo}}, est demandée d'ici le {{replyDueOn}}.\n\nRépondre : {{link}}",
    },
    [MailTemplate.ReminderDue]: {
      subject: "Réponse à {{reference}} demandée aujourd'hui",
      body: "Une réponse à la communication {{reference}}, adressée {{recipientTo}}, est demandée aujourd'hui, le {{replyDueOn}}. Aucune réponse n'a été reçue à ce jour.\n\nRépondre : {{link}}",
    },
    [MailTemplate.ReminderAfter]: {
      subject: 'En retard : pas encore de réponse à {{reference}}',
      body: "La réponse à la communication {{reference}}, adressée {{recipientTo}}, était demandée pour le {{replyDueOn}} (il y a {{daysOverdue}} jours) et n'a pas été reçue. Les réponses sont bienvenues à tout moment et sont publiées avec la communication.\n\nRépondre : {{link}}",
    },
    [MailTemplate.ReplyDeadlineExtended]: {
      subject: "Réponse à {{reference}} désormais demandée d'ici le {{replyDueOn}}",
      body: "Les procédures spéciales ont prorogé le délai de réponse à la communication {{reference}}, adressée {{recipientTo}} : la réponse était demandée d'ici le {{previousReplyDueOn}}, elle l'est désormais d'ici le {{replyDueOn}}.\n\nRépondre : {{link}}",
    },
    [MailTemplate.ReplyReceipt]: {
      subject: 'Réponse à {{reference}} reçue',
      body: 'Votre réponse à la communication {{reference}} a été reçue le {{receivedOn}} et enregistrée sous le code de réception {{receiptCode}}, à rappeler dans tout échange au sujet de cette réponse. Nous vous en remercions.\n\nLa consulter : {{link}}',
    },
    [MailTemplate.ReplyReceived]: {
      subject: 'Réponse {{recipientFrom}} à {{reference}}',
      body: "Une réponse {{recipientFrom}} à la communication {{reference}} a été reçue le {{receivedOn}}.\n\nL'ouvrir : {{link}}",
    },
    [MailTemplate.LetterOverdue]: {
      subject: '{{reference}} : délai de réponse dépassé',
      body: "Aucune réponse {{recipientFrom}} à la communication {{reference}} n'a été reçue au {{replyDueOn}}. Envisagez un rappel ou une lettre de suivi.\n\nOuvrir la lettre : {{link}}",
    },
    [MailTemplate.PublicationDue]: {
      subject: 'Publication de {{reference}} prévue le {{publicOn}}',
      body: "La communication {{reference}} devient publique le {{publicOn}}. Vérifiez sa version publique expurgée d'ici là : la publication attend cette vérification.\n\nL'ouvrir : {{link}}",
    },
    [MailTemplate.RedactionCheckMissing]: {
      subject: "La publication de {{reference}} attend la vérification de l'expurgation",
      body: "La communication {{reference}} devait devenir publique le {{publicOn}}, mais sa version expurgée n'a pas été vérifiée. Elle sera publiée dès qu'un assistant l'aura vérifiée.\n\nLa vérifier : {{link}}",
    },
    [MailTemplate.ApprovalRequested]: {
      subject: 'Approbation demandée : {{title}}',
      body: "{{leadMandate}} vous invite à approuver le projet de communication « {{title}} ». Merci de l'approuver ou de le refuser d'ici le {{signOnBy}}.\n\nLire le projet : {{link}}",
    },
    [MailTemplate.ApprovalReminder]: {
      subject: 'Rappel : votre approbation de « {{title}} » est attendue',
      body: "Le projet de communication « {{title}} » attend votre approbation ou votre refus d'ici le {{signOnBy}}.\n\nLire le projet : {{link}}",
    },
    [MailTemplate.VisitRequestReminder]: {
      subject: 'Rappel : demande de visite du mandat « {{mandate}} »',
      body: "Le {{requestedOn}}, le mandat « {{mandate}} » a demandé à effectuer une visite (État : {{state}}). Aucune réponse n'a encore été reçue ; nous vous serions reconnaissants de bien vouloir répondre.\n\nRépondre : {{link}}",
    },
    [MailTemplate.ApprovalVersion]: {
      subject: 'Approbation demandée : version {{version}} de « {{title}} »',
      body: "La version {{version}} du projet de communication « {{title}} » de {{leadMandate}} attend l'approbation de {{mandate}}. Une approbation ne vaut que pour la version qu'elle nomme : les approbations des versions antérieures ne comptent plus.\n\nLire le projet et l'approuver ou le refuser : {{link}}",
    },
    [MailTemplate.AccountPasswordSetup]: {
      subject: 'Votre compte {{username}} : choisissez votre mot de passe',
      body: "Un compte avec le nom d'utilisateur {{username}} a été créé pour vous. Choisissez votre mot de passe avec ce lien, valable une seule fois, jusqu'au {{validUntil}} :\n\n{{link}}",
    },
    [MailTemplate.AccountPasswordReset]: {
      subject: 'Votre compte {{username}} : choisissez un nouveau mot de passe',
      body: "Un administrateur a réinitialisé le mot de passe de votre compte {{username}}. Choisissez-en un nouveau avec ce lien, valable une seule fois, jusqu'au {{validUntil}} :\n\n{{link}}",
    },
    [MailTemplate.VisitRequested]: {
      subject: 'Demande de visite du mandat « {{mandate}} »',
      body: "Le {{requestedOn}}, le mandat « {{mandate}} » des procédures spéciales du Conseil des droits de l'homme a demandé à effectuer une visite (État : {{state}}).\n\nConsultez la demande et répondez-y (accusé de réception, acceptation ou invitation, proposition de dates ou refus) : {{link}}",
    },
  },
};
