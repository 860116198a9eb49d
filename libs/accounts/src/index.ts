export * from './accounts.dto';
export * from './accounts.exception';
export * from './accounts.module';
export * from './accounts.repository';
export * from './auth.service';
export * from './session.entity';
export * from './user.entity';
export * from './users.service';
