import { SchedulePage } from '../features/schedule/schedule-page';
import { DrugTestsPage } from '../features/drug-tests/drug-tests-page';
import { NoteEditorPage } from '../features/notes/note-editor-page';
import { NotesPage } from '../features/notes/notes-page';
import { CheckInRedirectPage, MeCheckInPage } from '../features/attendance/me-check-in-page';
import { HoursPage } from '../features/attendance/hours-page';
import { RunSheetPage } from '../features/attendance/run-sheet-page';
import { TodaySessionsPage } from '../features/attendance/today-page';
import type { Permission } from '@openiop/core';
import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration, type RouteObject } from 'react-router';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page';
import { MfaSetupPage } from '../features/auth/mfa-setup-page';
import { MfaVerifyPage } from '../features/auth/mfa-verify-page';
import { ResetPasswordPage } from '../features/auth/reset-password-page';
import { SecurityPage } from '../features/auth/security-page';
import { RequirePermission, RequireSession, SessionEndedHandler, useCan } from '../features/auth/session';
import { SignInPage } from '../features/auth/sign-in-page';
import { BreakGlassPage } from '../features/break-glass/break-glass-page';
import { BreakGlassReviewPage } from '../features/break-glass/review-page';
import { ConsentCreatePage } from '../features/consents/consent-create-page';
import { ConsentPage } from '../features/consents/consent-page';
import { AssessmentPage } from '../features/intake/assessment-page';
import { IntakePage } from '../features/intake/intake-page';
import { ChartPage } from '../features/patients/chart-page';
import { AdmissionsBoardPage } from '../features/inquiries/board-page';
import { CostEstimatePage } from '../features/inquiries/cost-estimate-page';
import { HelpPage } from '../features/inquiries/help-page';
import { InquiryCreatePage } from '../features/inquiries/inquiry-create-page';
import { InquiryDetailPage } from '../features/inquiries/inquiry-detail-page';
import { PatientCreatePage } from '../features/patients/patient-create-page';
import { PatientEditPage } from '../features/patients/patient-edit-page';
import { PatientListPage } from '../features/patients/patient-list-page';
import { AdministrationPage } from '../features/instruments/administration-page';
import { FillPage } from '../features/instruments/fill-page';
import { MePage } from '../features/measures/me-page';
import { MeAvailabilityPage } from '../features/availability/me-availability-page';
import { MeVideoPage } from '../features/video/me-video-page';
import { VideoPage } from '../features/video/video-page';
import { GiveInstrumentPage } from '../features/instruments/give-instrument-page';
import { WorklistPage } from '../features/worklist/worklist-page';
import { RelapsePlanPage } from '../features/relapse-plans/relapse-plan-page';
import { PlanPage } from '../features/plans/plan-page';
import { SignPage } from '../features/plans/sign-page';
import { TabletSignPage } from '../features/plans/tablet-sign-page';
import { FullPageLoader } from '../ui/full-page';
import { homePath } from './nav';
import { NotFoundPage, RouteError } from './route-error';
import { Shell } from './shell';

function Root() {
  return (
    <SessionEndedHandler>
      <ScrollRestoration />
      <Outlet />
    </SessionEndedHandler>
  );
}

function Home() {
  const can = useCan();
  return <Navigate to={homePath(can)} replace />;
}

const guarded = (permission: Permission, Page: ComponentType): RouteObject['element'] => (
  <RequirePermission permission={permission}>
    <Page />
  </RequirePermission>
);

/** Admin pages are loaded on first use: most staff never open them. */
const admin = (permission: Permission, load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => {
    const Page = await load();
    return { element: guarded(permission, Page) };
  },
});

export const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader label="Loading openiop" />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-in/verify', element: <MfaVerifyPage /> },
      { path: '/sign-in/set-up-verification', element: <MfaSetupPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/fill/:token', element: <FillPage /> },
      { path: '/me/:token', element: <MePage /> },
      { path: '/me/:token/availability', element: <MeAvailabilityPage /> },
      { path: '/me/:token/check-in', element: <MeCheckInPage /> },
      { path: '/check-in', element: <CheckInRedirectPage /> },
      { path: '/me/:token/video/:occurrenceId', element: <MeVideoPage /> },
      { path: '/sign/:token', element: <SignPage /> },
      { path: '/help/:slug', element: <HelpPage /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <Shell />,
            children: [
              {
                errorElement: <RouteError inShell />,
                children: [
                  { index: true, element: <Home /> },
                  { path: '/patients', element: guarded('patient.read', PatientListPage) },
                  { path: '/patients/new', element: guarded('patient.create', PatientCreatePage) },
                  { path: '/patients/:patientId', element: guarded('patient.read', ChartPage) },
                  { path: '/patients/:patientId/edit', element: guarded('patient.update', PatientEditPage) },
                  { path: '/patients/:patientId/consents/new', element: guarded('consent.write', ConsentCreatePage) },
                  { path: '/patients/:patientId/consents/:consentId', element: guarded('consent.read', ConsentPage) },
                  { path: '/patients/:patientId/intakes/:intakeId', element: guarded('intake.read', IntakePage) },
                  { path: '/patients/:patientId/assessments/:assessmentId', element: guarded('assessment.read', AssessmentPage) },
                  { path: '/patients/:patientId/measures/new', element: guarded('instrument.administer', GiveInstrumentPage) },
                  { path: '/patients/:patientId/measures/:administrationId', element: guarded('instrument.read', AdministrationPage) },
                  { path: '/worklist', element: guarded('task.read', WorklistPage) },
                  { path: '/schedule', element: guarded('schedule.read', SchedulePage) },
                  { path: '/drug-tests', element: guarded('drug_test.read', DrugTestsPage) },
                  { path: '/notes', element: guarded('note.read', NotesPage) },
                  { path: '/sessions/:occurrenceId/note', element: guarded('note.read', NoteEditorPage) },
                  { path: '/sessions', element: guarded('attendance.record', TodaySessionsPage) },
                  { path: '/sessions/:occurrenceId', element: guarded('attendance.read', RunSheetPage) },
                  { path: '/hours', element: guarded('attendance.read', HoursPage) },
                  { path: '/video/:occurrenceId', element: guarded('video.host', VideoPage) },
                  // "My tasks" folded into the worklist; old links and bookmarks still land.
                  { path: '/tasks', element: <Navigate to="/worklist" replace /> },
                  { path: '/patients/:patientId/relapse-plans/:planId', element: guarded('relapse_plan.read', RelapsePlanPage) },
                  { path: '/patients/:patientId/plans/:planId', element: guarded('plan.read', PlanPage) },
                  { path: '/patients/:patientId/plans/:planId/versions/:number/tablet', element: guarded('plan.write', TabletSignPage) },
                  { path: '/admissions', element: guarded('inquiry.read', AdmissionsBoardPage) },
                  { path: '/admissions/new', element: guarded('inquiry.write', InquiryCreatePage) },
                  { path: '/admissions/:inquiryId', element: guarded('inquiry.read', InquiryDetailPage) },
                  { path: '/admissions/:inquiryId/estimate', element: guarded('inquiry.read', CostEstimatePage) },
                  { path: '/break-glass', element: guarded('breakglass.request', BreakGlassPage) },
                  { path: '/break-glass/review', element: guarded('breakglass.review', BreakGlassReviewPage) },
                  { path: '/account/security', element: <SecurityPage /> },
                  {
                    path: '/admin/users',
                    ...admin('user.read', () => import('../features/admin/users/users-page').then((m) => m.UsersPage)),
                  },
                  {
                    path: '/admin/users/new',
                    ...admin('user.manage', () => import('../features/admin/users/user-create-page').then((m) => m.UserCreatePage)),
                  },
                  {
                    path: '/admin/users/:userId',
                    ...admin('user.read', () => import('../features/admin/users/user-edit-page').then((m) => m.UserEditPage)),
                  },
                  {
                    path: '/admin/supervision',
                    ...admin('supervision.manage', () => import('../features/notes/supervision-page').then((m) => m.SupervisionPage)),
                  },
                  {
                    path: '/admin/locations',
                    ...admin('location.manage', () => import('../features/admin/locations/locations-page').then((m) => m.LocationsPage)),
                  },
                  {
                    path: '/admin/video',
                    ...admin('video.settings', () => import('../features/video/video-settings-page').then((m) => m.VideoSettingsPage)),
                  },
                  {
                    path: '/admin/program',
                    ...admin('program.read', () => import('../features/program/program-page').then((m) => m.ProgramPage)),
                  },
                  {
                    path: '/admin/settings',
                    ...admin('settings.manage', () => import('../features/admin/settings/settings-page').then((m) => m.SettingsPage)),
                  },
                  {
                    path: '/admin/interventions',
                    ...admin('catalogue.manage', () =>
                      import('../features/admin/interventions/interventions-page').then((m) => m.InterventionsPage),
                    ),
                  },
                  {
                    path: '/admin/audit',
                    ...admin('audit.read', () => import('../features/admin/audit/audit-page').then((m) => m.AuditPage)),
                  },
                  {
                    path: '/admin/api-tokens',
                    ...admin('token.manage', () => import('../features/admin/api-tokens/api-tokens-page').then((m) => m.ApiTokensPage)),
                  },
                  {
                    path: '/admin/outbox',
                    ...admin('outbox.read', () => import('../features/admin/outbox/outbox-page').then((m) => m.OutboxPage)),
                  },
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
