import { MailTemplate, MailTexts } from '../mail-kinds';

/** The e-mails in English. */
export const EN: MailTexts = {
  locale: 'en-GB',
  genevaTime: 'Geneva time',
  footer:
    '\n\n--\nSpecial Procedures of the UN Human Rights Council (OHCHR)\nThis message was sent automatically; please do not reply to it.\n',
  templates: {
    [MailTemplate.LetterTransmitted]: {
      subject: 'New communication {{reference}} from the special procedures',
      body: 'A communication from the special procedures of the Human Rights Council has been transmitted {{recipientTo}}.\n\nReference: {{reference}}\nSent on: {{sentOn}}\nA reply is requested by: {{replyDueOn}}\n\nRead the letter and reply at {{link}}',
    },
    [MailTemplate.ReminderBefore]: {
      subject: 'Reminder: reply to {{reference}} requested by {{replyDueOn}}',
      body: 'This is a reminder that a reply to communication {{reference}}, addressed {{recipientTo}}, is requested by {{replyDueOn}}.\n\nReply at {{link}}',
    },
    [MailTemplate.ReminderDue]: {
      subject: 'Reply to {{reference}} requested today',
      body: 'A reply to communication {{reference}}, addressed {{recipientTo}}, is requested today, {{replyDueOn}}. No reply has been received so far.\n\nReply at {{link}}',
    },
    [MailTemplate.ReminderAfter]: {
      subject: 'Overdue: no reply yet to {{reference}}',
      body: 'The reply to communication {{reference}}, addressed {{recipientTo}}, was requested by {{replyDueOn}} ({{daysOverdue}} days ago) and has not been received. Replies are welcome at any time and are published with the communication.\n\nReply at {{link}}',
    },
    [MailTemplate.ReplyDeadlineExtended]: {
      subject: 'Reply to {{reference}} now requested by {{replyDueOn}}',
      body: 'The special procedures have extended the date by which a reply to communication {{reference}}, addressed {{recipientTo}}, is requested: it was {{previousReplyDueOn}} and is now {{replyDueOn}}.\n\nReply at {{link}}',
    },
    [MailTemplate.ReplyReceipt]: {
      subject: 'Reply to {{reference}} received',
      body: 'Your reply to communication {{reference}} was received on {{receivedOn}} and recorded under receipt code {{receiptCode}}; please quote it in any exchange about this reply. Thank you.\n\nSee it at {{link}}',
    },
    [MailTemplate.ReplyReceived]: {
      subject: 'Reply {{recipientFrom}} to {{reference}}',
      body: 'A reply {{recipientFrom}} to communication {{reference}} was received on {{receivedOn}}.\n\nOpen it at {{link}}',
    },
    [MailTemplate.LetterOverdue]: {
      subject: '{{reference}} is overdue',
      body: 'No reply {{recipientFrom}} to communication {{reference}} was received by {{replyDueOn}}. Consider a reminder or a follow-up letter.\n\nOpen the letter at {{link}}',
    },
    [MailTemplate.PublicationDue]: {
      subject: '{{reference}} is due for publication on {{publicOn}}',
      body: 'Communication {{reference}} becomes public on {{publicOn}}. Check its redacted public version before then: publication waits for that check.\n\nOpen it at {{link}}',
    },
    [MailTemplate.RedactionCheckMissing]: {
      subject: 'Publication of {{reference}} is waiting for the redaction check',
      body: 'Communication {{reference}} was due to become public on {{publicOn}}, but its redacted version has not been checked. It will be published once an assistant has checked it.\n\nCheck it at {{link}}',
    },
    [MailTemplate.ApprovalRequested]: {
      subject: 'Approval requested: {{title}}',
      body: '{{leadMandate}} invites you to approve the draft communication "{{title}}". Please approve or decline it by {{signOnBy}}.\n\nRead the draft at {{link}}',
    },
    [MailTemplate.ApprovalReminder]: {
      subject: 'Reminder: your approval of "{{title}}" is pending',
      body: 'The draft communication "{{title}}" is waiting for your approval or refusal, due by {{signOnBy}}.\n\nRead the draft at {{link}}',
    },
    [MailTemplate.VisitRequestReminder]: {
      subject: 'Reminder: country-visit request of the mandate "{{mandate}}"',
      body: 'On {{requestedOn}} the mandate "{{mandate}}" asked to visit {{state}}. No answer has been received yet; we would be grateful for your reply.\n\nAnswer at {{link}}',
    },
    [MailTemplate.ApprovalVersion]: {
      subject: 'Approval requested: version {{version}} of "{{title}}"',
      body: 'Version {{version}} of the draft communication "{{title}}" of {{leadMandate}} awaits the approval of {{mandate}}. An approval counts only for the version it names: approvals of earlier versions no longer count.\n\nRead the draft and approve or decline it at {{link}}',
    },
    [MailTemplate.AccountPasswordSetup]: {
      subject: 'Your account {{username}}: set your password',
      body: 'An account with the user name {{username}} was created for you. Set your password with this link, which works once, until {{validUntil}}:\n\n{{link}}',
    },
    [MailTemplate.AccountPasswordReset]: {
      subject: 'Your account {{username}}: set a new password',
      body: 'An administrator reset the password of your account {{username}}. Set a new one with this link, which works once, until {{validUntil}}:\n\n{{link}}',
    },
    [MailTemplate.VisitRequested]: {
      subject: 'Country-visit request of the mandate "{{mandate}}"',
      body: 'On {{requestedOn}} the mandate "{{mandate}}" of the special procedures of the Human Rights Council asked to visit {{state}}.\n\nRead the request and answer it (acknowledge, accept or invite, propose dates or decline) at {{link}}',
    },
  },
};
