import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { Answers, MeView } from '@openiop/core';
import { useState, type ComponentType } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { itemErrors, unansweredCount } from '../instruments/answers';
import { CrisisLine, PersonFrame } from '../../ui/person-frame';
import { QuestionnaireForm } from '../instruments/questionnaire-form';
import { PlanContentView } from '../plans/plan-content';
import { RelapsePlanCard } from '../relapse-plans/relapse-plan-card';
import { useMe, useSubmitMeMeasure } from './api';
import { CheckinCard } from './checkin-form';
import { MeSessionsSection } from '../sessions/me-sessions-section';
import { MeAvailabilityLink } from '../availability/me-availability-link';
import { MeCheckInLink } from '../attendance/me-check-in-link';

/** What every section of the person's page receives: the link's token and the page's data. */
export interface MeSectionProps {
  token: string;
  view: MeView;
}

function MeasuresDueSection({ token, view }: MeSectionProps) {
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string[]>([]);
  const due = view.measures.due;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="due-heading">
      <Title order={2} size="h3" id="due-heading" mb="sm">
        Questionnaires due
      </Title>
      {done.length > 0 && (
        <Text role="status" mb="sm">
          Thank you — your answers were sent to your care team.
        </Text>
      )}
      {due.length === 0 ? (
        <Text>Nothing is due right now.</Text>
      ) : (
        <Stack gap="md">
          {due.map((d) =>
            open === d.assignmentId ? (
              <AnswerMeasure
                key={d.assignmentId}
                token={token}
                item={d}
                onDone={() => {
                  setOpen(null);
                  setDone((x) => [...x, d.assignmentId]);
                }}
                onCancel={() => setOpen(null)}
              />
            ) : (
              <Stack key={d.assignmentId} gap={4}>
                <Text fw={600}>{d.instrument.shortName}</Text>
                <Text size="sm">
                  {d.instrument.description} — {d.state === 'missed' ? 'was due' : 'due'} {formatDate(d.dueDate)}
                </Text>
                <Button
                  onClick={() => setOpen(d.assignmentId)}
                  aria-label={`Answer ${d.instrument.shortName}`}
                  w={{ base: '100%', sm: 'auto' }}
                >
                  Answer now
                </Button>
              </Stack>
            ),
          )}
        </Stack>
      )}
    </Paper>
  );
}

function AnswerMeasure(props: { token: string; item: MeView['measures']['due'][number]; onDone: () => void; onCancel: () => void }) {
  const submit = useSubmitMeMeasure(props.token);
  const [answers, setAnswers] = useState<Answers>({});
  const [confirmShort, setConfirmShort] = useState(false);
  const def = props.item.instrument;
  const missing = unansweredCount(def, answers);
  const send = () => {
    if (missing > 0 && !confirmShort) {
      setConfirmShort(true);
      return;
    }
    submit.mutate({ assignmentId: props.item.assignmentId, items: answers }, { onSuccess: props.onDone });
  };
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        {def.shortName}
      </Title>
      <QuestionnaireForm
        definition={def}
        answers={answers}
        onChange={(next) => {
          setAnswers(next);
          setConfirmShort(false);
        }}
        errors={submit.error && isApiError(submit.error) ? itemErrors(submit.error.errors) : {}}
      />
      {submit.error && <Alert color="red">{errorMessage(submit.error)}</Alert>}
      {confirmShort && missing > 0 && (
        <Alert color="yellow" role="alert">
          {missing} question{missing === 1 ? ' is' : 's are'} not answered. Press Send again to send as it is, or answer them first.
        </Alert>
      )}
      <Button size="lg" onClick={send} loading={submit.isPending} fullWidth>
        Send my answers
      </Button>
      <Button variant="subtle" onClick={props.onCancel}>
        Not now
      </Button>
      <Text size="xs" c="dimmed">
        {def.licence}
      </Text>
    </Stack>
  );
}

function CheckinSection({ token, view }: MeSectionProps) {
  if (!view.measures.checkin) return null;
  return <CheckinCard token={token} doneToday={view.measures.checkin.doneToday} />;
}

/** The treatment plan the person signed, in plain words. */
function TreatmentPlanSection({ view }: MeSectionProps) {
  if (!view.treatmentPlan) return null;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="me-plan-heading">
      <Title order={2} size="h3" id="me-plan-heading">
        My treatment plan
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Version {view.treatmentPlan.number}, signed {formatDate(view.treatmentPlan.signedAt.slice(0, 10))}. Ask your care team any time you
        want to change it.
      </Text>
      <PlanContentView content={view.treatmentPlan.content} level={3} plain />
    </Paper>
  );
}

/** The person's own relapse-prevention plan, as finalised with their care team. */
function RelapsePlanSection({ view }: MeSectionProps) {
  if (!view.relapsePlan) return null;
  return <RelapsePlanCard plan={view.relapsePlan} idPrefix="me-rpp" />;
}

/**
 * The sections of the person's page, in order. Each is its own component over the same props, so another
 * feature adds its section here without touching the others; a section with nothing to show returns null.
 */
export const meSections: { id: string; Component: ComponentType<MeSectionProps> }[] = [
  { id: 'sessions', Component: MeSessionsSection },
  { id: 'check-in', Component: MeCheckInLink },
  { id: 'measures', Component: MeasuresDueSection },
  { id: 'checkin', Component: CheckinSection },
  { id: 'treatment-plan', Component: TreatmentPlanSection },
  { id: 'relapse-plan', Component: RelapsePlanSection },
  { id: 'availability', Component: MeAvailabilityLink },
];

/** The whole page when the person's link does not open (unknown, revoked or expired), for every `/me/:token` page. */
export function MeLinkProblem({ error }: { error: unknown }) {
  const code = isApiError(error) ? error.code : null;
  return (
    <PersonFrame title={code === 'LINK_EXPIRED' ? 'This link has expired' : 'This link does not work'}>
      <Text>{errorMessage(error)}</Text>
      <Text>If you need a new link, please contact your care team.</Text>
      <CrisisLine />
    </PersonFrame>
  );
}

/** The person's own page from their standing measures link: phone-first, no sign-in. */
export function MePage() {
  const { token = '' } = useParams();
  const me = useMe(token);
  if (me.isPending)
    return (
      <PersonFrame title="My check-ins and questionnaires">
        <Loading label="Loading your page" />
      </PersonFrame>
    );
  if (me.isError) return <MeLinkProblem error={me.error} />;
  const view = me.data;
  return (
    <PersonFrame title={`Hi ${view.firstName}`}>
      <Text>This is your page from {view.organizationName}. Your answers go to your care team. There are no right or wrong answers.</Text>
      <CrisisLine />
      {meSections.map(({ id, Component }) => (
        <Component key={id} token={token} view={view} />
      ))}
      <Text size="xs" c="dimmed">
        This link works until {formatDate(view.expiresAt.slice(0, 10))}. Keep it private: anyone with it can answer for you.
      </Text>
    </PersonFrame>
  );
}
