import { declareScheduleKind } from '@spcomms/schedules';

/** C11: at the start of the letter's public-from day (Geneva), publish it or flag it blocked. */
export const CommunicationPublish = declareScheduleKind('communication.publish');

/** C11: some days before the public-from day, ask the assistants to check the redaction if nobody has. */
export const CommunicationPublicationNotice = declareScheduleKind('communication.publication_notice');
