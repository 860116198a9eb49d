import { MailTemplate, MailTexts } from '../mail-kinds';

/** The e-mails in Arabic (digits 0–9, as in the UN's Arabic documents). */
export const AR: MailTexts = {
  locale: 'ar-u-nu-latn',
  genevaTime: 'بتوقيت جنيف',
  footer:
    '\n\n--\nالإجراءات الخاصة لمجلس حقوق الإنسان التابع للأمم المتحدة (المفوضية السامية لحقوق الإنسان)\nأُرسلت هذه الرسالة تلقائيًا؛ يُرجى عدم الرد عليها.\n',
  templates: {
    [MailTemplate.LetterTransmitted]: {
      subject: 'رسالة جديدة {{reference}} من الإجراءات الخاصة',
      body:
        'أُحيلت رسالة من الإجراءات الخاصة لمجلس حقوق الإنسان {{recipientTo}}.\n\n' +
        'المرجع: {{reference}}\nتاريخ الإرسال: {{sentOn}}\nالرد مطلوب بحلول: {{replyDueOn}}\n\nللاطلاع على الرسالة والرد عليها: {{link}}',
    },
    [MailTemplate.ReminderBefore]: {
      subject: 'تذكير: الرد على {{reference}} مطلوب بحلول {{replyDueOn}}',
      body: 'نذكّركم بأن الرد على الرسالة {{reference}} الموجهة {{recipientTo}} مطلوب بحلول {{replyDueOn}}.\n\nللرد: {{link}}',
    },
    [MailTemplate.ReminderDue]: {
      subject: 'الرد على {{reference}} مطلوب اليوم',
      body: 'الرد على الرسالة {{reference}} الموجهة {{recipientTo}} مطلوب اليوم، {{replyDueOn}}. ولم يرد أي رد حتى الآن.\n\nللرد: {{link}}',
    },
    [MailTemplate.ReminderAfter]: {
      subject: 'متأخر: لم يرد بعدُ أي رد على {{reference}}',
      body:
        'كان الرد على الرسالة {{reference}} الموجهة {{recipientTo}} مطلوبًا بحلول {{replyDueOn}} (عدد أيام التأخير: {{daysOverdue}}) ولم يرد بعد. ' +
        'والردود مرحَّب بها في أي وقت وتُنشر مع الرسالة.\n\nللرد: {{link}}',
    },
    [MailTemplate.ReplyDeadlineExtended]: {
      subject: 'الرد على {{reference}} مطلوب الآن بحلول {{replyDueOn}}',
      body:
        'مدّدت الإجراءات الخاصة الموعد المطلوب للرد على الرسالة {{reference}} الموجهة {{recipientTo}}: ' +
        'كان الموعد {{previousReplyDueOn}} وأصبح {{replyDueOn}}.\n\nللرد: {{link}}',
    },
    [MailTemplate.ReplyReceipt]: {
      subject: 'ورد الرد على {{reference}}',
      body: 'ورد ردّكم على الرسالة {{reference}} في {{receivedOn}} وسُجّل تحت رمز الاستلام {{receiptCode}}؛ يُرجى ذكر هذا الرمز في أي مراسلة بشأن هذا الرد. وشكرًا لكم.\n\nللاطلاع عليه: {{link}}',
    },
    [MailTemplate.ReplyReceived]: {
      subject: 'رد {{recipientFrom}} على {{reference}}',
      body: 'ورد في {{receivedOn}} رد {{recipientFrom}} على الرسالة {{reference}}.\n\nلفتحه: {{link}}',
    },
    [MailTemplate.LetterOverdue]: {
      subject: '{{reference}}: انقضى موعد الرد',
      body: 'لم يرد أي رد {{recipientFrom}} على الرسالة {{reference}} بحلول {{replyDueOn}}. يُرجى النظر في إرسال تذكير أو رسالة متابعة.\n\nلفتح الرسالة: {{link}}',
    },
    [MailTemplate.PublicationDue]: {
      subject: 'موعد نشر {{reference}}: {{publicOn}}',
      body: 'تصبح الرسالة {{reference}} علنية في {{publicOn}}. يُرجى مراجعة نسختها العلنية المنقّحة قبل ذلك: فالنشر ينتظر هذه المراجعة.\n\nلفتحها: {{link}}',
    },
    [MailTemplate.RedactionCheckMissing]: {
      subject: 'نشر {{reference}} ينتظر مراجعة التنقيح',
      body: 'كان من المقرر أن تصبح الرسالة {{reference}} علنية في {{publicOn}}، لكن نسختها المنقّحة لم تُراجَع. وستُنشر حالما يراجعها أحد المساعدين.\n\nلمراجعتها: {{link}}',
    },
    [MailTemplate.ApprovalRequested]: {
      subject: 'طلب موافقة: {{title}}',
      body: 'يدعوكم {{leadMandate}} إلى الموافقة على مشروع الرسالة «{{title}}». يُرجى الموافقة عليه أو رفضه بحلول {{signOnBy}}.\n\nلقراءة المشروع: {{link}}',
    },
    [MailTemplate.ApprovalReminder]: {
      subject: 'تذكير: موافقتكم على «{{title}}» لم تصل بعد',
      body: 'ينتظر مشروع الرسالة «{{title}}» موافقتكم أو رفضكم بحلول {{signOnBy}}.\n\nلقراءة المشروع: {{link}}',
    },
    [MailTemplate.VisitRequestReminder]: {
      subject: 'تذكير: طلب زيارة قُطرية من الولاية «{{mandate}}»',
      body: 'في {{requestedOn}} طلبت الولاية «{{mandate}}» زيارة {{state}}. ولم يرد أي رد حتى الآن؛ وسنكون ممتنين لردكم.\n\nللرد: {{link}}',
    },
    [MailTemplate.ApprovalVersion]: {
      subject: 'طلب موافقة: الصيغة {{version}} من «{{title}}»',
      body:
        'تنتظر الصيغة {{version}} من مشروع الرسالة «{{title}}» المقدَّم من {{leadMandate}} موافقةَ {{mandate}}. ' +
        'ولا تسري الموافقة إلا على الصيغة التي تذكرها: فالموافقات على الصيغ السابقة لم تعد تُحتسب.\n\nلقراءة المشروع والموافقة عليه أو رفضه: {{link}}',
    },
    [MailTemplate.AccountPasswordSetup]: {
      subject: 'حسابكم {{username}}: اختيار كلمة المرور',
      body: 'أُنشئ لكم حساب باسم المستخدم {{username}}. اختاروا كلمة المرور بهذا الرابط، الصالح لمرة واحدة حتى {{validUntil}}:\n\n{{link}}',
    },
    [MailTemplate.AccountPasswordReset]: {
      subject: 'حسابكم {{username}}: اختيار كلمة مرور جديدة',
      body: 'أعاد أحد المسؤولين تعيين كلمة مرور حسابكم {{username}}. اختاروا كلمة مرور جديدة بهذا الرابط، الصالح لمرة واحدة حتى {{validUntil}}:\n\n{{link}}',
    },
    [MailTemplate.VisitRequested]: {
      subject: 'طلب زيارة قُطرية من الولاية «{{mandate}}»',
      body:
        'في {{requestedOn}} طلبت الولاية «{{mandate}}» من ولايات الإجراءات الخاصة لمجلس حقوق الإنسان زيارة {{state}}.\n\n' +
        'للاطلاع على الطلب والرد عليه (إقرار بالاستلام أو قبول أو دعوة أو اقتراح تواريخ أخرى أو رفض): {{link}}',
    },
  },
};
