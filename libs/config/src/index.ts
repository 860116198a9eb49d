export * from './config';
export * from './config.module';
export * from './env.dto';
export * from './public-links';
