/** A well-formed draft body; tests override what they exercise. */
export function draftBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'UA',
    language: 'en',
    leadMandate: 'EXPRESSION',
    recipientStateCode: 'IRN',
    subject: 'Imminent execution of a journalist',
    body: 'We have received information concerning the death sentence imposed on a journalist …',
    victims: [
      { name: 'Reza Example', gender: 'male', ageGroup: 'adult', nameConfidential: false },
      { name: 'Maryam Example', gender: 'female', ageGroup: 'adult', nameConfidential: true },
    ],
    perpetrators: [{ name: 'Revolutionary Court of Tehran', kind: 'state' }],
    themes: ['death penalty', 'freedom of expression'],
    ...overrides,
  };
}

/** The body of an edit: the content of a draft and the revision it is based on. */
export function editBody(revision: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { leadMandate: _lead, ...content } = draftBody(overrides);
  return { ...content, revision };
}
