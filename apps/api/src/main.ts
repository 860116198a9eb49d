import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError } from '@spcomms/config';
import { ApiModule } from './api.module';
import { configureApp, createFastifyAdapter } from './configure-app';

async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv();
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot({ config }),
    createFastifyAdapter(config),
    { bufferLogs: true },
  );
  await configureApp(app);
  await app.listen(config.env.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  // A wrong configuration stops the process with a message naming the variable.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
