import { Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { NotificationsModule } from '@spcomms/notifications';
import { PasswordLinksRepository } from './password-links.repository';
import { PasswordLinksService } from './password-links.service';

@Module({
  imports: [AccountsModule, NotificationsModule],
  providers: [PasswordLinksRepository, PasswordLinksService],
  exports: [PasswordLinksService],
})
export class PasswordLinksModule {}
