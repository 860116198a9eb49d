/**
 * Work that must happen in the sending transaction of each letter (schedules of reminders and
 * publication, e-mails to the recipient). Other libs provide the implementation.
 */
export abstract class TransmissionHooks {
  abstract afterTransmission(communicationId: string): Promise<void>;
}

/** Nothing to do after sending (tests of the letters alone). */
export class NoTransmissionHooks extends TransmissionHooks {
  async afterTransmission(): Promise<void> {
    return undefined;
  }
}
