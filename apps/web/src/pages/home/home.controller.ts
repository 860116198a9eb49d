import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { PublicSearchService } from '@spcomms/public-search';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { HomeView, homeView } from './home.view';

/** How many of the latest published letters the home page lists. */
export const HOME_LATEST = 5;

/** `/{lang}/`: what the communications are, the search box, the latest published letters. */
@PageController()
export class HomeController {
  constructor(
    private readonly pages: Pages,
    private readonly search: PublicSearchService,
  ) {}

  @Get()
  async home(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const page = await this.search.search(this.pages.actorOf(request), { limit: HOME_LATEST, sort: 'date' });
    const context = this.pages.context(request);
    this.pages.render<HomeView>(
      request,
      reply,
      'pages/home/index',
      'page.home.title',
      homeView(page.toString(), context),
    );
  }
}
