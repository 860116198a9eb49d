import { Readable } from 'node:stream';

/** A connection's statements, as pg's client runs them. */
export interface CursorClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The cursor's name: one at a time on a connection, closed with its transaction. */
const CURSOR = 'spcomms_rows';

/**
 * The rows of `text` as a stream that reads them through a cursor declared in SQL (DECLARE … CURSOR
 * in a transaction of its own, then FETCH `batchSize` rows at a time as the consumer reads): memory
 * holds one batch whatever the number of rows. It works on the pools' pipelined connections, where a
 * cursor of the protocol (pg-query-stream, pg-cursor) is refused, and behind a pooler in transaction
 * mode. The transaction commits once the last row is read; a stream destroyed before (a client gone
 * away) rolls it back, which closes the cursor and stops the query. The caller holds the connection
 * and releases it once the stream has closed.
 */
export function cursorRows(client: CursorClient, text: string, values: unknown[], batchSize: number): Readable {
  let state: 'closed' | 'open' | 'done' = 'closed';
  return new Readable({
    objectMode: true,
    // One batch ahead at most: each FETCH starts once the consumer wants more.
    highWaterMark: batchSize,
    read() {
      void (async () => {
        if (state === 'closed') {
          state = 'open';
          await client.query('BEGIN');
          await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${text}`, values);
        }
        const { rows } = await client.query(`FETCH ${batchSize} FROM ${CURSOR}`);
        if (this.destroyed) {
          return;
        }
        if (rows.length === 0) {
          state = 'done';
          await client.query('COMMIT');
          this.push(null);
          return;
        }
        for (const row of rows) {
          this.push(row);
        }
      })().catch((error: Error) => this.destroy(error));
    },
    destroy(error, callback) {
      if (state !== 'open') {
        callback(error);
        return;
      }
      state = 'done';
      client.query('ROLLBACK').then(
        () => callback(error),
        (rollbackError: Error) => callback(error ?? rollbackError),
      );
    },
  });
}
