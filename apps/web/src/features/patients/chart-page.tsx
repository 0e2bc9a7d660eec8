import { useParams } from 'react-router';
import { ConsentsSection, DisclosuresSection } from '../consents/consents-section';
import { isApiError } from '../../lib/api-client';
import { IntakeChartSection } from '../intake/intake-chart-section';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useChart, useListedPatient } from './api';
import { BreakGlassBanner, ChartHeaderCard, factsFromChart, factsFromListItem } from './chart-header';
import { CareTeamSection, ContactSection, EpisodesSection } from './chart-sections';
import { NotInScope } from './not-in-scope';
import { MeasuresSection } from '../instruments/measures-section';
import { MeasurementBasedCareSection } from '../measures/measures-chart-section';
import { PlanChartSection } from '../plans/plan-chart-section';
import { SafetyBanner } from '../tasks/safety-banner';
import { AllergiesAlertsSection } from '../clinical/chart-flags';
import { MedicationsSection } from '../clinical/medications-section';
import { ProblemListSection } from '../clinical/problem-list-section';
import { RelapsePlanSection } from '../relapse-plans/relapse-plan-section';
import { SessionsChartSection } from '../sessions/sessions-chart-section';
import { NotesChartSection } from '../notes/notes-chart-section';
import { AvailabilitySection } from '../availability/availability-chart-section';
import { DrugTestsSection } from '../drug-tests/drug-tests-section';
import { HoursChartSection } from '../attendance/hours-chart-section';
import { AuthorizationsSection } from '../authorizations/authorizations-section';

export function ChartPage() {
  const { patientId = '' } = useParams();
  const chart = useChart(patientId);
  const listed = useListedPatient(patientId);

  if (chart.isPending) {
    if (!listed) return <Loading label="Loading patient chart" />;
    return (
      <>
        <ChartHeaderCard facts={factsFromListItem(listed)} />
        <Loading label="Loading patient chart" />
      </>
    );
  }
  if (chart.isError) {
    if (isApiError(chart.error) && chart.error.status === 404) return <NotInScope />;
    return (
      <>
        <PageHeader title="Patient chart" back={{ to: '/patients', label: 'Patients' }} />
        <QueryError what="the patient chart" error={chart.error} onRetry={() => void chart.refetch()} />
      </>
    );
  }
  return (
    <>
      {chart.data.access.breakGlass && <BreakGlassBanner expiresAt={chart.data.access.expiresAt} />}
      <SafetyBanner patientId={patientId} />
      <ChartHeaderCard facts={factsFromChart(chart.data)} />
      <EpisodesSection patientId={patientId} />
      <ProblemListSection patientId={patientId} />
      <MedicationsSection patientId={patientId} />
      <AllergiesAlertsSection patientId={patientId} />
      <RelapsePlanSection patientId={patientId} />
      <IntakeChartSection patientId={patientId} />
      <PlanChartSection patientId={patientId} />
      <SessionsChartSection patientId={patientId} />
      <NotesChartSection patientId={patientId} />
      <HoursChartSection patientId={patientId} />
      <MeasuresSection patientId={patientId} />
      <MeasurementBasedCareSection patientId={patientId} />
      <DrugTestsSection patientId={patientId} />
      <AvailabilitySection patientId={patientId} />
      <AuthorizationsSection patientId={patientId} />
      <CareTeamSection patientId={patientId} />
      <ConsentsSection patientId={patientId} />
      <DisclosuresSection patientId={patientId} />
      <ContactSection chart={chart.data} />
    </>
  );
}
