import { ExecutionContext, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/**
 * The metadata of a route under one key, its handler's overriding its controller's (as
 * Reflector.getAllAndOverride reads it), read once per route: decorators set it when the classes are
 * defined and nothing changes it after, while reflect-metadata walks its maps on every read, for every
 * request of every guard that asks.
 */
export class RouteMetadata<T> {
  private readonly routes = new WeakMap<Type, WeakMap<object, { value: T | undefined }>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly key: string,
  ) {}

  of(context: ExecutionContext): T | undefined {
    const controller = context.getClass();
    const handler = context.getHandler();
    let handlers = this.routes.get(controller);
    if (!handlers) {
      handlers = new WeakMap();
      this.routes.set(controller, handlers);
    }
    let read = handlers.get(handler);
    if (!read) {
      read = { value: this.reflector.getAllAndOverride<T | undefined>(this.key, [handler, controller]) };
      handlers.set(handler, read);
    }
    return read.value;
  }
}
