import { Module } from '@nestjs/common';
import { ReferenceModule } from '@spcomms/reference';
import { AccountsRepository } from './accounts.repository';
import { AuthService } from './auth.service';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { UsersService } from './users.service';

@Module({
  imports: [ReferenceModule],
  providers: [AccountsRepository, AuthService, UsersService, PasswordHasher, LoginLimiter],
  exports: [AuthService, UsersService, AccountsRepository],
})
export class AccountsModule {}
