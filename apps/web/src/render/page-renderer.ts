import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { PageContext } from './page-context';

/** The templates: `layout.eta`, `components/*.eta`, `pages/<area>/*.eta`. */
export const VIEWS_DIR = join(__dirname, '..', '..', 'views');

/** A page's template data: the context of the page, its title and its own view model. */
export interface PageData<Model> extends PageContext {
  title: string;
  model: Model;
}

/**
 * Renders templates with Eta, which escapes every `<%= %>` interpolation (`<%~ %>` is reserved for
 * HTML the templates themselves produced: partials and the layout's body). Templates are compiled
 * once and kept.
 */
@Injectable()
export class PageRenderer {
  private readonly eta = new Eta({ views: VIEWS_DIR, cache: true, autoEscape: true, autoTrim: [false, 'nl'] });

  render<Model>(view: string, context: PageContext, title: string, model: Model): string {
    const data: PageData<Model> = { ...context, title, model };
    return this.eta.render(view, data);
  }

  /** One component alone (`components/<name>.eta`) with its options: HTML to pass on as `html`. */
  component(name: string, options: object): string {
    return this.eta.render(`/components/${name}`, options);
  }
}
