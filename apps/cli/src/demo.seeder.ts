import { Injectable } from '@nestjs/common';
import { Role, UserActor, systemActor } from '@spcomms/access';
import { AccountsRepository, UsersService } from '@spcomms/accounts';
import { RewindableClock } from '@spcomms/clock';
import { CreateDraftDto, DraftingService, SigningService, TransmissionService } from '@spcomms/communications';
import { PublicationService } from '@spcomms/publication';
import { ReferenceRepository, ReferenceService } from '@spcomms/reference';
import { PortalRepliesService } from '@spcomms/replies';

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
  {
    username: 'assistant',
    role: Role.Assistant,
    displayName: 'Alex Assistant',
    mandates: ['EXPRESSION', 'DEFENDERS', 'IRN'],
  },
  {
    username: 'assistant.torture',
    role: Role.Assistant,
    displayName: 'Tomas Assistant',
    mandates: ['TORTURE', 'WGAD'],
  },
  {
    username: 'sr.expression',
    role: Role.MandateHolder,
    displayName: 'SR on freedom of expression',
    mandates: ['EXPRESSION'],
  },
  {
    username: 'sr.defenders',
    role: Role.MandateHolder,
    displayName: 'SR on human rights defenders',
    mandates: ['DEFENDERS'],
  },
  { username: 'sr.iran', role: Role.MandateHolder, displayName: 'SR on Iran', mandates: ['IRN'] },
  { username: 'sr.torture', role: Role.MandateHolder, displayName: 'SR on torture', mandates: ['TORTURE'] },
  {
    username: 'gov.irn',
    role: Role.Government,
    displayName: 'Permanent Mission of Iran',
    stateCode: 'IRN',
    language: 'en',
  },
  {
    username: 'gov.blr',
    role: Role.Government,
    displayName: 'Permanent Mission of Belarus',
    stateCode: 'BLR',
    language: 'en',
  },
  {
    username: 'gov.fra',
    role: Role.Government,
    displayName: 'Mission permanente de la France',
    stateCode: 'FRA',
    language: 'fr',
  },
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
    private readonly drafting: DraftingService,
    private readonly signing: SigningService,
    private readonly transmission: TransmissionService,
    private readonly clock: RewindableClock,
    private readonly portal: PortalRepliesService,
    private readonly publication: PublicationService,
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
    if (created.some((user) => user.username === 'assistant')) {
      await this.seedHistory();
      await this.seedLetters();
    }
    return created;
  }

  private async approve(id: string, version: number, holders: string[]): Promise<void> {
    for (const holder of holders) {
      await this.signing.decide(await this.actorOf(holder), id, { version, decision: 'approve' });
    }
  }

  /**
   * Letters of months ago, gone through the services as they would have then (the clock taken back
   * for each step): sent, replied to through the portal, and published once their redaction was
   * checked, so that the public database, the reports and the statistics have something to show.
   */
  private async seedHistory(): Promise<void> {
    const assistant = await this.actorOf('assistant');
    for (const past of DEMO_HISTORY) {
      const sent = await this.clock.rewind(daysAgo(this.clock.now(), past.sentDaysAgo), async () => {
        const draft = await this.drafting.createDraft(assistant, { ...DEMO_LETTER, ...past.letter });
        if (past.cosigning.length > 0) {
          await this.signing.invite(assistant, draft.id, { mandates: past.cosigning });
        }
        await this.approve(draft.id, 1, past.holders);
        return (await this.transmission.transmit(assistant, draft.id)).letters[0];
      });
      if (past.reply) {
        const { government, repliedDaysAgo, ...body } = past.reply;
        await this.clock.rewind(daysAgo(this.clock.now(), repliedDaysAgo), async () =>
          this.portal.submit(await this.actorOf(government), sent.id, { kind: 'json', body }),
        );
      }
      // Public-from has passed: recording the check publishes the letter and its replies at once.
      await this.publication.recordRedactionCheck(assistant, sent.id, {
        notes: 'Names of victims who asked for confidentiality withheld.',
      });
    }
  }

  /** A sent joint urgent appeal, a draft awaiting signatures and a sent other letter, by the demo users. */
  private async seedLetters(): Promise<void> {
    const assistant = await this.actorOf('assistant');
    const ua = await this.drafting.createDraft(assistant, {
      ...DEMO_LETTER,
      type: 'UA',
      leadMandate: 'EXPRESSION',
      recipientStateCode: 'IRN',
      subject: 'Imminent execution of a journalist and a human rights defender',
      internalNotes: 'Information received through the online form; source consented to action.',
    });
    await this.signing.invite(assistant, ua.id, { mandates: ['DEFENDERS', 'IRN'] });
    await this.approve(ua.id, 1, ['sr.expression', 'sr.defenders', 'sr.iran']);
    await this.transmission.transmit(assistant, ua.id);

    const draft = await this.drafting.createDraft(assistant, {
      ...DEMO_LETTER,
      type: 'AL',
      leadMandate: 'DEFENDERS',
      recipientStateCode: 'BLR',
      subject: 'Arbitrary detention of members of a human rights organisation',
    });
    await this.signing.invite(assistant, draft.id, { mandates: ['EXPRESSION'] });

    const ol = await this.drafting.createDraft(assistant, {
      ...DEMO_LETTER,
      type: 'OL',
      leadMandate: 'EXPRESSION',
      recipientStateCode: 'FRA',
      subject: 'Comments on a draft law on the security of online services',
      victims: [],
      perpetrators: [],
      lawOrPolicy: 'Draft law on the security of online services',
    });
    await this.approve(ol.id, 1, ['sr.expression']);
    await this.transmission.transmit(assistant, ol.id);
  }

  private async actorOf(username: string): Promise<UserActor> {
    const user = await this.accounts.findUserByUsername(username);
    if (!user) {
      throw new Error(`Demo user ${username} is missing`);
    }
    const mandates = await this.accounts.findMandateIdsOfUsers([user.id]);
    return {
      kind: 'user',
      userId: user.id,
      sessionId: 'demo-seed',
      username,
      role: user.role,
      mandateIds: mandates.get(user.id) ?? [],
      stateCode: user.stateCode?.trim() ?? null,
    };
  }
}

/** The victims of the demo letters (fictitious): one asked that the name be withheld, one did not. */
export const DEMO_VICTIMS = { confidential: 'Samira Exemplar', public: 'Karim Placeholder' };

const DEMO_LETTER: Omit<CreateDraftDto, 'type' | 'leadMandate' | 'subject'> = {
  language: 'en',
  body:
    'We have the honour to address you in our capacities as … pursuant to Human Rights Council resolutions. ' +
    'In this connection, we would like to bring to the attention of your Excellency’s Government information we have received concerning …',
  victims: [
    { name: DEMO_VICTIMS.confidential, gender: 'female', ageGroup: 'adult', nameConfidential: true },
    { name: DEMO_VICTIMS.public, gender: 'male', ageGroup: 'adult', nameConfidential: false },
  ],
  perpetrators: [{ name: 'Security forces', kind: 'state' }],
  themes: ['freedom of expression', 'human rights defenders'],
};

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

interface DemoPastLetter {
  sentDaysAgo: number;
  letter: Pick<CreateDraftDto, 'type' | 'leadMandate' | 'subject'> & Partial<CreateDraftDto>;
  cosigning: string[];
  holders: string[];
  reply?: { government: string; repliedDaysAgo: number; text: string; language: 'en' | 'fr'; confidential?: boolean };
}

/** The demo's history: published letters, one answered in public, one confidentially, one not at all. */
const DEMO_HISTORY: DemoPastLetter[] = [
  {
    sentDaysAgo: 160,
    letter: {
      type: 'AL',
      leadMandate: 'DEFENDERS',
      recipientStateCode: 'BLR',
      subject: 'Detention of journalists covering peaceful protests',
    },
    cosigning: ['EXPRESSION'],
    holders: ['sr.defenders', 'sr.expression'],
    reply: {
      government: 'gov.blr',
      repliedDaysAgo: 120,
      language: 'en',
      text: 'The Government informs the special procedures that the persons concerned were detained in accordance with national law and have access to counsel.',
    },
  },
  {
    sentDaysAgo: 130,
    letter: {
      type: 'UA',
      leadMandate: 'IRN',
      recipientStateCode: 'IRN',
      subject: 'Death sentence against a human rights defender',
    },
    cosigning: ['DEFENDERS'],
    holders: ['sr.iran', 'sr.defenders'],
  },
  {
    sentDaysAgo: 100,
    letter: {
      type: 'OL',
      leadMandate: 'EXPRESSION',
      recipientStateCode: 'FRA',
      subject: 'Comments on a bill on the blocking of websites',
      victims: [],
      perpetrators: [],
      lawOrPolicy: 'Bill on the blocking of websites',
    },
    cosigning: [],
    holders: ['sr.expression'],
    reply: {
      government: 'gov.fra',
      repliedDaysAgo: 75,
      language: 'fr',
      confidential: true,
      text: 'Le Gouvernement transmet ses observations sur le projet de loi.',
    },
  },
];
