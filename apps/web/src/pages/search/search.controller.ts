import { Get, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { PublicActor } from '@spcomms/access';
import {
  PublicExportService,
  PublicFacetsDto,
  PublicSearchErrorCode,
  PublicSearchException,
  PublicSearchService,
} from '@spcomms/public-search';
import { PublicRateLimit } from '../../../../api/src/rate-limit/public-rate-limit.decorator';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { SearchFieldError, parseSearchQuery } from './search-query';
import { SearchPageJson, SearchView, searchView } from './search.view';

const publicActor = (request: PageRequest): PublicActor => ({ kind: 'public', ip: request.ip });

/**
 * `/{lang}/communications`: the public database — words, filters with their counts, a page of results
 * — and `/{lang}/communications.csv`, the same filtered search as CSV. Both call the public search
 * services as the API does, with the public actor: nothing unpublished can be found.
 */
@PageController()
export class SearchController {
  constructor(
    private readonly pages: Pages,
    private readonly search: PublicSearchService,
    private readonly exports: PublicExportService,
  ) {}

  @Get('communications')
  async results(
    @Req() request: PageRequest,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const parsed = parseSearchQuery(query);
    const errors: SearchFieldError[] = [...parsed.errors];
    let facets: PublicFacetsDto | null = null;
    let page: SearchPageJson | null = null;
    if (errors.length === 0) {
      try {
        const actor = publicActor(request);
        // The counts and the page at once: the page costs the longer of the two, not their sum.
        const [counts, json] = await Promise.all([
          this.search.facets(actor, parsed.filters),
          this.search.search(actor, parsed.query),
        ]);
        facets = counts;
        page = JSON.parse(json.toString()) as SearchPageJson;
      } catch (error) {
        if (!(error instanceof PublicSearchException)) {
          throw error;
        }
        errors.push(
          error.code === PublicSearchErrorCode.InvalidCursor
            ? { field: 'results-title', message: 'search.error.page.invalid' }
            : { field: 'to-day', message: 'search.error.range' },
        );
        facets = null;
        page = null;
      }
    }
    const context = this.pages.context(request);
    this.pages.render<SearchView>(
      request,
      reply,
      'pages/search/index',
      errors.length > 0 ? 'search.title.error' : 'search.title',
      searchView({ form: parsed.form, errors, facets, page }, context),
      errors.length > 0 ? 422 : 200,
    );
  }

  /** The filters of the page, exported by the export of the public API (same columns, same order). */
  @Get('communications.csv')
  @PublicRateLimit({ bucket: 'public-export' })
  async csv(
    @Req() request: PageRequest,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const parsed = parseSearchQuery(query);
    if (parsed.errors.length > 0) {
      // The link is made by the search page; a hand-made one with bad filters gets the page and its errors.
      return this.results(request, query, reply);
    }
    const file = await this.exports.export(publicActor(request), parsed.filters);
    const headers = file.getHeaders();
    void reply
      .status(200)
      .header('content-type', headers.type)
      .header('content-disposition', headers.disposition)
      .header('x-content-type-options', 'nosniff')
      .send(file.getStream());
  }
}
