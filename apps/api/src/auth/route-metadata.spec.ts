import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RouteMetadata } from './route-metadata';

const KEY = 'test:route-metadata';

@SetMetadata(KEY, 'controller')
class BaseController {
  @SetMetadata(KEY, 'handler')
  marked(): void {}

  plain(): void {}
}

class OtherController extends BaseController {}

const contextOf = (controller: object, handler: () => void) =>
  ({ getClass: () => controller, getHandler: () => handler }) as unknown as ExecutionContext;

describe('RouteMetadata', () => {
  const reflector = new Reflector();

  it("answers the handler's metadata over its controller's, the controller's, or undefined", () => {
    const sut = new RouteMetadata<string>(reflector, KEY);

    expect(sut.of(contextOf(BaseController, BaseController.prototype.marked))).toBe('handler');
    expect(sut.of(contextOf(BaseController, BaseController.prototype.plain))).toBe('controller');
    expect(sut.of(contextOf(OtherController, BaseController.prototype.plain))).toBe('controller');
    expect(
      new RouteMetadata<string>(reflector, 'test:none').of(contextOf(BaseController, BaseController.prototype.plain)),
    ).toBeUndefined();
  });

  it('reads a route once, each controller of a shared handler apart', () => {
    const read = jest.spyOn(reflector, 'getAllAndOverride');
    const sut = new RouteMetadata<string>(reflector, KEY);
    const route = contextOf(BaseController, BaseController.prototype.plain);

    sut.of(route);
    sut.of(route);
    sut.of(contextOf(OtherController, BaseController.prototype.plain));
    sut.of(contextOf(OtherController, BaseController.prototype.plain));

    expect(read.mock.calls).toEqual([
      [KEY, [BaseController.prototype.plain, BaseController]],
      [KEY, [BaseController.prototype.plain, OtherController]],
    ]);
  });
});
