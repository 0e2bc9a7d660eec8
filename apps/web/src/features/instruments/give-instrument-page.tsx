import { Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { definitionViewOf, instrumentList, instrumentOf, type Answers, type InstrumentId } from '@openiop/core';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { PageHeader } from '../../ui/page-header';
import { useStartAdministration } from './api';
import { itemErrors, unansweredCount } from './answers';
import { QuestionnaireForm } from './questionnaire-form';

/** Staff give an instrument in the chart: pick one, answer item by item, save a draft or submit. */
export function GiveInstrumentPage() {
  const { patientId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const chosen = instrumentOf(params.get('instrument') ?? '');
  const instrumentId: InstrumentId | null = chosen?.id ?? null;
  const def = useMemo(() => (chosen ? definitionViewOf(chosen) : null), [chosen]);
  const [answers, setAnswers] = useState<Answers>({});
  const [bandSet, setBandSet] = useState<string | null>(null);
  const start = useStartAdministration(patientId);
  const back = { to: `/patients/${patientId}`, label: 'Chart' };

  const send = (submit: boolean) =>
    instrumentId &&
    start.mutate(
      { instrumentId, items: answers, submit, bandSet },
      { onSuccess: (saved) => void navigate(`/patients/${patientId}/measures/${saved.data.id}`, { replace: true }) },
    );
  const errors = start.error && isApiError(start.error) ? itemErrors(start.error.errors) : {};
  const missing = def ? unansweredCount(def, answers) : 0;

  return (
    <>
      <PageHeader title="Give an instrument" back={back} />
      <Stack gap="lg" maw={760}>
        <Select
          label="Instrument"
          placeholder="Choose an instrument"
          data={instrumentList.map((d) => ({ value: d.id, label: `${d.shortName} — ${d.name}` }))}
          value={instrumentId}
          onChange={(v) => {
            setAnswers({});
            setBandSet(null);
            setParams(v ? { instrument: v } : {}, { replace: true });
          }}
          searchable
          allowDeselect={false}
        />
        {def && (
          <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
            <Stack gap="lg">
              <Text size="sm" c="dimmed">
                {def.description} Recall period: {def.recallPeriod}. {def.licence}
              </Text>
              {def.bandSets.length > 1 && (
                <Select
                  label="Score bands"
                  description="Sources band this scale differently; choose the set your program uses."
                  data={def.bandSets.map((b) => ({ value: b.id, label: `${b.label} — ${b.source}` }))}
                  value={bandSet ?? def.bandSets[0]?.id ?? null}
                  onChange={setBandSet}
                  allowDeselect={false}
                />
              )}
              <QuestionnaireForm definition={def} answers={answers} onChange={setAnswers} errors={errors} />
              {start.error && <Alert color="red">{errorMessage(start.error)}</Alert>}
              {missing > 0 && (
                <Text size="sm" c="dimmed" role="status">
                  {missing} item{missing === 1 ? '' : 's'} unanswered. A response with unanswered items is stored as incomplete and not
                  scored.
                </Text>
              )}
              <Group gap="sm">
                <Button onClick={() => send(true)} loading={start.isPending && start.variables?.submit}>
                  Submit
                </Button>
                <Button variant="default" onClick={() => send(false)} loading={start.isPending && !start.variables?.submit}>
                  Save draft
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
