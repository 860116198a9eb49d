/** The subject of a letter's schedule rows, e-mails and audit events. */
export const communicationSubject = (communicationId: string) => ({ type: 'communication', id: communicationId });
