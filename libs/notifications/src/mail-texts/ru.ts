import { MailTemplate, MailTexts } from '../mail-kinds';

/**
 * The e-mails in Russian. A State's name is not declined: the sentences name it after a colon
 * ("адресат: Франция"), in the nominative.
 */
export const RU: MailTexts = {
  locale: 'ru',
  genevaTime: 'по женевскому времени',
  footer:
    '\n\n--\nСпециальные процедуры Совета ООН по правам человека (УВКПЧ)\nЭто сообщение отправлено автоматически; просим не отвечать на него.\n',
  templates: {
    [MailTemplate.LetterTransmitted]: {
      subject: 'Новое сообщение {{reference}} от специальных процедур',
      body:
        'Специальные процедуры Совета по правам человека направили сообщение (адресат: {{recipientTo}}).\n\n' +
        'Номер: {{reference}}\nДата отправки: {{sentOn}}\nОтвет запрашивается до: {{replyDueOn}}\n\nПрочитать письмо и ответить: {{link}}',
    },
    [MailTemplate.ReminderBefore]: {
      subject: 'Напоминание: ответ на {{reference}} запрашивается до {{replyDueOn}}',
      body: 'Напоминаем, что ответ на сообщение {{reference}} (адресат: {{recipientTo}}) запрашивается до {{replyDueOn}}.\n\nОтветить: {{link}}',
    },
    [MailTemplate.ReminderDue]: {
      subject: 'Ответ на {{reference}} запрашивается сегодня',
      body: 'Ответ на сообщение {{reference}} (адресат: {{recipientTo}}) запрашивается сегодня, {{replyDueOn}}. До сих пор ответ не получен.\n\nОтветить: {{link}}',
    },
    [MailTemplate.ReminderAfter]: {
      subject: 'Просрочено: ответа на {{reference}} ещё нет',
      body:
        'Ответ на сообщение {{reference}} (адресат: {{recipientTo}}) запрашивался до {{replyDueOn}} (дней просрочки: {{daysOverdue}}) и не получен. ' +
        'Ответы принимаются в любое время и публикуются вместе с сообщением.\n\nОтветить: {{link}}',
    },
    [MailTemplate.ReplyDeadlineExtended]: {
      subject: 'Ответ на {{reference}} теперь запрашивается до {{replyDueOn}}',
      body:
        'Специальные процедуры продлили срок ответа на сообщение {{reference}} (адресат: {{recipientTo}}): ' +
        'прежний срок — {{previousReplyDueOn}}, новый — {{replyDueOn}}.\n\nОтветить: {{link}}',
    },
    [MailTemplate.ReplyReceipt]: {
      subject: 'Ответ на {{reference}} получен',
      body: 'Ваш ответ на сообщение {{reference}} получен {{receivedOn}} и зарегистрирован под кодом получения {{receiptCode}}; просим указывать этот код во всей переписке, касающейся данного ответа. Благодарим вас.\n\nПросмотреть ответ: {{link}}',
    },
    [MailTemplate.ReplyReceived]: {
      subject: 'Ответ на {{reference}} (отправитель: {{recipientFrom}})',
      body: 'Получен ответ на сообщение {{reference}} (отправитель: {{recipientFrom}}), дата получения: {{receivedOn}}.\n\nОткрыть ответ: {{link}}',
    },
    [MailTemplate.LetterOverdue]: {
      subject: '{{reference}}: срок ответа истёк',
      body: 'Ответ на сообщение {{reference}} (адресат: {{recipientFrom}}) не получен к {{replyDueOn}}. Рассмотрите возможность напоминания или последующего письма.\n\nОткрыть письмо: {{link}}',
    },
    [MailTemplate.PublicationDue]: {
      subject: 'Публикация {{reference}} запланирована на {{publicOn}}',
      body: 'Сообщение {{reference}} становится публичным {{publicOn}}. До этой даты проверьте его отредактированную публичную версию: публикация ожидает этой проверки.\n\nОткрыть сообщение: {{link}}',
    },
    [MailTemplate.RedactionCheckMissing]: {
      subject: 'Публикация {{reference}} ожидает проверки отредактированной версии',
      body: 'Сообщение {{reference}} должно было стать публичным {{publicOn}}, но его отредактированная версия не проверена. Оно будет опубликовано, как только её проверит помощник.\n\nПроверить: {{link}}',
    },
    [MailTemplate.ApprovalRequested]: {
      subject: 'Запрос на утверждение: {{title}}',
      body: '{{leadMandate}} предлагает вам утвердить проект сообщения «{{title}}». Просим утвердить или отклонить его до {{signOnBy}}.\n\nПрочитать проект: {{link}}',
    },
    [MailTemplate.ApprovalReminder]: {
      subject: 'Напоминание: ожидается ваше решение по проекту «{{title}}»',
      body: 'Проект сообщения «{{title}}» ожидает вашего утверждения или отказа до {{signOnBy}}.\n\nПрочитать проект: {{link}}',
    },
    [MailTemplate.VisitRequestReminder]: {
      subject: 'Напоминание: запрос мандата «{{mandate}}» о посещении страны',
      body: 'Мандат «{{mandate}}» запросил посещение страны (государство: {{state}}), дата запроса: {{requestedOn}}. Ответ до сих пор не получен; будем признательны за ваш ответ.\n\nОтветить: {{link}}',
    },
    [MailTemplate.ApprovalVersion]: {
      subject: 'Запрос на утверждение: версия {{version}} проекта «{{title}}»',
      body:
        'Версия {{version}} проекта сообщения «{{title}}» ({{leadMandate}}) ожидает утверждения мандатом {{mandate}}. ' +
        'Утверждение действительно только для указанной в нём версии: утверждения прежних версий больше не учитываются.\n\nПрочитать проект и утвердить или отклонить его: {{link}}',
    },
    [MailTemplate.AccountPasswordSetup]: {
      subject: 'Ваша учётная запись {{username}}: задайте пароль',
      body: 'Для вас создана учётная запись с именем пользователя {{username}}. Задайте пароль по этой ссылке; она действует один раз, до {{validUntil}}:\n\n{{link}}',
    },
    [MailTemplate.AccountPasswordReset]: {
      subject: 'Ваша учётная запись {{username}}: задайте новый пароль',
      body: 'Администратор сбросил пароль вашей учётной записи {{username}}. Задайте новый пароль по этой ссылке; она действует один раз, до {{validUntil}}:\n\n{{link}}',
    },
    [MailTemplate.VisitRequested]: {
      subject: 'Запрос мандата «{{mandate}}» о посещении страны',
      body:
        'Мандат «{{mandate}}» специальных процедур Совета по правам человека запросил посещение страны (государство: {{state}}), дата запроса: {{requestedOn}}.\n\n' +
        'Ознакомьтесь с запросом и ответьте на него (подтверждение получения, согласие или приглашение, предложение других дат или отказ): {{link}}',
    },
  },
};
