import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, requireRole } from '@spcomms/access';
import { AccountsRepository } from '@spcomms/accounts';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { Page, PageQueryFields, decodeInstantCursor, encodeInstantCursor, pageOf, pageSize } from '@spcomms/paging';
import { Role } from '@spcomms/access';
import { UserEntity } from '@spcomms/accounts';
import {
  MAIL_LANGUAGES,
  MailLanguage,
  MailTemplate,
  MailTemplateError,
  isMailLanguage,
  isMailTemplate,
  renderMail,
} from './mail-templates';
import { MailRelay } from './mail-relay.service';
import { MailTransport } from './mail-transport';
import { MailFailureDto, OutboxMessageDto } from './notifications.dto';
import { NotificationsErrorCode, NotificationsException } from './notifications.exception';
import { mapMailFailure, mapOutboxMessage } from './notifications.mapper';
import { MailRecord, MailRelayRow, NewOutboxMessage, NotificationsRepository } from './notifications.repository';

/**
 * A user of the system (address and language from the account: the language the person chose, or for
 * a Government's focal point the language its State chose), by id or as already read in the caller's
 * transaction (a government user with its State: RecipientsService.focalPointsOf; one without is read
 * again), or a bare address.
 */
export type MailRecipient = { userId: string } | { user: UserEntity } | { address: string; language: MailLanguage };

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

/**
 * The language a person's e-mails are written in: a Government's focal points read the language
 * their State chose; everyone else, and a focal point whose State has not chosen, the interface
 * language they chose themselves.
 */
export function mailLanguageOf(
  user: Pick<UserEntity, 'role' | 'language'> & { state?: { mailLanguage: string | null } },
): MailLanguage {
  if (user.role === Role.Government && user.state && isMailLanguage(user.state.mailLanguage)) {
    return user.state.mailLanguage;
  }
  return isMailLanguage(user.language) ? user.language : 'en';
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
   * The e-mails about a subject, oldest first. For a caller that has checked who may see the subject
   * (LetterTimelineService): the addresses are those of officials and focal points.
   */
  mailsAbout(subject: { type: string; id: string }): Promise<MailRecord[]> {
    return this.repository.findAbout(subject);
  }

  /**
   * Writes an e-mail into the outbox inside the caller's transaction; it is sent once that
   * transaction commits. Idempotent on (kind, subject, recipient address, occasion): enqueuing the
   * same message again does nothing and answers false. A disabled user gets nothing (false).
   */
  async enqueue(mail: EnqueueMail): Promise<boolean> {
    return (await this.enqueueMany([mail]))[0];
  }

  /**
   * enqueue for several messages at once (the reminders of a batch): the recipients are read in one
   * query and the messages written in one statement. Answers, in order, whether each was new.
   * Checks every message before writing any: one bad message fails the whole call.
   */
  async enqueueMany(mails: EnqueueMail[]): Promise<boolean[]> {
    const { messages, now } = await this.outboxMessages(mails);
    const inserted = await this.repository.insertManyIfNew([...messages.values()]);
    for (const id of inserted) {
      this.relayAfterCommit({ id, attempts: 0, runAt: now });
    }
    return mails.map((_, index) => inserted.has(messages.get(index)?.id ?? ''));
  }

  /**
   * enqueueMany for a fact that happens once, under a lock the transaction holds to its end (a letter
   * sent, under its counter's): the messages are checked now and written with the COMMIT
   * (TransactionHost.atCommit), so that they cost no round trip of their own; a key already taken is
   * skipped there. Answers how many messages go to the outbox (a disabled user gets none).
   */
  async enqueueAtCommit(mails: EnqueueMail[]): Promise<number> {
    const prepared = await this.outboxMessages(mails);
    const messages = [...prepared.messages.values()];
    if (messages.length > 0) {
      this.tx.atCommit(
        () => [this.repository.insertStatement(messages)],
        ([inserted]) =>
          this.relay.relay(
            (inserted as Array<{ id: string }>).map(({ id }) => ({ id, attempts: 0, runAt: prepared.now })),
          ),
      );
    }
    return messages.length;
  }

  /**
   * The outbox rows of `mails`, by their index (none for a disabled user), every message checked
   * before any is written: one bad message fails the whole call.
   */
  private async outboxMessages(mails: EnqueueMail[]): Promise<{ messages: Map<number, NewOutboxMessage>; now: Date }> {
    if (!this.tx.inTransaction) {
      throw new Error("NotificationsService.enqueue must run inside the caller's transaction (TransactionHost.run)");
    }
    const recipients = await this.resolveAll(mails.map((mail) => mail.to));
    const now = this.clock.now();
    const messages = new Map<number, NewOutboxMessage>();
    mails.forEach((mail, index) => {
      const recipient = recipients[index];
      if (!recipient) {
        return;
      }
      this.validate(mail, recipient.language);
      const id = randomUUID();
      messages.set(index, {
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
    });
    return { messages, now };
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
  async listFailures(actor: Actor, query: PageQueryFields): Promise<Page<MailFailureDto>> {
    requireRole(actor, Role.Admin);
    const limit = pageSize(query.limit);
    const after = query.cursor === undefined ? undefined : decodeInstantCursor(query.cursor);
    if (after === null) {
      throw new NotificationsException(
        NotificationsErrorCode.InvalidCursor,
        'cursor is not a nextCursor given by this list',
      );
    }
    const page = pageOf(await this.repository.findFailed(limit + 1, after), limit, (last) =>
      encodeInstantCursor({ at: last.lastAttemptAt ?? new Date(0), id: last.id }),
    );
    return { items: page.items.map(mapMailFailure), nextCursor: page.nextCursor };
  }

  /**
   * Address and language of each recipient, null for a disabled user; the users given by id (and the
   * government users given without their State) are read in one query, those given as read are not.
   */
  private async resolveAll(
    recipients: MailRecipient[],
  ): Promise<Array<{ userId: string | null; address: string; language: MailLanguage } | null>> {
    const users = new Map<string, UserEntity>();
    for (const to of recipients) {
      if ('user' in to && (to.user.role !== Role.Government || to.user.state)) {
        users.set(to.user.id, to.user);
      }
    }
    const ids = [
      ...new Set(recipients.flatMap((to) => ('userId' in to ? [to.userId] : 'user' in to ? [to.user.id] : []))),
    ].filter((id) => !users.has(id));
    for (const user of await this.accounts.findUsersWithState(ids)) {
      users.set(user.id, user);
    }
    return recipients.map((to) => {
      if ('userId' in to || 'user' in to) {
        const id = 'userId' in to ? to.userId : to.user.id;
        const user = users.get(id);
        if (!user) {
          throw new NotificationsException(NotificationsErrorCode.UnknownRecipient, `No user ${id}`);
        }
        if (user.disabledAt) {
          return null;
        }
        return { userId: user.id, address: this.checkAddress(user.email), language: mailLanguageOf(user) };
      }
      if (!isMailLanguage(to.language)) {
        throw new NotificationsException(
          NotificationsErrorCode.InvalidAddress,
          `Language ${String(to.language)} is not one of ${MAIL_LANGUAGES.join(', ')}`,
        );
      }
      return { userId: null, address: this.checkAddress(to.address), language: to.language };
    });
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
      throw new NotificationsException(
        NotificationsErrorCode.UnknownTemplate,
        `Unknown mail template ${mail.template}`,
      );
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
