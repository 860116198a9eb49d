import { MailFailureDto, OutboxMessageDto } from './notifications.dto';
import { OutboxMessageEntity } from './outbox-message.entity';

export const mapMailFailure = (message: OutboxMessageEntity): MailFailureDto => ({
  id: message.id,
  kind: message.kind,
  subjectType: message.subjectType,
  subjectId: message.subjectId,
  recipientAddress: message.recipientAddress,
  recipientUserId: message.recipientUserId,
  language: message.language,
  template: message.template,
  occasion: message.occasion,
  attempts: message.attempts,
  lastError: message.lastError,
  lastAttemptAt: message.lastAttemptAt ? message.lastAttemptAt.toISOString() : null,
  createdAt: message.createdAt.toISOString(),
  messageId: message.messageId,
});

/** No address: a lib may show this beside its subject to people who may see the subject. */
export const mapOutboxMessage = (message: OutboxMessageEntity): OutboxMessageDto => ({
  id: message.id,
  kind: message.kind,
  occasion: message.occasion,
  recipientUserId: message.recipientUserId,
  language: message.language,
  template: message.template,
  state: message.state,
  attempts: message.attempts,
  sentAt: message.sentAt ? message.sentAt.toISOString() : null,
  createdAt: message.createdAt.toISOString(),
});
