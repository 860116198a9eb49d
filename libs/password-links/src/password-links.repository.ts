import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { PasswordLinkEntity } from './password-link.entity';

@Injectable()
export class PasswordLinksRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get links() {
    return this.tx.manager.getRepository(PasswordLinkEntity);
  }

  insert(link: PasswordLinkEntity): Promise<PasswordLinkEntity> {
    return this.links.save(link);
  }

  /** Ends the user's links still open (a newer link replaces them). */
  async endOpenLinksOf(userId: string, at: Date): Promise<void> {
    await this.links.update({ userId, endedAt: IsNull() }, { endedAt: at });
  }

  /**
   * Ends the link of this token if it is still open and not expired, and answers it; null otherwise.
   * One statement, so a token used twice at the same moment works once.
   */
  async useOpenLink(tokenHash: string, now: Date): Promise<PasswordLinkEntity | null> {
    const result: [Array<{ id: string; user_id: string; purpose: PasswordLinkEntity['purpose'] }>, number] =
      await this.tx.manager.query(
        `UPDATE password_link SET ended_at = $2
        WHERE token_hash = $1 AND ended_at IS NULL AND expires_at > $2
        RETURNING id, user_id, purpose`,
        [tokenHash, now],
      );
    const [row] = result[0];
    return row
      ? Object.assign(new PasswordLinkEntity(), { id: row.id, userId: row.user_id, purpose: row.purpose })
      : null;
  }
}
