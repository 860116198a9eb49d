import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PublicRoute } from '../../../api/src/auth/auth.decorators';
import { LANGUAGE_COOKIE, isLanguage, negotiateLanguage } from '../i18n/languages';
import { readCookies } from '../render/cookies';

/** `GET /`: to the home page in the language chosen before (cookie) or negotiated (Accept-Language). */
@Controller()
@ApiExcludeController()
@PublicRoute()
export class RootController {
  @Get()
  root(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const saved = readCookies(request.headers.cookie)[LANGUAGE_COOKIE];
    const lang = isLanguage(saved) ? saved : negotiateLanguage(request.headers['accept-language']);
    void reply.status(303).header('location', `/${lang}/`).header('vary', 'accept-language, cookie').send();
  }
}
