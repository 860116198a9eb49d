import { Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { PasswordLinksModule } from '@spcomms/password-links';
import { CommunicationsModule } from '@spcomms/communications';
import { DocumentsModule } from '@spcomms/documents';
import { PublicSearchModule } from '@spcomms/public-search';
import { PublicationModule } from '@spcomms/publication';
import { ReferenceModule } from '@spcomms/reference';
import { RepliesModule } from '@spcomms/replies';
import { StatisticsModule } from '@spcomms/statistics';
import { SubmissionsModule } from '@spcomms/submissions';
import { VisitsModule } from '@spcomms/visits';
import { NotificationsModule } from '@spcomms/notifications';
import { PageErrors } from './errors/page-errors';
import { Catalogue } from './i18n/catalogue';
import { AccountController } from './pages/account/account.controller';
import { AssetsController } from './pages/assets.controller';
import {
  PortalLetterPdfController,
  PublicLetterPdfController,
  WorkspaceLetterPdfController,
} from './pages/documents/letter-pdf.controller';
import { DashboardController } from './pages/dashboard/dashboard.controller';
import { LoginController } from './pages/auth/login.controller';
import { SetPasswordController } from './pages/auth/set-password.controller';
import { HomeController } from './pages/home/home.controller';
import { LetterController } from './pages/letter/letter.controller';
import { PortalPagesController } from './pages/portal/portal.controller';
import { PortalReplyForms } from './pages/portal/portal-reply-form';
import { PortalVisitAnswers } from './pages/portal/portal-visit-answer';
import { WorkspaceLetterController } from './pages/workspace/workspace-letter.controller';
import { PendingWorkspaceController } from './pages/pending-areas.controller';
import { LetterApprovalsController } from './pages/workspace/letters/letter-approvals.controller';
import { LetterHistoryController } from './pages/workspace/letters/letter-history.controller';
import { LetterPages } from './pages/workspace/letters/letter-pages';
import { LetterSendingController } from './pages/workspace/letters/letter-sending.controller';
import { LetterShortFormsController } from './pages/workspace/letters/letter-short-forms.controller';
import { WorkspaceLettersController } from './pages/workspace/letters/workspace-letters.controller';
import { WorkspaceSubmissionsController } from './pages/workspace/submissions.controller';
import { WorkspaceSubmissionEditController } from './pages/workspace/submission-edit.controller';
import { WorkspacePublicationController } from './pages/workspace/publication.controller';
import { WorkspaceHomeController } from './pages/workspace/workspace-home.controller';
import { WorkspaceVisitsController } from './pages/workspace/workspace-visits.controller';
import { DecisionsController } from './pages/decisions/decisions.controller';
import { AdminUsersController } from './pages/admin/admin-users.controller';
import { AdminReferenceController } from './pages/admin/admin-reference.controller';
import { AdminQueuesPageController } from './pages/admin/admin-queues.controller';
import { BoardSessions } from '../../api/src/controllers/admin-queues.board';
import { ReportsController } from './pages/reports/reports.controller';
import { SearchController } from './pages/search/search.controller';
import { StatisticsController } from './pages/statistics/statistics.controller';
import { SubmitController } from './pages/submit/submit.controller';
import { VisitsController } from './pages/visits/visits.controller';
import { RootController } from './pages/root.controller';
import { PageRenderer } from './render/page-renderer';
import { Pages } from './render/pages';
import { PageGuard } from './session/page.guard';
import { WebSessions } from './session/web-sessions';

/**
 * The site: server-rendered pages in six languages under `/{lang}/…`, served by the API's process.
 * Pages build their view models with the same services and actor checks as the API.
 */
@Module({
  imports: [
    AccountsModule,
    CommunicationsModule,
    NotificationsModule,
    PasswordLinksModule,
    PublicSearchModule,
    PublicationModule,
    ReferenceModule,
    RepliesModule,
    StatisticsModule,
    SubmissionsModule,
    VisitsModule,
    DocumentsModule,
  ],
  controllers: [
    RootController,
    AssetsController,
    HomeController,
    LoginController,
    AccountController,
    SetPasswordController,
    SearchController,
    LetterController,
    ReportsController,
    VisitsController,
    StatisticsController,
    SubmitController,
    WorkspaceLetterController,
    WorkspaceLettersController,
    LetterHistoryController,
    LetterApprovalsController,
    LetterSendingController,
    LetterShortFormsController,
    WorkspaceSubmissionsController,
    WorkspaceSubmissionEditController,
    WorkspacePublicationController,
    WorkspaceHomeController,
    WorkspaceVisitsController,
    DecisionsController,
    AdminUsersController,
    AdminReferenceController,
    AdminQueuesPageController,
    PortalPagesController,
    PublicLetterPdfController,
    WorkspaceLetterPdfController,
    PortalLetterPdfController,
    DashboardController,
    // Last: what is left of /workspace/* asks for a login and lands on the account page.
    PendingWorkspaceController,
  ],
  providers: [
    { provide: Catalogue, useFactory: () => new Catalogue() },
    PageRenderer,
    Pages,
    PageErrors,
    PageGuard,
    WebSessions,
    PortalReplyForms,
    PortalVisitAnswers,
    LetterPages,
    BoardSessions,
  ],
  exports: [Catalogue, Pages, PageErrors, PageGuard, WebSessions],
})
export class WebModule {}
