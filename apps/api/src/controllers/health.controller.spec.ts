import { ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Actor, Role } from '@spcomms/access';
import { EngineHealthIndicator, EngineStatus } from '@spcomms/notifications';
import { RedisHealthIndicator } from '@spcomms/redis';
import { HealthController } from './health.controller';

const DOWN = {
  status: 'error',
  info: { postgres: { status: 'up' } },
  error: { redis: { status: 'down', message: 'connect ECONNREFUSED 10.0.0.7:6379' } },
  details: { postgres: { status: 'up' }, redis: { status: 'down', message: 'connect ECONNREFUSED 10.0.0.7:6379' } },
};

/** /health when a dependency is down: details for the monitor and admins only. */
describe('health check when down', () => {
  const anyone: Actor = { kind: 'public', ip: '192.0.2.1' };
  const admin: Actor = {
    kind: 'user',
    userId: 'u',
    sessionId: 's',
    username: 'ops',
    role: Role.Admin,
    mandateIds: [],
    stateCode: null,
  };
  const sut = new HealthController(
    { check: () => Promise.reject(new ServiceUnavailableException(DOWN)) } as unknown as HealthCheckService,
    {} as TypeOrmHealthIndicator,
    {} as RedisHealthIndicator,
    {} as EngineHealthIndicator,
    { mayReadDetails: (actor: Actor) => actor.kind === 'user' && actor.role === Role.Admin } as unknown as EngineStatus,
  );

  it('answers anyone 503 with the status only', async () => {
    const refusal = await sut.check(anyone).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceUnavailableException);
    expect((refusal as ServiceUnavailableException).getResponse()).toEqual({
      status: 'error',
      message: 'Service unavailable',
    });
  });

  it('answers an admin 503 with the state of each dependency', async () => {
    const refusal = await sut.check(admin).catch((error: unknown) => error);
    expect((refusal as ServiceUnavailableException).getResponse()).toEqual(DOWN);
  });
});
