import { Alert, Button, Checkbox, Fieldset, Grid, Group, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  assessmentSave,
  defaultRuleSet,
  dimensionLabels,
  dimensions,
  levelOfCareLabels,
  levelsOfCare,
  placementFlagLabels,
  placementFlags,
  previewAssessment,
  ratingAnchors,
  ratingValues,
  type AssessmentRatings,
  type AssessmentSave,
  type AssessmentView,
  type LevelOfCare,
  type PlacementFlag,
} from '@openiop/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { zodFieldErrors } from '../../lib/form';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { StaleRecordAlert } from '../../ui/stale-record';
import { useCan } from '../auth/session';
import { NotInScope } from '../patients/not-in-scope';
import { useAssessment, useAssessmentActions } from './api';
import { EvidenceScores } from './evidence-scores';
import { RecommendationPanel } from './recommendation-panel';
import { saveStateLabels, useAutosave } from './use-autosave';

const levelOptions = levelsOfCare.map((l) => ({ value: l, label: `${l} ${levelOfCareLabels[l]}` }));

/** One dimensional assessment: six ratings with evidence, flags, the live recommendation, and finalising. */
export function AssessmentPage() {
  const { patientId = '', assessmentId = '' } = useParams();
  const record = useAssessment(patientId, assessmentId);
  const back = { to: `/patients/${patientId}`, label: 'Patient chart' };
  if (record.isPending) return <Loading label="Loading assessment" />;
  if (record.isError) {
    if (isApiError(record.error) && record.error.status === 404) return <NotInScope />;
    return (
      <>
        <PageHeader title="Dimensional assessment" back={back} />
        <QueryError what="the assessment" error={record.error} onRetry={() => void record.refetch()} />
      </>
    );
  }
  const a = record.data.data;
  return (
    <>
      <PageHeader title="Dimensional assessment" back={back} description={`Rated by ${a.ratedBy.name} ${formatDateTime(a.ratedAt)}`} />
      <AssessmentEditor
        key={`${a.id}:${a.status}`}
        patientId={patientId}
        assessment={a}
        etag={record.data.etag}
        onReload={() => void record.refetch()}
      />
    </>
  );
}

function AssessmentEditor(props: { patientId: string; assessment: AssessmentView; etag: string | null; onReload: () => void }) {
  const { assessment } = props;
  const can = useCan();
  const final = assessment.status === 'final';
  const readOnly = final || !can('assessment.write');
  const actions = useAssessmentActions(props.patientId, assessment.id);
  const [value, setValue] = useState<AssessmentSave>({ ratings: assessment.ratings, flags: assessment.flags });
  const [chosen, setChosen] = useState<LevelOfCare | null>(assessment.chosenLevel);
  const [reason, setReason] = useState(assessment.differenceReason ?? '');
  const [finaliseErrors, setFinaliseErrors] = useState<Record<string, string>>({});

  const validate = (v: AssessmentSave) => {
    const parsed = assessmentSave.safeParse(v);
    return parsed.success ? { ok: parsed.data } : { errors: zodFieldErrors(parsed.error, v) };
  };
  const save = (v: AssessmentSave, etag: string | null) => actions.save.mutateAsync({ input: v, etag });
  const autosave = useAutosave({ value, etag: props.etag, validate, save, onSaved: () => undefined });

  const recommendation = final ? assessment.recommendation : previewAssessment(defaultRuleSet, value.ratings, value.flags);
  const unrated = dimensions.filter((d) => value.ratings[d]?.rating === null || value.ratings[d]?.rating === undefined).length;
  const chosenLevel = chosen ?? recommendation?.level ?? null;
  const differs = Boolean(recommendation && chosenLevel && chosenLevel !== recommendation.level);
  const errors = { ...autosave.errors, ...finaliseErrors };

  const setDimension = (d: (typeof dimensions)[number], patch: Partial<NonNullable<AssessmentRatings[1]>>) =>
    setValue((v) => ({
      ...v,
      ratings: { ...v.ratings, [d]: { rating: null, evidence: null, instrumentAdministrationIds: [], ...v.ratings[d], ...patch } },
    }));

  const finalise = async () => {
    setFinaliseErrors({});
    if (!(await autosave.flush())) return;
    if (!chosenLevel) return;
    try {
      await actions.finalise.mutateAsync({ input: { chosenLevel, differenceReason: differs ? reason : null }, etag: autosave.etag() });
      notifications.show({ color: 'green', message: 'Assessment finalised.' });
    } catch (e) {
      if (isApiError(e) && e.errors.length) setFinaliseErrors(Object.fromEntries(e.errors.map((x) => [x.path, x.message])));
      else notifications.show({ color: 'red', message: errorMessage(e) });
    }
  };

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="md">
          {final ? (
            <Alert color="green" variant="light" title="Finalised">
              Finalised by {assessment.finalisedBy?.name} {formatDateTime(assessment.finalisedAt)}. A finalised assessment is read-only;
              start a new assessment to re-rate.
            </Alert>
          ) : (
            !readOnly && (
              <Text
                role="status"
                aria-live="polite"
                size="sm"
                c={autosave.state === 'saved' || autosave.state === 'saving' ? 'dimmed' : 'orange'}
              >
                {saveStateLabels[autosave.state]}
              </Text>
            )
          )}
          {autosave.state === 'stale' && <StaleRecordAlert reloading={false} onReload={props.onReload} />}
          {dimensions.map((d) => {
            const entry = value.ratings[d];
            const ratingError = errors[`ratings.${d}.rating`];
            return (
              <Fieldset key={d} legend={`Dimension ${d}: ${dimensionLabels[d]}`}>
                <Radio.Group
                  label="Risk rating"
                  value={entry?.rating === null || entry?.rating === undefined ? null : String(entry.rating)}
                  onChange={(v) => setDimension(d, { rating: Number(v) })}
                  error={ratingError}
                >
                  <Stack gap={6} mt={6}>
                    {ratingValues.map((r) => (
                      <Radio key={r} value={String(r)} label={`${r} — ${ratingAnchors[r]}`} disabled={readOnly} />
                    ))}
                  </Stack>
                </Radio.Group>
                <Textarea
                  mt="sm"
                  label="Evidence"
                  description="What you saw or heard, and instrument scores, that support this rating"
                  autosize
                  minRows={2}
                  readOnly={readOnly}
                  value={entry?.evidence ?? ''}
                  error={errors[`ratings.${d}.evidence`]}
                  onChange={(e) => setDimension(d, { evidence: e.currentTarget.value })}
                />
                <EvidenceScores
                  patientId={props.patientId}
                  value={entry?.instrumentAdministrationIds ?? []}
                  readOnly={readOnly}
                  onChange={(ids) => setDimension(d, { instrumentAdministrationIds: ids })}
                />
              </Fieldset>
            );
          })}
          <Fieldset legend="Flags">
            <Checkbox.Group
              label="Raise any that apply"
              value={value.flags}
              onChange={(f) => setValue((v) => ({ ...v, flags: placementFlags.filter((x: PlacementFlag) => f.includes(x)) }))}
            >
              <Stack gap={6} mt={6}>
                {placementFlags.map((f) => (
                  <Checkbox key={f} value={f} label={placementFlagLabels[f]} disabled={readOnly} />
                ))}
              </Stack>
            </Checkbox.Group>
          </Fieldset>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md" style={{ position: 'sticky', top: 16 }}>
          <RecommendationPanel recommendation={recommendation} unrated={unrated} />
          {final ? (
            <Fieldset legend="Decision">
              <Text>
                Chosen level:{' '}
                <strong>{assessment.chosenLevel ? `${assessment.chosenLevel} ${levelOfCareLabels[assessment.chosenLevel]}` : '—'}</strong>
              </Text>
              {assessment.differenceReason && <Text mt="xs">Reason for the difference: {assessment.differenceReason}</Text>}
            </Fieldset>
          ) : (
            !readOnly && (
              <Fieldset legend="Decision">
                <Stack gap="sm">
                  <Select
                    label="Chosen level of care"
                    data={levelOptions}
                    value={chosenLevel}
                    allowDeselect={false}
                    disabled={!recommendation}
                    onChange={(v) => setChosen(v as LevelOfCare | null)}
                  />
                  {differs && (
                    <Textarea
                      label="Reason the chosen level differs from the recommendation"
                      required
                      autosize
                      minRows={2}
                      value={reason}
                      error={errors.differenceReason}
                      onChange={(e) => setReason(e.currentTarget.value)}
                    />
                  )}
                  <Group>
                    <Button
                      onClick={() => void finalise()}
                      loading={actions.finalise.isPending}
                      disabled={!recommendation || (differs && !reason.trim())}
                    >
                      Finalise assessment
                    </Button>
                  </Group>
                  {!recommendation && (
                    <Text size="sm" c="dimmed">
                      Finalising needs a rating in all six dimensions.
                    </Text>
                  )}
                </Stack>
              </Fieldset>
            )
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
