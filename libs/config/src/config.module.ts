import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config';

@Global()
@Module({})
export class ConfigModule {
  /** Provides the validated configuration; tests pass their own. */
  static forRoot(config: AppConfig = AppConfig.fromEnv()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
