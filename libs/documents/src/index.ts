export * from './documents.module';
export * from './letter-document';
export * from './letter-documents.service';
export * from './letter-pdf';
