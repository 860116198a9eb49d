import { FacetValueDto, PublicFacetsDto, PublicSearchHitDto } from '@spcomms/public-search';
import { PageContext } from '../../render/page-context';
import { DateInput } from '../date-fields';
import { LETTER_TYPES, SearchFieldError, SearchForm, filterParameters, queryString } from './search-query';

/** A piece of a snippet: the words found are marked. */
export interface SnippetPart {
  text: string;
  found: boolean;
}

export interface SearchResult {
  reference: string;
  href: string;
  subject: string;
  /** The letter's own language, for the `lang` of its subject and snippet. */
  language: string;
  type: string;
  recipient: string;
  sentOn: string;
  sentOnIso: string;
  mandates: string;
  joint: boolean;
  replyStatus: string;
  snippet: SnippetPart[] | null;
}

export interface FilterOption {
  value: string;
  label: string;
  /** Set when the label is not in the page's language (mandate titles are kept in English). */
  lang: string | null;
  count: number;
  countText: string;
  checked: boolean;
  id: string;
}

export interface FilterGroup {
  name: 'mandate' | 'recipient' | 'type' | 'joint' | 'replyStatus' | 'year';
  /** checkbox: several values; radio: one value or none. */
  control: 'checkbox' | 'radio';
  legend: string;
  options: FilterOption[];
  /** Open when a value is chosen or the list is short. */
  open: boolean;
  error: string | null;
}

export interface ErrorLink {
  href: string;
  text: string;
}

export interface SearchView {
  q: string;
  sort: 'relevance' | 'date';
  /** Whether relevance can be chosen: only with words to find. */
  canRankByRelevance: boolean;
  from: DateInput;
  to: DateInput;
  errors: ErrorLink[];
  fieldErrors: Record<string, string>;
  groups: FilterGroup[];
  /** Null when the search could not be run (errors). */
  total: number | null;
  /** The counts are estimated from a sample (the page says so). */
  estimated: boolean;
  totalText: string;
  results: SearchResult[];
  previousHref: string | null;
  nextHref: string | null;
  csvHref: string;
  clearHref: string;
  /** What to try when nothing matches. */
  suggestions: string[];
}

/** The slug of a record's address: `/public/communications/UA-IRN-5-2023` → `UA-IRN-5-2023`. */
export const slugOfUrl = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

/** A snippet of the search service (words found between `**`) as text parts, for the template to mark. */
export function snippetParts(snippet: string | null): SnippetPart[] | null {
  if (!snippet) {
    return null;
  }
  return snippet
    .split('**')
    .map((text, index) => ({ text, found: index % 2 === 1 }))
    .filter((part) => part.text !== '');
}

/** The page of results of the search service (its JSON text). */
export interface SearchPageJson {
  items: PublicSearchHitDto[];
  nextCursor: string | null;
  sort: 'relevance' | 'date';
}

export interface SearchViewInput {
  form: SearchForm;
  errors: SearchFieldError[];
  facets: PublicFacetsDto | null;
  page: SearchPageJson | null;
}

const REPLY_STATUSES = ['replied', 'confidential', 'not_replied'];

function options(
  context: PageContext,
  estimated: boolean,
  name: FilterGroup['name'],
  values: FacetValueDto[],
  chosen: string[],
  label: (value: FacetValueDto) => { label: string; lang: string | null },
): FilterOption[] {
  const present = new Set(values.map((value) => value.value));
  // A chosen value that no longer matches anything stays in the list, so that it can be unchosen.
  const all = [
    ...values,
    ...chosen.filter((value) => !present.has(value)).map((value) => ({ value, label: null, count: 0 })),
  ];
  return all.map((value, index) => ({
    value: value.value,
    ...label(value),
    count: value.count,
    countText: context.t(estimated ? 'search.filter.count.estimated' : 'search.filter.count', {
      count: value.count,
      formatted: context.format.number(value.count),
    }),
    checked: chosen.includes(value.value),
    id: `${name}-${index + 1}`,
  }));
}

/** The search page's view model: the form as typed, the filters with their counts, a page of results. */
export function searchView(input: SearchViewInput, context: PageContext): SearchView {
  const { form, facets, page } = input;
  const t = context.t;
  const fieldErrors: Record<string, string> = {};
  for (const error of input.errors) {
    fieldErrors[error.field] ??= t(error.message);
  }
  const empty: FacetValueDto[] = [];
  const estimated = facets?.estimated ?? false;
  const single = (value: string) => (value === '' ? [] : [value]);
  const plain = (text: string) => ({ label: text, lang: null });
  const groups: FilterGroup[] = [
    {
      name: 'mandate',
      control: 'checkbox',
      legend: t('search.filter.mandate'),
      options: options(context, estimated, 'mandate', facets?.mandate ?? empty, form.mandate, (value) => ({
        label: value.label ?? value.value,
        lang: value.label && context.lang !== 'en' ? 'en' : null,
      })),
      open: form.mandate.length > 0,
      error: fieldErrors.mandate ?? null,
    },
    {
      name: 'recipient',
      control: 'checkbox',
      legend: t('search.filter.recipient'),
      options: options(context, estimated, 'recipient', facets?.recipient ?? empty, form.recipient, (value) =>
        value.value.length === 3
          ? plain(
              value.value === 'OTH'
                ? t('search.recipient.others')
                : context.format.country(value.value, value.label ?? value.value),
            )
          : { label: value.label ?? value.value, lang: null },
      ),
      open: form.recipient.length > 0,
      error: fieldErrors.recipient ?? null,
    },
    {
      name: 'type',
      control: 'radio',
      legend: t('search.filter.type'),
      options: options(
        context,
        estimated,
        'type',
        LETTER_TYPES.map(
          (type) => facets?.type.find((value) => value.value === type) ?? { value: type, label: null, count: 0 },
        ),
        single(form.type),
        (value) => plain(t(`letter.type.${value.value}`)),
      ),
      open: true,
      error: fieldErrors.type ?? null,
    },
    {
      name: 'joint',
      control: 'radio',
      legend: t('search.filter.joint'),
      options: ['true', 'false'].map((value, index) => ({
        value,
        label: t(value === 'true' ? 'search.joint.yes' : 'search.joint.no'),
        lang: null,
        count: -1,
        countText: '',
        checked: form.joint === value,
        id: `joint-${index + 1}`,
      })),
      open: true,
      error: fieldErrors.joint ?? null,
    },
    {
      name: 'replyStatus',
      control: 'radio',
      legend: t('search.filter.replyStatus'),
      options: options(
        context,
        estimated,
        'replyStatus',
        REPLY_STATUSES.map(
          (status) =>
            facets?.replyStatus.find((value) => value.value === status) ?? { value: status, label: null, count: 0 },
        ),
        single(form.replyStatus),
        (value) => plain(t(`search.replyStatus.${value.value}`)),
      ),
      open: true,
      error: fieldErrors.replyStatus ?? null,
    },
    {
      name: 'year',
      control: 'radio',
      legend: t('search.filter.year'),
      options: options(context, estimated, 'year', facets?.year ?? empty, single(form.year), (value) =>
        plain(value.value),
      ),
      open: form.year !== '',
      error: fieldErrors.year ?? null,
    },
  ];
  for (const group of groups) {
    group.open ||= group.options.length <= 6 || group.options.some((option) => option.checked);
  }

  const filters = filterParameters(form);
  const base = context.href('/communications');
  const sort = page?.sort ?? (form.q && form.sort !== 'date' ? 'relevance' : 'date');
  const withSort: Array<[string, string]> = [
    ...filters,
    ...(form.sort ? [['sort', form.sort] as [string, string]] : []),
    ...(form.limit ? [['limit', form.limit] as [string, string]] : []),
  ];
  let previousHref: string | null = null;
  let nextHref: string | null = null;
  if (page && form.cursor) {
    const trail = form.trail;
    const previous = trail[trail.length - 1];
    previousHref =
      base +
      queryString(
        previous
          ? [...withSort, ['cursor', previous], ...trail.slice(0, -1).map((c) => ['trail', c] as [string, string])]
          : withSort,
      );
  }
  if (page?.nextCursor) {
    const trail = form.cursor ? [...form.trail, form.cursor] : [];
    nextHref =
      base +
      queryString([...withSort, ['cursor', page.nextCursor], ...trail.map((c) => ['trail', c] as [string, string])]);
  }
  const total = facets && page ? facets.total : null;
  const suggestions: string[] = [];
  if (total === 0) {
    if (form.q) {
      suggestions.push(t('search.empty.words'));
    }
    if (filters.some(([name]) => name !== 'q')) {
      suggestions.push(t('search.empty.filters'));
    }
    suggestions.push(t('search.empty.unpublished'));
  }
  return {
    q: form.q,
    sort,
    canRankByRelevance: form.q !== '',
    from: form.from,
    to: form.to,
    errors: input.errors.map((error) => ({ href: `#${error.field}`, text: t(error.message) })),
    fieldErrors,
    groups,
    total,
    estimated,
    totalText:
      total === null
        ? ''
        : t(estimated ? 'search.results.count.estimated' : 'search.results.count', {
            count: total,
            formatted: context.format.number(total),
          }),
    results: (page?.items ?? []).map((hit) => ({
      reference: hit.reference,
      href: context.href(`/communications/${slugOfUrl(hit.url)}`),
      subject: hit.subject,
      language: hit.language,
      type: t(`letter.type.${hit.type}`),
      recipient:
        hit.recipient.kind === 'state'
          ? context.format.country(hit.recipient.code, hit.recipient.name)
          : hit.recipient.name,
      sentOn: context.format.date(hit.sentOn),
      sentOnIso: hit.sentOn,
      mandates: hit.mandates.map((mandate) => mandate.code).join(', '),
      joint: hit.joint,
      replyStatus: t(`search.replyStatus.${hit.replyStatus}`),
      snippet: snippetParts(hit.snippet),
    })),
    previousHref,
    nextHref,
    csvHref: `${context.href('/communications.csv')}${queryString(filters)}`,
    clearHref: base,
    suggestions,
  };
}
