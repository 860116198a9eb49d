import { Injectable } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { LetterFacts, communicationSubject } from '@spcomms/domain-events';
import {
  EnqueueMail,
  LetterMandates,
  MailTemplate,
  NotificationsService,
  RecipientsService,
  pageLinks,
} from '@spcomms/notifications';
import { ReferenceRepository } from '@spcomms/reference';
import { referenceSlug } from './reference-number';
import { recipientParams } from './recipient-phrases';

/** What an e-mail about a letter says of it: a letter entity or the facts an event carries. */
export type MailLetter = Pick<
  LetterFacts,
  'id' | 'reference' | 'subject' | 'recipientCode' | 'otherRecipientId' | 'replyRequestedBy' | 'leadMandateId'
>;

/** One letter's message to the focal points of its State (mailFocalPointsOf). */
export interface FocalPointMail {
  letter: MailLetter;
  /** Tells apart several messages of one kind about the letter (the once-only key). */
  occasion: string;
  /** Template parameters beyond the letter's reference, recipient, reply date and link. */
  extra?: Record<string, string>;
}

/**
 * The e-mails about a letter: what they say (reference, recipient, dates, link). Who gets them is
 * RecipientsService's answer; everything is written in the caller's transaction.
 */
@Injectable()
export class LetterMailService {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly notifications: NotificationsService,
    private readonly reference: ReferenceRepository,
    private readonly config: AppConfig,
  ) {}

  link(path: string): Record<string, string> {
    return pageLinks(this.config, path);
  }

  /** The parameters naming the letter's recipient in an e-mail, in each e-mail language (see recipientParams). */
  async recipientParamsOf(letter: MailLetter): Promise<Record<string, string>> {
    if (letter.otherRecipientId) {
      const other = await this.reference.findOtherRecipient(letter.otherRecipientId);
      return recipientParams({ state: null, otherName: other?.name ?? null, code: letter.recipientCode });
    }
    return recipientParams({
      state: await this.reference.findState(letter.recipientCode),
      otherName: null,
      code: letter.recipientCode,
    });
  }

  /** E-mails the focal points of the letter's State; answers how many were queued. */
  async mailFocalPoints(
    letter: MailLetter,
    kind: string,
    template: MailTemplate,
    occasion: string,
    extra: Record<string, string> = {},
  ): Promise<number> {
    return (await this.mailFocalPointsOf(kind, template, [{ letter, occasion, extra }]))[0];
  }

  /**
   * mailFocalPoints for a letter just sent, under its counter's lock: the messages are written with the
   * COMMIT (NotificationsService.enqueueAtCommit), and the focal points come from the transmission's
   * read before the lock. Answers how many go to the outbox.
   */
  async mailFocalPointsAtCommit(kind: string, template: MailTemplate, mail: FocalPointMail): Promise<number> {
    const { messages } = await this.focalPointMessages(kind, template, [mail]);
    return messages.length > 0 ? this.notifications.enqueueAtCommit(messages) : 0;
  }

  /**
   * mailFocalPoints for several letters (the reminders of a batch) in two statements whatever their
   * number (one when none of their States has a focal point): the focal points with their States
   * (none when this transaction has read them already: RecipientsService.focalPointsOf), then
   * NotificationsService.enqueueMany's insert, which takes the focal points as read (their address,
   * language and whether they are disabled are checked there for every caller). Answers how many were
   * queued for each letter, in order. Letters to other recipients have no focal points (0).
   */
  async mailFocalPointsOf(kind: string, template: MailTemplate, mails: FocalPointMail[]): Promise<number[]> {
    const queued = mails.map(() => 0);
    const { messages, letterOf } = await this.focalPointMessages(kind, template, mails);
    if (messages.length > 0) {
      (await this.notifications.enqueueMany(messages)).forEach(
        (inserted, message) => (queued[letterOf[message]] += Number(inserted)),
      );
    }
    return queued;
  }

  /** The messages of mailFocalPointsOf, and the index of the letter of each. */
  private async focalPointMessages(
    kind: string,
    template: MailTemplate,
    mails: FocalPointMail[],
  ): Promise<{ messages: EnqueueMail[]; letterOf: number[] }> {
    const messages: EnqueueMail[] = [];
    const letterOf: number[] = [];
    const codes = [
      ...new Set(mails.filter(({ letter }) => !letter.otherRecipientId).map(({ letter }) => letter.recipientCode)),
    ];
    const focalPoints = await this.recipients.focalPointsOf(codes);
    // A focal point comes with its State: the letters' States with none get no message and need no name.
    const states = new Map(
      [...focalPoints.values()].flatMap((users) =>
        users.flatMap((user) => (user.state ? [[user.state.code, user.state]] : [])),
      ),
    );
    mails.forEach(({ letter, occasion, extra }, index) => {
      const users = letter.otherRecipientId ? [] : (focalPoints.get(letter.recipientCode) ?? []);
      if (users.length === 0) {
        return;
      }
      const params = {
        reference: letter.reference as string,
        ...recipientParams({
          state: states.get(letter.recipientCode) ?? null,
          otherName: null,
          code: letter.recipientCode,
        }),
        replyDueOn: letter.replyRequestedBy as string,
        ...this.link(`/portal/letters/${referenceSlug(letter.reference as string)}`),
        ...extra,
      };
      for (const user of users) {
        messages.push({ kind, subject: communicationSubject(letter.id), to: { user }, occasion, template, params });
        letterOf.push(index);
      }
    });
    return { messages, letterOf };
  }

  /** E-mails the assistants who look after the letter (RecipientsService.assistantsOf). */
  async mailAssistants(
    letter: MailLetter & LetterMandates,
    kind: string,
    template: MailTemplate,
    occasion: string,
    extra: Record<string, string> = {},
  ): Promise<number> {
    return this.recipients.tell(await this.recipients.assistantsOf(letter), {
      kind,
      subject: communicationSubject(letter.id),
      occasion,
      template,
      params: {
        reference: letter.reference ?? letter.subject,
        ...(await this.recipientParamsOf(letter)),
        replyDueOn: letter.replyRequestedBy ?? '',
        ...this.link(`/workspace/letters/${letter.id}`),
        ...extra,
      },
    });
  }

  /**
   * E-mails the mandate-holders of one mandate about a draft they are asked to sign: the link opens
   * the page where they approve or decline the current version.
   */
  async mailHolders(
    letter: MailLetter,
    mandateId: string,
    kind: string,
    template: MailTemplate,
    occasion: string,
    extra: Record<string, string>,
  ): Promise<number> {
    return this.recipients.tell(await this.recipients.holdersOf(mandateId), {
      kind,
      subject: communicationSubject(letter.id),
      occasion,
      template,
      params: { title: letter.subject, ...this.link(`/workspace/decisions/${letter.id}`), ...extra },
    });
  }
}
