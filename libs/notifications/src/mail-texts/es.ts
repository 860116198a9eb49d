import { MailTemplate, MailTexts } from '../mail-kinds';

/** The e-mails in Spanish. */
export const ES: MailTexts = {
  locale: 'es',
  genevaTime: 'hora de Ginebra',
  footer:
    '\n\n--\nProcedimientos especiales del Consejo de Derechos Humanos de las Naciones Unidas (ACNUDH)\nEste mensaje se envió automáticamente; le rogamos que no lo responda.\n',
  templates: {
    [MailTemplate.LetterTransmitted]: {
      subject: 'Nueva comunicación {{reference}} de los procedimientos especiales',
      body: 'Se ha transmitido {{recipientTo}} una comunicación de los procedimientos especiales del Consejo de Derechos Humanos.\n\nReferencia: {{reference}}\nEnviada el: {{sentOn}}\nSe solicita respuesta a más tardar el: {{replyDueOn}}\n\nConsulte la carta y responda en {{link}}',
    },
    [MailTemplate.ReminderBefore]: {
      subject: 'Recordatorio: se solicita respuesta a {{reference}} a más tardar el {{replyDueOn}}',
      body: 'Le recordamos que se solicita una respuesta a la comunicación {{reference}}, dirigida {{recipientTo}}, a más tardar el {{replyDueOn}}.\n\nResponder: {{link}}',
    },
    [MailTemplate.ReminderDue]: {
      subject: 'Respuesta a {{reference}} solicitada para hoy',
      body: 'Se solicita para hoy, {{replyDueOn}}, una respuesta a la comunicación {{reference}}, dirigida {{recipientTo}}. Hasta la fecha no se ha recibido respuesta.\n\nResponder: {{link}}',
    },
    [MailTemplate.ReminderAfter]: {
      subject: 'Vencida: aún no hay respuesta a {{reference}}',
      body: 'La respuesta a la comunicación {{reference}}, dirigida {{recipientTo}}, se solicitó para el {{replyDueOn}} (hace {{daysOverdue}} días) y no se ha recibido. Las respuestas son bienvenidas en cualquier momento y se publican junto con la comunicación.\n\nResponder: {{link}}',
    },
    [MailTemplate.ReplyDeadlineExtended]: {
      subject: 'Respuesta a {{reference}} solicitada ahora a más tardar el {{replyDueOn}}',
      body: 'Los procedimientos especiales han prorrogado el plazo de respuesta a la comunicación {{reference}}, dirigida {{recipientTo}}: la respuesta se solicitaba a más tardar el {{previousReplyDueOn}} y ahora a más tardar el {{replyDueOn}}.\n\nResponder: {{link}}',
    },
    [MailTemplate.ReplyReceipt]: {
      subject: 'Respuesta a {{reference}} recibida',
      body: 'Su respuesta a la comunicación {{reference}} se recibió el {{receivedOn}} y ha quedado registrada con el código de recepción {{receiptCode}}, que le rogamos cite en toda comunicación relativa a esta respuesta. Muchas gracias.\n\nConsultarla: {{link}}',
    },
    [MailTemplate.ReplyReceived]: {
      subject: 'Respuesta {{recipientFrom}} a {{reference}}',
      body: 'Se recibió el {{receivedOn}} una respuesta {{recipientFrom}} a la comunicación {{reference}}.\n\nAbrirla: {{link}}',
    },
    [MailTemplate.LetterOverdue]: {
      subject: '{{reference}}: plazo de respuesta vencido',
      body: 'No se recibió ninguna respuesta {{recipientFrom}} a la comunicación {{reference}} a más tardar el {{replyDueOn}}. Considere un recordatorio o una carta de seguimiento.\n\nAbrir la carta: {{link}}',
    },
    [MailTemplate.PublicationDue]: {
      subject: 'Publicación de {{reference}} prevista el {{publicOn}}',
      body: 'La comunicación {{reference}} se hace pública el {{publicOn}}. Revise su versión pública editada antes de esa fecha: la publicación espera esa revisión.\n\nAbrirla: {{link}}',
    },
    [MailTemplate.RedactionCheckMissing]: {
      subject: 'La publicación de {{reference}} espera la revisión de la versión editada',
      body: 'La comunicación {{reference}} debía hacerse pública el {{publicOn}}, pero su versión editada no ha sido revisada. Se publicará en cuanto un asistente la haya revisado.\n\nRevisarla: {{link}}',
    },
    [MailTemplate.ApprovalRequested]: {
      subject: 'Se solicita su aprobación: {{title}}',
      body: '{{leadMandate}} le invita a aprobar el proyecto de comunicación «{{title}}». Sírvase aprobarlo o rechazarlo a más tardar el {{signOnBy}}.\n\nLeer el proyecto: {{link}}',
    },
    [MailTemplate.ApprovalReminder]: {
      subject: 'Recordatorio: su aprobación de «{{title}}» está pendiente',
      body: 'El proyecto de comunicación «{{title}}» espera su aprobación o su rechazo a más tardar el {{signOnBy}}.\n\nLeer el proyecto: {{link}}',
    },
    [MailTemplate.VisitRequestReminder]: {
      subject: 'Recordatorio: solicitud de visita del mandato «{{mandate}}»',
      body: 'El {{requestedOn}}, el mandato «{{mandate}}» solicitó visitar {{state}}. Aún no se ha recibido respuesta; le agradeceríamos que respondiera.\n\nResponder: {{link}}',
    },
    [MailTemplate.ApprovalVersion]: {
      subject: 'Se solicita su aprobación: versión {{version}} de «{{title}}»',
      body: 'La versión {{version}} del proyecto de comunicación «{{title}}» de {{leadMandate}} espera la aprobación de {{mandate}}. Una aprobación solo vale para la versión que indica: las aprobaciones de versiones anteriores ya no cuentan.\n\nLeer el proyecto y aprobarlo o rechazarlo: {{link}}',
    },
    [MailTemplate.AccountPasswordSetup]: {
      subject: 'Su cuenta {{username}}: elija su contraseña',
      body: 'Se ha creado para usted una cuenta con el nombre de usuario {{username}}. Elija su contraseña con este enlace, válido una sola vez, hasta el {{validUntil}}:\n\n{{link}}',
    },
    [MailTemplate.AccountPasswordReset]: {
      subject: 'Su cuenta {{username}}: elija una nueva contraseña',
      body: 'Un administrador restableció la contraseña de su cuenta {{username}}. Elija una nueva con este enlace, válido una sola vez, hasta el {{validUntil}}:\n\n{{link}}',
    },
    [MailTemplate.VisitRequested]: {
      subject: 'Solicitud de visita del mandato «{{mandate}}»',
      body: 'El {{requestedOn}}, el mandato «{{mandate}}» de los procedimientos especiales del Consejo de Derechos Humanos solicitó visitar {{state}}.\n\nConsulte la solicitud y respóndala (acuse de recibo, aceptación o invitación, propuesta de fechas o rechazo) en {{link}}',
    },
  },
};
