import { Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { DomainEventsModule } from '@spcomms/domain-events';
import { NotificationsModule } from '@spcomms/notifications';
import { ReferenceModule } from '@spcomms/reference';
import { SchedulesModule } from '@spcomms/schedules';
import { PublicVisitsRepository } from './public-visits.repository';
import { PublicVisitsService } from './public-visits.service';
import { VisitMailService } from './visit-mail.service';
import { VisitMovesService } from './visit-moves.service';
import { VisitOutcomeService } from './visit-outcome.service';
import { VisitReminderPlanner } from './visit-reminder.planner';
import { VisitRequestSubscriber } from './visit-request.subscriber';
import { ScheduledVisitReminderPlanner } from './visit-reminder.schedule';
import { VisitRemindersService } from './visit-reminders.service';
import { VisitViewService } from './visit-view.service';
import { VisitsRepository } from './visits.repository';
import { VisitsService } from './visits.service';

@Module({
  imports: [ReferenceModule, AccountsModule, SchedulesModule, NotificationsModule, DomainEventsModule],
  providers: [
    VisitsRepository,
    PublicVisitsRepository,
    VisitViewService,
    VisitMailService,
    VisitRequestSubscriber,
    VisitsService,
    VisitMovesService,
    VisitOutcomeService,
    PublicVisitsService,
    VisitRemindersService,
    { provide: VisitReminderPlanner, useClass: ScheduledVisitReminderPlanner },
  ],
  exports: [VisitsService, VisitMovesService, VisitOutcomeService, PublicVisitsService, VisitRemindersService],
})
export class VisitsModule {}
