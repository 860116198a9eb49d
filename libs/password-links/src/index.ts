export * from './password-link.entity';
export * from './password-links.dto';
export * from './password-links.exception';
export * from './password-links.module';
export * from './password-links.repository';
export * from './password-links.service';
