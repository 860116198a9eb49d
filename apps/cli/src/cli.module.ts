import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { AuditModule } from '@spcomms/audit';
import { CommunicationsModule } from '@spcomms/communications';
import { ClockModule, RewindableSystemClock } from '@spcomms/clock';
import { AppConfig, ConfigModule } from '@spcomms/config';
import { DatabaseModule } from '@spcomms/database';
import { PublicationModule } from '@spcomms/publication';
import { QueueModule } from '@spcomms/queue';
import { RedisModule } from '@spcomms/redis';
import { ReferenceModule } from '@spcomms/reference';
import { RepliesModule } from '@spcomms/replies';
import { DemoSeeder } from './demo.seeder';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(new RewindableSystemClock()),
        DatabaseModule,
        RedisModule,
        QueueModule,
        AuditModule,
        ReferenceModule,
        AccountsModule,
        CommunicationsModule,
        PublicationModule,
        RepliesModule,
      ],
      providers: [DemoSeeder],
    };
  }
}
