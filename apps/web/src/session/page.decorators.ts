import { Controller, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '../../../api/src/auth/auth.decorators';
import { LANGUAGES } from '../i18n/languages';
import { PageGuard } from './page.guard';

/**
 * A controller of pages, under each language: `@PageController('account')` answers `/ar/account` …
 * `/es/account`. The API's token guard treats the routes as public (pages resolve their person from
 * the session cookie, in PageGuard) and the routes stay out of the API document.
 */
export const PageController = (path = '') =>
  applyDecorators(
    Controller(LANGUAGES.map((language) => (path ? `${language}/${path}` : language))),
    ApiExcludeController(),
    PublicRoute(),
    UseGuards(PageGuard),
  );
