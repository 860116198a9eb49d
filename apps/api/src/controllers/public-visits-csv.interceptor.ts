import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Observable, map } from 'rxjs';
import { CsvDocument } from '@spcomms/visits';

/** Sends a CsvDocument answered by a route as text/csv, offered for download under its file name. */
@Injectable()
export class CsvDocumentInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        if (!(result instanceof CsvDocument)) {
          return result;
        }
        const reply = context.switchToHttp().getResponse<FastifyReply>();
        void reply.header('content-type', result.contentType);
        void reply.header('content-disposition', `attachment; filename="${result.filename}"`);
        return result.body;
      }),
    );
  }
}
