import { Alert, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { definitionViewOf, instruments, type Answers, type AdministrationView } from '@openiop/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { Details } from '../../ui/details';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useAdministration, useSaveDraft, useSubmitAdministration } from './api';
import { AdministrationStatusBadge, resultText } from './labels';
import { itemErrors, unansweredCount } from './answers';
import { QuestionnaireForm } from './questionnaire-form';

/** One administration: the result with every item answer, or the draft to continue. */
export function AdministrationPage() {
  const { patientId = '', administrationId = '' } = useParams();
  const q = useAdministration(patientId, administrationId);
  const back = { to: `/patients/${patientId}`, label: 'Chart' };
  if (q.isPending) return <Loading label="Loading questionnaire" />;
  if (q.isError)
    return (
      <>
        <PageHeader title="Questionnaire" back={back} />
        <QueryError what="the questionnaire" error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const a = q.data.data;
  return (
    <>
      <PageHeader title={a.instrumentName} documentTitle="Questionnaire" back={back} description={instruments[a.instrumentId].name} />
      {a.status === 'in_progress' ? <Draft patientId={patientId} a={a} etag={q.data.etag} /> : <Result a={a} />}
    </>
  );
}

function Draft({ patientId, a, etag }: { patientId: string; a: AdministrationView; etag: string | null }) {
  const can = useCan();
  const def = definitionViewOf(instruments[a.instrumentId]);
  const [answers, setAnswers] = useState<Answers>(() => Object.fromEntries(a.answers.map((x) => [x.itemId, x.value])));
  const save = useSaveDraft(patientId, a.id);
  const submit = useSubmitAdministration(patientId, a.id);
  const error = save.error ?? submit.error;
  const missing = unansweredCount(def, answers);
  const disabled = !can('instrument.administer');
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={760}>
      <Stack gap="lg">
        <QuestionnaireForm
          definition={def}
          answers={answers}
          onChange={setAnswers}
          errors={error && isApiError(error) ? itemErrors(error.errors) : {}}
          disabled={disabled}
        />
        {error && <Alert color="red">{errorMessage(error)}</Alert>}
        {save.isSuccess && !save.isPending && (
          <Text size="sm" role="status">
            Draft saved.
          </Text>
        )}
        {missing > 0 && (
          <Text size="sm" c="dimmed">
            {missing} unanswered: submitting now stores the response as incomplete, not scored.
          </Text>
        )}
        {!disabled && (
          <Group gap="sm">
            <Button onClick={() => submit.mutate({ items: answers, etag })} loading={submit.isPending}>
              Submit
            </Button>
            <Button variant="default" onClick={() => save.mutate({ items: answers, etag })} loading={save.isPending}>
              Save draft
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function Result({ a }: { a: AdministrationView }) {
  const def = instruments[a.instrumentId];
  const byId = new Map(a.answers.map((x) => [x.itemId, x]));
  return (
    <Stack gap="lg" maw={900}>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Group mb="md">
          <AdministrationStatusBadge status={a.status} />
        </Group>
        <Details
          items={[
            { label: 'Result', value: resultText(a) },
            { label: 'Submitted', value: formatDateTime(a.submittedAt) },
            { label: 'Given by', value: a.source === 'phone_link' ? 'The person, by phone link' : (a.administeredBy?.name ?? '—') },
            { label: 'Definition version', value: a.definitionVersion },
            ...(a.missingItems.length ? [{ label: 'Unanswered items', value: a.missingItems.join(', ') }] : []),
            ...(a.notes.length ? [{ label: 'Notes', value: a.notes.join(' ') }] : []),
          ]}
        />
        {a.safetyFlags.length > 0 && (
          <Alert color="red" mt="md" title="Safety">
            {a.safetyFlags.map((f) => f.summary).join(' ')}
          </Alert>
        )}
      </Paper>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Table verticalSpacing="xs">
          <Table.Caption>Item answers</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Item</Table.Th>
              <Table.Th scope="col">Answer</Table.Th>
              <Table.Th scope="col">Points</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {def.items.map((item, i) => {
              const ans = byId.get(item.id);
              return (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    {i + 1}. {item.text}
                  </Table.Td>
                  <Table.Td>{ans ? (item.options.find((o) => o.value === ans.value)?.label ?? ans.value) : '—'}</Table.Td>
                  <Table.Td>{ans && item.scored !== false ? ans.points : '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
