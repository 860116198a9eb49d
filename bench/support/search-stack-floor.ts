import { Controller, Get, Header, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyRequest } from 'fastify';
import { bindRequestLoggers } from '../../apps/api/src/logger-options';

/** Answers a search's URL with the JSON text of its page, as the HTTP floor of bench:search does. */
export type FloorAnswer = (url: string) => Promise<string>;

/**
 * The floor of the stack the API is built on: NestJS on its Fastify adapter, as the API starts it
 * without anything of the API's own (no hooks of its own, guards, pipes, filters, rate limit or
 * validation), with one controller whose route answers the search with `answer` (the HTTP floor's
 * statements and text), and with each request run in its asynchronous context, as in every process of
 * the API: the request's logger is bound to it (bindRequestLoggers), and the transactions and the read
 * connection keep theirs in one (TransactionHost), so that the promise hooks of AsyncLocalStorage run
 * for every promise of every request once a process has served one. What it adds to the HTTP floor is
 * what the given stack costs; what the API adds to it is the API's own.
 */
export async function startStackFloor(answer: FloorAnswer, port: number): Promise<NestFastifyApplication> {
  @Controller('public/communications')
  class StackFloorController {
    @Get()
    @Header('Content-Type', 'application/json; charset=utf-8')
    find(@Req() request: FastifyRequest): Promise<string> {
      return answer(request.url);
    }
  }

  @Module({ controllers: [StackFloorController] })
  class StackFloorModule {}

  const app = await NestFactory.create<NestFastifyApplication>(
    StackFloorModule,
    new FastifyAdapter({ keepAliveTimeout: 72_000 }),
    { logger: false },
  );
  bindRequestLoggers(app.getHttpAdapter().getInstance());
  await app.listen(port, '127.0.0.1');
  return app;
}
