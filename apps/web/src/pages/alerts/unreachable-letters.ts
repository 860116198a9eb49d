import { Actor, Role, hasRole } from '@spcomms/access';
import { UnreachableLetterDto, WorkspaceAlertsService } from '@spcomms/communications';
import { PageContext } from '../../render/page-context';

/** The model of `components/unreachable-letters.eta`. */
export interface UnreachableLettersView {
  heading: string;
  text: string;
  letters: Array<{ reference: string; href: string; recipient: string; sentOn: string }>;
}

/** Letters that reached no focal point, as the assistant's home shows them; null when there are none. */
export function unreachableLettersView(
  letters: UnreachableLetterDto[],
  context: PageContext,
): UnreachableLettersView | null {
  if (letters.length === 0) {
    return null;
  }
  const { t, format, href } = context;
  return {
    heading: t('portal.unreachable.heading', { count: letters.length }),
    text: t('portal.unreachable.text'),
    letters: letters.map((letter) => ({
      reference: letter.reference,
      href: href(`/workspace/letters/${letter.id}`),
      recipient: format.country(letter.recipientCode, letter.recipientCode),
      sentOn: format.date(letter.sentOn),
    })),
  };
}

/**
 * For a page of the assistant's home: the letters of the assistant's mandates that no e-mail could
 * bring to their State, ready for `include('/components/unreachable-letters', { t, model })`; null for
 * another role or when there are none.
 */
export async function loadUnreachableLetters(
  alerts: WorkspaceAlertsService,
  actor: Actor,
  context: PageContext,
): Promise<UnreachableLettersView | null> {
  if (!hasRole(actor, Role.Assistant)) {
    return null;
  }
  return unreachableLettersView(await alerts.unreachableLetters(actor), context);
}
