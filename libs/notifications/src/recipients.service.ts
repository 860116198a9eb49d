import { Injectable } from '@nestjs/common';
import { Role } from '@spcomms/access';
import { AccountsRepository, UserEntity } from '@spcomms/accounts';
import { TransactionHost } from '@spcomms/database';
import { EnqueueMail, NotificationsService } from './notifications.service';

/** The mandates on a letter, as far as who is told about it goes. */
export interface LetterMandates {
  leadMandateId: string;
  /** Every mandate on the letter (lead and invited co-signers). */
  mandateIds: string[];
}

/** The focal points a transaction has read, by State (RecipientsService.focalPointsOf). */
const FOCAL_POINTS_READ = Symbol('recipients.focal-points-read');

/** One message to everyone told: the recipient is added per person. */
export type MailToEach = Omit<EnqueueMail, 'to'>;

/**
 * Who is told: the one place that says which people an e-mail about a letter, a reply or a visit
 * request goes to. Everyone named here is active (not disabled); NotificationsService then skips
 * people without a usable address and messages already queued.
 */
@Injectable()
export class RecipientsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly notifications: NotificationsService,
    private readonly tx: TransactionHost,
  ) {}

  /**
   * The focal points of each State: its active government users, by username. Inside a transaction a
   * State's focal points are read once: sending a letter counts the e-mails it will queue before it
   * takes the reference number, and its e-mails then go to the same people without a second read
   * while the counter is locked.
   */
  async focalPointsOf(stateCodes: string[]): Promise<Map<string, UserEntity[]>> {
    const read = this.tx.inTransaction
      ? this.tx.transactionState(FOCAL_POINTS_READ, () => new Map<string, Promise<UserEntity[]>>())
      : new Map<string, Promise<UserEntity[]>>();
    const missing = [...new Set(stateCodes)].filter((code) => !read.has(code));
    if (missing.length > 0) {
      // A read under way is shared: a call made while it runs waits for its rows rather than reading again.
      const byState = this.accounts.findActiveGovernmentUsers(missing).then((users) => {
        const grouped = new Map<string, UserEntity[]>(missing.map((code) => [code, []]));
        for (const user of users) {
          grouped.get(user.stateCode as string)?.push(user);
        }
        return grouped;
      });
      for (const code of missing) {
        read.set(
          code,
          byState.then((grouped) => grouped.get(code)!),
        );
      }
    }
    const entries = await Promise.all(
      stateCodes.map(async (code) => [code, [...(await read.get(code)!)]] as [string, UserEntity[]]),
    );
    return new Map(entries);
  }

  /**
   * The assistants who look after a letter: those of its lead mandate; when the lead mandate has
   * none, those of the other mandates on the letter, so that someone is always told.
   */
  async assistantsOf(letter: LetterMandates): Promise<UserEntity[]> {
    const lead = await this.accounts.findActiveUsersOfMandates([letter.leadMandateId], [Role.Assistant]);
    const others = letter.mandateIds.filter((id) => id !== letter.leadMandateId);
    if (lead.length > 0 || others.length === 0) {
      return lead;
    }
    return this.accounts.findActiveUsersOfMandates(others, [Role.Assistant]);
  }

  /** The mandate-holders of one mandate: those asked to approve a letter for it. */
  holdersOf(mandateId: string): Promise<UserEntity[]> {
    return this.accounts.findActiveUsersOfMandates([mandateId], [Role.MandateHolder]);
  }

  /**
   * Queues the message for each person, in the caller's transaction; answers how many were new.
   * `params` may depend on the person (the State's name in their language).
   */
  async tell(
    users: UserEntity[],
    mail: MailToEach,
    paramsFor?: (user: UserEntity) => Record<string, string>,
  ): Promise<number> {
    if (users.length === 0) {
      return 0;
    }
    const queued = await this.notifications.enqueueMany(
      users.map((user) => ({ ...mail, to: { userId: user.id }, params: paramsFor?.(user) ?? mail.params })),
    );
    return queued.filter(Boolean).length;
  }
}
