import { declareScheduleKind } from '@spcomms/schedules';

/** C13: reminders to the recipient before, on and after the reply-requested date. */
export const LetterReminderBefore = declareScheduleKind('letter.reminder.before');
export const LetterReminderDue = declareScheduleKind('letter.reminder.due');
export const LetterReminderAfter = declareScheduleKind('letter.reminder.after');
/** C9: a letter without a reply is overdue from the day after the reply-requested date. */
export const LetterOverdue = declareScheduleKind('letter.overdue');
/** C5: a silent co-signer is dropped at its sign-on deadline. */
export const SignOnDeadline = declareScheduleKind('letter.sign_on_deadline');
/** C13: reminder to mandate-holders whose approval is pending. */
export const ApprovalReminder = declareScheduleKind('letter.approval_reminder');

/** The kinds that a reply cancels and an extension moves. */
export const REPLY_DEADLINE_KINDS = [LetterReminderBefore, LetterReminderDue, LetterReminderAfter, LetterOverdue];
