import { PublicSearchHitDto } from '@spcomms/public-search';
import { PageContext } from '../../render/page-context';

/** A published letter as the home page lists it. */
export interface LatestLetter {
  reference: string;
  href: string;
  subject: string;
  /** The letter's own language, for the `lang` of its subject. */
  language: string;
  recipient: string;
  sentOn: string;
  sentOnIso: string;
  type: string;
}

export interface HomeView {
  latest: LatestLetter[];
}

/** The slug of a record's address: `/public/communications/UA-IRN-5-2023` → `UA-IRN-5-2023`. */
export function slugOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** The home page's view model from a page of the public search (its JSON text). */
export function homeView(searchPage: string, context: PageContext): HomeView {
  const { items } = JSON.parse(searchPage) as { items: PublicSearchHitDto[] };
  return {
    latest: items.map((hit) => ({
      reference: hit.reference,
      href: context.href(`/communications/${slugOf(hit.url)}`),
      subject: hit.subject,
      language: hit.language,
      recipient: context.format.country(hit.recipient.code, hit.recipient.name),
      sentOn: context.format.date(hit.sentOn),
      sentOnIso: hit.sentOn,
      type: context.t(`letter.type.${hit.type}`),
    })),
  };
}
