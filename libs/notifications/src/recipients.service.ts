import { Injectable } from '@nestjs/common';
import { Role } from '@spcomms/access';
import { AccountsRepository, UserEntity } from '@spcomms/accounts';
import { EnqueueMail, NotificationsService } from './notifications.service';

/** The mandates on a letter, as far as who is told about it goes. */
export interface LetterMandates {
  leadMandateId: string;
  /** Every mandate on the letter (lead and invited co-signers). */
  mandateIds: string[];
}

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
  ) {}

  /** The focal points of each State: its active government users, by username. */
  async focalPointsOf(stateCodes: string[]): Promise<Map<string, UserEntity[]>> {
    const byState = new Map<string, UserEntity[]>(stateCodes.map((code) => [code, []]));
    for (const user of await this.accounts.findActiveGovernmentUsers([...new Set(stateCodes)])) {
      byState.get(user.stateCode as string)?.push(user);
    }
    return byState;
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
