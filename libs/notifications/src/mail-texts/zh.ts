import { MailTemplate, MailTexts } from '../mail-kinds';

/** The e-mails in Chinese. */
export const ZH: MailTexts = {
  locale: 'zh-CN',
  genevaTime: '日内瓦时间',
  footer: '\n\n--\n联合国人权理事会特别程序（人权高专办）\n此邮件为系统自动发送，请勿回复。\n',
  templates: {
    [MailTemplate.LetterTransmitted]: {
      subject: '特别程序新来文 {{reference}}',
      body:
        '人权理事会特别程序已向{{recipientTo}}转交一份来文。\n\n' +
        '编号：{{reference}}\n发出日期：{{sentOn}}\n请求答复日期：{{replyDueOn}}之前\n\n阅读来文并答复：{{link}}',
    },
    [MailTemplate.ReminderBefore]: {
      subject: '提醒：请于{{replyDueOn}}之前答复 {{reference}}',
      body: '谨此提醒：致{{recipientTo}}的来文 {{reference}} 请求于{{replyDueOn}}之前作出答复。\n\n答复：{{link}}',
    },
    [MailTemplate.ReminderDue]: {
      subject: '请求今天答复 {{reference}}',
      body: '致{{recipientTo}}的来文 {{reference}} 请求于今天（{{replyDueOn}}）作出答复。迄今尚未收到答复。\n\n答复：{{link}}',
    },
    [MailTemplate.ReminderAfter]: {
      subject: '逾期：尚未收到对 {{reference}} 的答复',
      body:
        '致{{recipientTo}}的来文 {{reference}} 请求于{{replyDueOn}}之前答复（已逾期 {{daysOverdue}} 天），但尚未收到答复。' +
        '欢迎随时答复，答复将与来文一并公布。\n\n答复：{{link}}',
    },
    [MailTemplate.ReplyDeadlineExtended]: {
      subject: '{{reference}} 的答复期限现延至{{replyDueOn}}',
      body:
        '特别程序延长了致{{recipientTo}}的来文 {{reference}} 的答复期限：' +
        '原期限为{{previousReplyDueOn}}，现期限为{{replyDueOn}}。\n\n答复：{{link}}',
    },
    [MailTemplate.ReplyReceipt]: {
      subject: '已收到对 {{reference}} 的答复',
      body: '贵方对来文 {{reference}} 的答复已于{{receivedOn}}收到，并以收据编号 {{receiptCode}} 登记；今后就此答复进行任何联系时，请注明该编号。谨致谢意。\n\n查看答复：{{link}}',
    },
    [MailTemplate.ReplyReceived]: {
      subject: '{{recipientFrom}}对 {{reference}} 的答复',
      body: '已于{{receivedOn}}收到{{recipientFrom}}对来文 {{reference}} 的答复。\n\n打开答复：{{link}}',
    },
    [MailTemplate.LetterOverdue]: {
      subject: '{{reference}} 已逾期',
      body: '截至{{replyDueOn}}，未收到{{recipientFrom}}对来文 {{reference}} 的答复。请考虑发送提醒或后续信函。\n\n打开信函：{{link}}',
    },
    [MailTemplate.PublicationDue]: {
      subject: '{{reference}} 定于{{publicOn}}公开',
      body: '来文 {{reference}} 将于{{publicOn}}公开。请在此之前核查其删节后的公开版本：公开须待该核查完成。\n\n打开来文：{{link}}',
    },
    [MailTemplate.RedactionCheckMissing]: {
      subject: '{{reference}} 的公开正等待删节核查',
      body: '来文 {{reference}} 原定于{{publicOn}}公开，但其删节版本尚未经过核查。助理核查后即予公开。\n\n核查：{{link}}',
    },
    [MailTemplate.ApprovalRequested]: {
      subject: '请求批准：{{title}}',
      body: '{{leadMandate}} 请您批准来文草稿《{{title}}》。请于{{signOnBy}}之前批准或拒绝。\n\n阅读草稿：{{link}}',
    },
    [MailTemplate.ApprovalReminder]: {
      subject: '提醒：您对《{{title}}》的批准尚待作出',
      body: '来文草稿《{{title}}》正等待您于{{signOnBy}}之前批准或拒绝。\n\n阅读草稿：{{link}}',
    },
    [MailTemplate.VisitRequestReminder]: {
      subject: '提醒：“{{mandate}}”任务的国别访问请求',
      body: '“{{mandate}}”任务于{{requestedOn}}请求访问{{state}}。迄今尚未收到答复；如蒙答复，不胜感激。\n\n答复：{{link}}',
    },
    [MailTemplate.ApprovalVersion]: {
      subject: '请求批准：《{{title}}》第 {{version}} 版',
      body:
        '{{leadMandate}} 的来文草稿《{{title}}》第 {{version}} 版正等待 {{mandate}} 批准。' +
        '批准仅对其所指明的版本有效：对先前版本的批准不再计入。\n\n阅读草稿并批准或拒绝：{{link}}',
    },
    [MailTemplate.AccountPasswordSetup]: {
      subject: '您的账户 {{username}}：设置密码',
      body: '已为您创建用户名为 {{username}} 的账户。请通过以下链接设置密码；该链接仅可使用一次，有效期至{{validUntil}}：\n\n{{link}}',
    },
    [MailTemplate.AccountPasswordReset]: {
      subject: '您的账户 {{username}}：设置新密码',
      body: '管理员已重置您的账户 {{username}} 的密码。请通过以下链接设置新密码；该链接仅可使用一次，有效期至{{validUntil}}：\n\n{{link}}',
    },
    [MailTemplate.VisitRequested]: {
      subject: '“{{mandate}}”任务的国别访问请求',
      body:
        '人权理事会特别程序“{{mandate}}”任务于{{requestedOn}}请求访问{{state}}。\n\n' +
        '阅读该请求并作出答复（确认收到、接受或邀请、提议其他日期或拒绝）：{{link}}',
    },
  },
};
