import { Alert, Anchor, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { NotInScope } from '../patients/not-in-scope';
import { useInterventions, useNewVersion, usePlan, usePlanDiff, usePlanPdfUrl, usePlanVersion, useProgress } from './api';
import { ReviewBadge, VersionStatusBadge } from './labels';
import { PlanContentView } from './plan-content';
import { PlanEditor } from './plan-editor';
import { ProgressForm, ProgressTimeline, targetNames } from './progress-timeline';
import { SignActions } from './sign-actions';

function Section(props: { title: string; id: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby={props.id}>
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id={props.id}>
          {props.title}
        </Title>
        {props.actions}
      </Group>
      {props.children}
    </Paper>
  );
}

function DiffSection({ patientId, planId, numbers }: { patientId: string; planId: string; numbers: number[] }) {
  const [from, setFrom] = useState(numbers.at(-2) ?? 1);
  const [to, setTo] = useState(numbers.at(-1) ?? 1);
  const diff = usePlanDiff(patientId, planId, from, to, numbers.length > 1 && from !== to);
  if (numbers.length < 2) return null;
  const options = numbers.map((n) => ({ value: String(n), label: `Version ${n}` }));
  return (
    <Section title="Compare versions" id="diff-heading">
      <Group mb="sm" wrap="wrap">
        <NativeSelect label="From" data={options} value={String(from)} onChange={(e) => setFrom(Number(e.currentTarget.value))} />
        <NativeSelect label="To" data={options} value={String(to)} onChange={(e) => setTo(Number(e.currentTarget.value))} />
      </Group>
      {from === to ? (
        <Text c="dimmed">Choose two different versions.</Text>
      ) : diff.isPending ? (
        <Loading label="Comparing versions" />
      ) : diff.isError ? (
        <QueryError what="the comparison" error={diff.error} onRetry={() => void diff.refetch()} />
      ) : diff.data.entries.length === 0 ? (
        <Text>No differences.</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>Before</Table.Th>
                <Table.Th>After</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diff.data.entries.map((e) => (
                <Table.Tr key={`${e.kind}:${e.id}`}>
                  <Table.Td>{e.kind}</Table.Td>
                  <Table.Td>
                    {e.change}
                    {e.fields.length > 0 && ` (${e.fields.join(', ')})`}
                  </Table.Td>
                  <Table.Td>{e.before ?? '—'}</Table.Td>
                  <Table.Td>{e.after ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

/** One treatment plan: the chosen version (the newest by default), how it gets signed, its history and progress. */
export function PlanPage() {
  const { patientId = '', planId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const can = useCan();
  const plan = usePlan(patientId, planId);
  const chosen = Number(search.get('version')) || plan.data?.currentVersion || null;
  const version = usePlanVersion(patientId, planId, chosen);
  const catalogue = useInterventions(can('plan.write'));
  const progress = useProgress(patientId, planId);
  const newVersion = useNewVersion(patientId, planId);
  const pdfUrl = usePlanPdfUrl(patientId, planId, chosen ?? 1);
  const back = { to: `/patients/${patientId}`, label: 'Chart' };

  if (plan.isError && isApiError(plan.error) && plan.error.status === 404) return <NotInScope />;
  if (plan.isPending || (chosen !== null && version.isPending))
    return (
      <>
        <PageHeader title="Treatment plan" back={back} />
        <Loading label="Loading treatment plan" />
      </>
    );
  if (plan.isError || version.isError)
    return (
      <>
        <PageHeader title="Treatment plan" back={back} />
        <QueryError what="the treatment plan" error={plan.error ?? version.error} onRetry={() => void version.refetch()} />
      </>
    );
  const v = version.data?.data;
  if (!v) return null;
  const latest = v.number === plan.data.currentVersion;
  const editable = latest && v.status === 'draft' && can('plan.write');
  return (
    <>
      <PageHeader
        title={`Treatment plan, version ${v.number}`}
        documentTitle="Treatment plan"
        back={back}
        description={
          <Group gap="xs" wrap="wrap">
            <VersionStatusBadge status={v.status} />
            <ReviewBadge review={plan.data.review} />
          </Group>
        }
        actions={
          <Group wrap="wrap">
            <Button component="a" href={pdfUrl} target="_blank" variant="default">
              PDF
            </Button>
            {latest && (v.status === 'signed' || v.status === 'signing') && can('plan.write') && (
              <Button
                onClick={() => newVersion.mutate(undefined, { onSuccess: (nv) => setSearch({ version: String(nv.number) }) })}
                loading={newVersion.isPending}
              >
                Start a new version
              </Button>
            )}
          </Group>
        }
      />
      {newVersion.error && (
        <Alert color="red" mb="md" role="alert">
          {errorMessage(newVersion.error)}
        </Alert>
      )}
      <Section title="Versions" id="versions-heading">
        <List spacing={4}>
          {plan.data.versions.map((x) => (
            <List.Item key={x.number}>
              <Group gap="xs" wrap="wrap">
                {x.number === v.number ? (
                  <Text fw={700} aria-current="page">
                    Version {x.number}
                  </Text>
                ) : (
                  <Anchor component={Link} to={`?version=${x.number}`}>
                    Version {x.number}
                  </Anchor>
                )}
                <VersionStatusBadge status={x.status} />
                <Text size="sm" c="dimmed">
                  {x.lockedAt ? `locked ${formatDateTime(x.lockedAt)}` : `started ${formatDateTime(x.createdAt)}`}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      </Section>
      <Section title={editable ? 'Edit the draft' : 'The plan'} id="content-heading">
        {editable && catalogue.data ? (
          <PlanEditor
            key={`${v.number}`}
            patientId={patientId}
            planId={planId}
            number={v.number}
            content={v.content}
            etag={version.data?.etag ?? null}
            catalogue={catalogue.data}
            readiness={v.readiness}
          />
        ) : (
          <PlanContentView content={v.content} level={3} />
        )}
      </Section>
      <Section title="Signatures" id="signatures-heading">
        <Stack gap="sm">
          {v.signatures.length === 0 ? (
            <Text c="dimmed">Not signed yet.</Text>
          ) : (
            <List>
              {v.signatures.map((s) => (
                <List.Item key={s.signer}>
                  {s.signer === 'person' ? 'The person' : 'Clinician'}: {s.name}, {formatDateTime(s.signedAt)} —{' '}
                  {s.method === 'link' ? 'on their phone' : s.method === 'tablet' ? 'on a tablet in session' : 'signed in'}
                </List.Item>
              ))}
            </List>
          )}
          {v.readiness.length > 0 && (
            <Alert color="yellow" title="Before it can be signed">
              <List size="sm">
                {v.readiness.map((r) => (
                  <List.Item key={r.path}>
                    {r.path
                      .replace(/problems\.(\d+)/, (_m, n: string) => `Problem ${Number(n) + 1}`)
                      .replace(/\.goals\.(\d+)/, (_m, n: string) => `, goal ${Number(n) + 1}`)
                      .replace(/\.objectives\.(\d+)/, (_m, n: string) => `, objective ${Number(n) + 1}`)
                      .replace(/\.(objectives|goals|targetDate)$/, '')}
                    : {r.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {latest && <SignActions v={v} patientId={patientId} />}
        </Stack>
      </Section>
      <DiffSection patientId={patientId} planId={planId} numbers={plan.data.versions.map((x) => x.number)} />
      <Section title="Goal progress" id="progress-heading">
        <Stack gap="md">
          {progress.isPending ? (
            <Loading label="Loading progress" />
          ) : progress.isError ? (
            <QueryError what="goal progress" error={progress.error} onRetry={() => void progress.refetch()} />
          ) : (
            <ProgressTimeline items={progress.data} names={targetNames(v.content)} />
          )}
          {can('plan.write') && <ProgressForm patientId={patientId} planId={planId} content={v.content} />}
        </Stack>
      </Section>
    </>
  );
}
