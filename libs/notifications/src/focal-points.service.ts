import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Actor, Role, requireRole } from '@spcomms/access';
import { MAIL_LANGUAGES } from './mail-templates';
import { RecipientsService } from './recipients.service';

/** A focal point of a State: an active government account, written to about the State's letters and visits. */
export class FocalPointDto {
  @ApiProperty() displayName!: string;
  @ApiProperty({ example: 'mission@example.org' }) email!: string;
  @ApiProperty({ enum: MAIL_LANGUAGES, description: 'The language of the e-mails this focal point receives' })
  mailLanguage!: string;
}

/** The focal points of the asking government user's own State, as the system writes to them. */
@Injectable()
export class FocalPointsService {
  constructor(private readonly recipients: RecipientsService) {}

  async ofOwnState(actor: Actor): Promise<FocalPointDto[]> {
    requireRole(actor, Role.Government);
    const state = actor.stateCode as string;
    const users = (await this.recipients.focalPointsOf([state])).get(state) ?? [];
    return users.map((user) => ({
      displayName: user.displayName,
      email: user.email,
      mailLanguage: (MAIL_LANGUAGES as readonly string[]).includes(user.language) ? user.language : 'en',
    }));
  }
}
