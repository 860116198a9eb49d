import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Role, requireRole } from '@spcomms/access';
import { AccountsRepository } from '@spcomms/accounts';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { MAIL_LANGUAGES, MailLanguage, MailTemplate, MailTemplateError, isMailTemplate, renderMail } from './mail-templates';
import { MailRelay } from './mail-relay.service';
import { MailTransport } from './mail-transport';
import { MailFailureDto, MailFailuresQueryDto, OutboxMessageDto } from './notifications.dto';
import { NotificationsErrorCode, NotificationsException } from './notifications.exception';
import { mapMailFailure, mapOutboxMessage } from './notifications.mapper';
import { MailRelayRow, NotificationsRepository } from './notifications.repository';

/** A user of the system (address and language from the account), or a bare address. */
export type MailRecipient = { userId: string } | { address: string; language: MailLanguage };

export interface EnqueueMail {
  /** Why: e.g. `letter.reminder_before`. Part of the once-only key. */
  kind: string;
  subject: { type: string; id: string };
  to: MailRecipient;
  /** Tells apart several messages of one kind to one recipient about one subject; part of the key. */
  occasion?: string;
  template: MailTemplate;
  params: Record<string, string>;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

@Injectable()
export class NotificationsService {
  /** Messages written by each open transaction (keyed by its EntityManager), relayed after its commit. */
  private readonly committing = new WeakMap<EntityManager, MailRelayRow[]>();

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly accounts: AccountsRepository,
    private readonly relay: MailRelay,
    private readonly transport: MailTransport,
    private readonly tx: TransactionHost,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes an e-mail into the outbox inside the caller's transaction; it is sent once that
   * transaction commits. Idempotent on (kind, subject, recipient address, occasion): enqueuing the
   * same message again does nothing and answers false. A disabled user gets nothing (false).
   */
  async enqueue(mail: EnqueueMail): Promise<boolean> {
    if (!this.tx.inTransaction) {
      throw new Error("NotificationsService.enqueue must run inside the caller's transaction (TransactionHost.run)");
    }
    const recipient = await this.resolve(mail.to);
    if (!recipient) {
      return false;
    }
    this.validate(mail, recipient.language);
    const id = randomUUID();
    const now = this.clock.now();
    const inserted = await this.repository.insertIfNew({
      id,
      kind: mail.kind,
      subjectType: mail.subject.type,
      subjectId: mail.subject.id,
      recipientUserId: recipient.userId,
      recipientAddress: recipient.address,
      occasion: mail.occasion ?? '',
      language: recipient.language,
      template: mail.template,
      params: mail.params,
      messageId: `<outbox.${id}@${this.transport.domain}>`,
      nextAttemptAt: now,
      createdAt: now,
    });
    if (inserted) {
      this.relayAfterCommit({ id, attempts: 0, runAt: now });
    }
    return inserted;
  }

  /** The messages of one transaction go onto the queue together, in one pass, once it commits. */
  private relayAfterCommit(row: MailRelayRow): void {
    const manager = this.tx.manager;
    const rows = this.committing.get(manager);
    if (rows) {
      rows.push(row);
      return;
    }
    const first = [row];
    this.committing.set(manager, first);
    void this.tx.afterCommit(() => {
      this.committing.delete(manager);
      return this.relay.relay(first);
    });
  }

  /** The messages about a subject, without addresses; the caller has checked the actor may see the subject. */
  async listForSubject(subject: { type: string; id: string }): Promise<OutboxMessageDto[]> {
    return (await this.repository.findForSubject(subject.type, subject.id)).map(mapOutboxMessage);
  }

  /** E-mails that could not be delivered, newest first: for administrators. */
  async listFailures(actor: Actor, query: MailFailuresQueryDto): Promise<MailFailureDto[]> {
    requireRole(actor, Role.Admin);
    return (await this.repository.findFailed(query.limit ?? 100, query.offset ?? 0)).map(mapMailFailure);
  }

  private async resolve(to: MailRecipient): Promise<{ userId: string | null; address: string; language: MailLanguage } | null> {
    if ('userId' in to) {
      const user = await this.accounts.findUser(to.userId);
      if (!user) {
        throw new NotificationsException(NotificationsErrorCode.UnknownRecipient, `No user ${to.userId}`);
      }
      if (user.disabledAt) {
        return null;
      }
      const language = MAIL_LANGUAGES.includes(user.language) ? user.language : 'en';
      return { userId: user.id, address: this.checkAddress(user.email), language };
    }
    if (!MAIL_LANGUAGES.includes(to.language)) {
      throw new NotificationsException(NotificationsErrorCode.InvalidAddress, `Language ${String(to.language)} is not en, fr or es`);
    }
    return { userId: null, address: this.checkAddress(to.address), language: to.language };
  }

  private checkAddress(address: string): string {
    const trimmed = address.trim();
    if (!ADDRESS.test(trimmed)) {
      throw new NotificationsException(NotificationsErrorCode.InvalidAddress, `"${address}" is not an e-mail address`);
    }
    return trimmed;
  }

  /** Renders once, so that a wrong template or a missing parameter fails the caller, not the worker. */
  private validate(mail: EnqueueMail, language: MailLanguage): void {
    if (!isMailTemplate(mail.template)) {
      throw new NotificationsException(NotificationsErrorCode.UnknownTemplate, `Unknown mail template ${mail.template}`);
    }
    try {
      renderMail(mail.template, language, mail.params);
    } catch (error) {
      if (error instanceof MailTemplateError) {
        throw new NotificationsException(NotificationsErrorCode.MissingParams, error.message);
      }
      throw error;
    }
  }
}
