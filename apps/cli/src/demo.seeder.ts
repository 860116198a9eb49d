import { Injectable } from '@nestjs/common';
import { Role, systemActor } from '@spcomms/access';
import { AccountsRepository, UsersService } from '@spcomms/accounts';
import { ReferenceRepository, ReferenceService } from '@spcomms/reference';

export interface DemoUser {
  username: string;
  role: Role;
  displayName: string;
  mandates?: string[];
  stateCode?: string;
  language?: 'en' | 'fr' | 'es';
}

/** Demo users of every role; the mandates and States are real reference data. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', role: Role.Admin, displayName: 'System administrator' },
  { username: 'assistant', role: Role.Assistant, displayName: 'Alex Assistant', mandates: ['EXPRESSION', 'DEFENDERS', 'IRN'] },
  { username: 'assistant.torture', role: Role.Assistant, displayName: 'Tomas Assistant', mandates: ['TORTURE', 'WGAD'] },
  { username: 'sr.expression', role: Role.MandateHolder, displayName: 'SR on freedom of expression', mandates: ['EXPRESSION'] },
  { username: 'sr.defenders', role: Role.MandateHolder, displayName: 'SR on human rights defenders', mandates: ['DEFENDERS'] },
  { username: 'sr.iran', role: Role.MandateHolder, displayName: 'SR on Iran', mandates: ['IRN'] },
  { username: 'sr.torture', role: Role.MandateHolder, displayName: 'SR on torture', mandates: ['TORTURE'] },
  { username: 'gov.irn', role: Role.Government, displayName: 'Permanent Mission of Iran', stateCode: 'IRN', language: 'en' },
  { username: 'gov.blr', role: Role.Government, displayName: 'Permanent Mission of Belarus', stateCode: 'BLR', language: 'en' },
  { username: 'gov.fra', role: Role.Government, displayName: 'Mission permanente de la France', stateCode: 'FRA', language: 'fr' },
  { username: 'committee', role: Role.Committee, displayName: 'Coordination Committee member' },
];

const DEMO_STANDING_INVITATIONS: Array<[string, string]> = [
  ['CHE', '2001-04-01'],
  ['FRA', '2001-04-01'],
  ['BRA', '2001-12-01'],
];

const DEMO_OTHER_RECIPIENTS = [
  { name: 'Example Mining Corporation', kind: 'company' as const, countryCode: 'CAN' },
  { name: 'Example Development Bank', kind: 'international_organisation' as const },
];

@Injectable()
export class DemoSeeder {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: AccountsRepository,
    private readonly reference: ReferenceService,
    private readonly referenceRepository: ReferenceRepository,
  ) {}

  /** Creates what is missing; answers the demo users that were created now. */
  async seed(password: string): Promise<DemoUser[]> {
    const actor = systemActor('demo-seed');
    const created: DemoUser[] = [];
    for (const user of DEMO_USERS) {
      if (await this.accounts.findUserByUsername(user.username)) {
        continue;
      }
      await this.users.create(actor, { ...user, email: `${user.username}@demo.spcomms.local`, password });
      created.push(user);
    }
    for (const [stateCode, issuedOn] of DEMO_STANDING_INVITATIONS) {
      if (!(await this.referenceRepository.findActiveStandingInvitation(stateCode))) {
        await this.reference.issueStandingInvitation(actor, stateCode, { issuedOn });
      }
    }
    for (const recipient of DEMO_OTHER_RECIPIENTS) {
      if (!(await this.referenceRepository.findOtherRecipientByName(recipient.name))) {
        await this.reference.createOtherRecipient(actor, recipient);
      }
    }
    return created;
  }
}
