export * from './audit-anchor.service';
export * from './audit-event.dto';
export * from './audit-event.entity';
export * from './audit-verifier.service';
export * from './audit.module';
export * from './audit.service';
