import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import {
  CommunicationAccess,
  LetterDetailsService,
  PortalService,
  referenceFromSlug,
  referenceSlug,
} from '@spcomms/communications';
import { NotFoundException } from '@spcomms/errors';
import { PublicSearchService } from '@spcomms/public-search';
import { ReferenceRepository } from '@spcomms/reference';
import { LETTER_LANGUAGES, LETTER_PHRASES, LetterDocument, LetterLanguage, Signatory } from './letter-document';
import { renderLetterPdf } from './letter-pdf';

/** A rendered letter, ready to download. */
export interface LetterPdf {
  /** `UA-IRN-5-2023.pdf`. */
  fileName: string;
  content: Buffer;
  /** SHA-256 of the bytes, hex: the same letter always has the same. */
  sha256: string;
}

/** A mandate that signed a letter: its code (to find its holders) and its title. */
interface SigningMandate {
  code: string;
  title: string;
  lead: boolean;
}

const letterLanguage = (language: string): LetterLanguage =>
  (LETTER_LANGUAGES as readonly string[]).includes(language) ? (language as LetterLanguage) : 'en';

/**
 * The letter as a document, for each of its readers, with the same access as reading it:
 * - the staff of its mandates (as `GET /communications/{id}`), the letter as sent;
 * - the Government of the addressed State (as `GET /portal/communications/{id}`), the letter as sent;
 * - the public (as `GET /public/communications/{slug}`), the redacted text of the published projection.
 * Anyone else, a letter not sent, or a letter not published (for the public) is the same 404.
 */
@Injectable()
export class LetterDocumentsService {
  constructor(
    private readonly access: CommunicationAccess,
    private readonly details: LetterDetailsService,
    private readonly portal: PortalService,
    private readonly publicSearch: PublicSearchService,
    private readonly reference: ReferenceRepository,
  ) {}

  /** For the assistants and mandate-holders of the letter's mandates. */
  async forStaff(actor: Actor, id: string): Promise<LetterPdf> {
    return this.render(await this.staffDocument(actor, id));
  }

  /** What the staff's PDF shows (the letter as sent), for those who render it themselves. */
  async staffDocument(actor: Actor, id: string): Promise<LetterDocument> {
    const letter = await this.access.loadVisible(actor, id);
    if (letter.status !== 'sent') {
      throw new NotFoundException('letter_document', id);
    }
    return this.asSent(letter.id, await this.details.describe(letter));
  }

  /** For the Government of the State the letter was sent to, by the letter's id. */
  async forGovernment(actor: Actor, id: string): Promise<LetterPdf> {
    const letter = await this.portal.loadOwn(this.portal.stateOf(actor), id);
    return this.render(await this.asSent(letter.id, await this.details.describe(letter)));
  }

  /** For the Government of the State the letter was sent to, by its reference's URL form (`UA-IRN-5-2023`). */
  async forGovernmentBySlug(actor: Actor, slug: string): Promise<LetterPdf> {
    const found = await this.portal.getByReferenceSlug(actor, slug);
    return this.forGovernment(actor, found.id);
  }

  /** For anyone: the published, redacted letter; an unpublished or unknown reference is 404. */
  async forPublic(actor: Actor, slug: string): Promise<LetterPdf> {
    if (!referenceFromSlug(slug)) {
      throw new NotFoundException('communication', slug);
    }
    const record = await this.publicSearch.record(actor, slug);
    const language = letterLanguage(record.language);
    return this.render({
      language,
      reference: record.reference,
      sentOn: record.sentOn,
      mandates: this.letterhead(record.mandates),
      addressee: await this.addressee(
        record.recipient.kind === 'state' ? record.recipient.code : null,
        record.recipient.name,
        language,
      ),
      subject: record.subject,
      body: record.body,
      signatories: await this.signatories(record.mandates, record.sentOn),
      redacted: true,
    });
  }

  private async asSent(
    id: string,
    letter: {
      reference: string | null;
      sentOn: string | null;
      language: string;
      leadMandate: string;
      mandates: Array<{ code: string; title: string; participation: string; approvedCurrentVersion: boolean }>;
      recipient: { code: string; name: string; otherRecipientId: string | null };
      subject: string;
      body: string;
    },
  ): Promise<LetterDocument> {
    if (!letter.reference || !letter.sentOn) {
      throw new NotFoundException('letter_document', id);
    }
    const language = letterLanguage(letter.language);
    const signing = letter.mandates
      .filter((mandate) => mandate.approvedCurrentVersion && mandate.participation !== 'dropped')
      .map((mandate) => ({ code: mandate.code, title: mandate.title, lead: mandate.code === letter.leadMandate }));
    return {
      language,
      reference: letter.reference,
      sentOn: letter.sentOn,
      mandates: this.letterhead(signing),
      addressee: await this.addressee(
        letter.recipient.otherRecipientId ? null : letter.recipient.code,
        letter.recipient.name,
        language,
      ),
      subject: letter.subject,
      body: letter.body,
      signatories: await this.signatories(signing, letter.sentOn),
      redacted: false,
    };
  }

  private async render(letter: LetterDocument): Promise<LetterPdf> {
    const content = await renderLetterPdf(letter);
    return {
      fileName: `${referenceSlug(letter.reference)}.pdf`,
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  }

  /** The lead mandate first, then the others by title. */
  private letterhead(mandates: SigningMandate[]): string[] {
    return orderMandates(mandates).map((mandate) => mandate.title);
  }

  /**
   * The holders in office on the day of sending of each signing mandate (lead first), with the
   * mandate's title; a mandate without a known holder that day signs by its title alone.
   */
  private async signatories(mandates: SigningMandate[], sentOn: string): Promise<Signatory[]> {
    const ordered = orderMandates(mandates);
    const entities = await this.reference.findMandatesByCode(ordered.map((mandate) => mandate.code));
    const idOf = new Map(entities.map((entity) => [entity.code, entity.id]));
    const signatories: Signatory[] = [];
    for (const mandate of ordered) {
      const id = idOf.get(mandate.code);
      const holders = id ? await this.reference.findHoldersOfMandate(id) : [];
      const terms = await this.reference.findTermsOfHolders(holders.map((holder) => holder.id));
      const inOffice = holders.filter((holder) =>
        terms.some(
          (term) =>
            term.holderId === holder.id &&
            term.mandateId === id &&
            term.startsOn <= sentOn &&
            sentOn <= (term.endedOn ?? term.endsOn),
        ),
      );
      if (inOffice.length === 0) {
        signatories.push({ name: mandate.title, title: '' });
      }
      for (const holder of inOffice) {
        signatories.push({ name: holder.name, title: mandate.title });
      }
    }
    return signatories;
  }

  /** A State: its Permanent Mission in Geneva, named as the letter's language does; anyone else: its name. */
  private async addressee(stateCode: string | null, name: string, language: LetterLanguage): Promise<string[]> {
    const state = stateCode ? await this.reference.findState(stateCode.trim()) : null;
    if (!state || state.status === 'pseudo') {
      return [name];
    }
    const localName = state.names?.[language] ?? state.name;
    const phrase = state.phrases?.[language] ?? {
      name: localName,
      from: `${{ en: 'of', fr: 'de', es: 'de' }[language]} ${localName}`,
    };
    return LETTER_PHRASES[language].mission(phrase);
  }
}

function orderMandates(mandates: SigningMandate[]): SigningMandate[] {
  return [...mandates].sort((a, b) => Number(b.lead) - Number(a.lead) || a.title.localeCompare(b.title, 'en'));
}
