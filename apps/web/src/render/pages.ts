import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Actor } from '@spcomms/access';
import { Catalogue, MessageValues } from '../i18n/catalogue';
import { Language } from '../i18n/languages';
import { PageRequest, PageState, pathAfterLanguage } from '../session/page-request';
import { PageContext, buildPageContext } from './page-context';
import { PageRenderer } from './page-renderer';

/** The type of every HTML answer of the site. */
export const HTML = 'text/html; charset=utf-8';

/**
 * What a page controller uses to answer (controllers take `@Res()` and let these send): `render` a
 * template with its view model in the request's language, `redirect` after a form (303), `context`
 * for a view model that needs words or formats.
 */
@Injectable()
export class Pages {
  constructor(
    readonly catalogue: Catalogue,
    private readonly renderer: PageRenderer,
  ) {}

  stateOf(request: PageRequest): PageState {
    if (!request.page) {
      throw new Error('No page state on the request: is the controller missing @PageController()?');
    }
    return request.page;
  }

  /**
   * The actor to pass to services, as the API would: the person logged in, or the public (with the
   * client's address, for the public rate limits).
   */
  actorOf(request: PageRequest): Actor {
    return this.stateOf(request).user ?? { kind: 'public', ip: request.ip };
  }

  context(request: PageRequest, state: PageState = this.stateOf(request)): PageContext {
    return buildPageContext({
      catalogue: this.catalogue,
      lang: state.lang,
      path: pathAfterLanguage(request.url),
      csrf: state.csrf,
      user: state.user,
    });
  }

  t(lang: Language, key: string, values?: MessageValues): string {
    return this.catalogue.format(lang, key, values);
  }

  /**
   * Renders `pages/<area>/<name>` inside the layout. `title` is a catalogue key (with its values);
   * the page's own model reaches the template as `it.model`.
   */
  render<Model>(
    request: PageRequest,
    reply: FastifyReply,
    view: string,
    title: string | { key: string; values?: MessageValues },
    model: Model,
    status = 200,
  ): void {
    const context = this.context(request);
    const { key, values } = typeof title === 'string' ? { key: title, values: undefined } : title;
    const html = this.renderer.render(`/${view}`, context, context.t(key, values), model);
    void reply.status(status).header('content-type', HTML).header('cache-control', 'no-store').send(html);
  }

  /** Renders with a context made outside a page route (the error pages of unknown addresses). */
  renderWith<Model>(context: PageContext, view: string, title: string, model: Model): string {
    return this.renderer.render(`/${view}`, context, title, model);
  }

  /** 303 to an address of the site in the request's language (`/account` → `/fr/account`). */
  redirect(request: PageRequest, reply: FastifyReply, path: string): void {
    const lang = this.stateOf(request).lang;
    void reply
      .status(303)
      .header('location', `/${lang}${path.startsWith('/') ? path : `/${path}`}`)
      .send();
  }
}
