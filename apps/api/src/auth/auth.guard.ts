import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { AccessDeniedException } from '@spcomms/access';
import { AccountsErrorCode, AccountsException, AuthService } from '@spcomms/accounts';
import { AUTH_METADATA, ActorRequest, AuthRequirement } from './auth.decorators';
import { RouteMetadata } from './route-metadata';

/**
 * Resolves the actor of every request. A route must declare who may call it
 * (@PublicRoute or @Authenticated); an undeclared route is refused, so a new
 * endpoint cannot be public by omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly requirements: RouteMetadata<AuthRequirement>;

  constructor(
    reflector: Reflector,
    private readonly auth: AuthService,
  ) {
    this.requirements = new RouteMetadata(reflector, AUTH_METADATA);
  }

  /** Synchronous for a public route called without a token (the public search), which waits for nothing. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const requirement = this.requirements.of(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & ActorRequest>();
    if (!requirement) {
      throw new AccessDeniedException('This route declares no access rule');
    }
    const token = this.bearerToken(request);
    if (!token && requirement.public) {
      request.actor = { kind: 'public', ip: request.ip };
      return true;
    }
    return this.authenticate(requirement, request, token);
  }

  private async authenticate(
    requirement: AuthRequirement,
    request: FastifyRequest & ActorRequest,
    token: string | null,
  ): Promise<boolean> {
    const user = token ? await this.auth.authenticate(token) : null;
    if (requirement.public) {
      request.actor = user ?? { kind: 'public', ip: request.ip };
      return true;
    }
    if (!user) {
      throw new AccountsException(
        AccountsErrorCode.Unauthenticated,
        token ? 'The token is invalid, expired or revoked' : 'A bearer token is required',
      );
    }
    if (requirement.roles.length > 0 && !requirement.roles.includes(user.role)) {
      throw new AccessDeniedException(`This is for: ${requirement.roles.join(', ')}`);
    }
    request.actor = user;
    return true;
  }

  private bearerToken(request: FastifyRequest): string | null {
    const header = request.headers.authorization;
    if (!header) {
      return null;
    }
    const [scheme, token] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : null;
  }
}
