import { Server, createServer } from 'node:http';
import { Controller, Get, Header, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyRequest } from 'fastify';
import { bindRequestLoggers } from '../../apps/api/src/logger-options';

/** Answers a search's URL with the JSON text of its page, as the HTTP floor of bench:search does. */
export type FloorAnswer = (url: string) => Promise<string>;

/**
 * The HTTP floor: a bare node:http server that answers each request with `answer` and nothing else (no
 * validation, cursor, rate limit, logs or headers of its own). What it adds to the bare statements is
 * what any HTTP JSON answer from this Node.js process costs on this machine; what the API adds to it
 * is the API's own.
 */
export function startFloor(answer: FloorAnswer, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    answer(request.url ?? '/').then(
      (text) => response.writeHead(200, { 'content-type': 'application/json' }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  // Fastify's idle keep-alive (72 s), not node:http's 5 s: the clients' idle sockets must not be closed
  // under a request while another side warms up (a "socket hang up").
  server.keepAliveTimeout = 72_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

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
