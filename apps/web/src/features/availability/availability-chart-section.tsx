import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AvailabilityView } from '@openiop/core';
import { useState } from 'react';
import { isApiError } from '../../lib/api-client';
import { formatDate, formatDateTime } from '../../lib/format';
import { Details } from '../../ui/details';
import { Loading } from '../../ui/loading';
import { QueryError } from '../../ui/query-error';
import { StaleRecordAlert } from '../../ui/stale-record';
import { useCan } from '../auth/session';
import { fieldError, Section, WriteError } from '../clinical/shared';
import { useAvailability, useSaveAvailability } from './api';
import { dayName, dayShort, hoursText, modalityLabels } from './labels';
import { WeekGrid } from './week-grid';
import { rowKey, rowProblem, rowsOf, windowsOf, WindowRows, type WindowRow } from './window-rows';

/** The early warning: whether these windows could reach the person's weekly hour floor at all. */
export function FloorWarning({ floor }: { floor: AvailabilityView['floor'] }) {
  const summary = `${hoursText(floor.hoursPerWeek)} a week over ${floor.daysAvailable} day${floor.daysAvailable === 1 ? '' : 's'}`;
  if (floor.floorHours === null)
    return (
      <Alert color="gray" variant="light" title={`Available ${summary}`}>
        No level of care yet (no open episode), so there is no weekly hour floor to check against.
      </Alert>
    );
  if (floor.reachable)
    return (
      <Alert color="green" variant="light" title={`Available ${summary}`}>
        Enough to reach the {hoursText(floor.floorHours)} weekly floor
        {floor.daysNeeded ? ` over ${floor.daysNeeded} days` : ''}.
      </Alert>
    );
  const reasons = [
    floor.shortHours > 0 && `${hoursText(floor.shortHours)} short of the ${hoursText(floor.floorHours)} weekly floor`,
    floor.daysAvailable < floor.daysNeeded && `the phase asks for ${floor.daysNeeded} days and only ${floor.daysAvailable} have time`,
  ].filter(Boolean);
  return (
    <Alert color="orange" variant="light" role="status" title={`Cannot reach the hour floor: available ${summary}`}>
      These windows are {reasons.join(', and ')}. No schedule inside them can meet level {floor.levelOfCare}; talk with the person about
      more time, or about the level of care.
    </Alert>
  );
}

type Row = WindowRow<undefined>;
interface Draft {
  rows: Row[];
  phaseId: string;
  phaseStartedOn: string;
  perDiem: boolean;
  familySessions: boolean;
  preferredTrackIds: string[];
  modality: 'any' | 'in_person' | 'virtual';
  preferredDays: string[];
  constraintsNote: string;
}

const draftOf = (v: AvailabilityView): Draft => ({
  rows: rowsOf(v.windows, () => undefined),
  phaseId: v.preferences.phaseId ?? '',
  phaseStartedOn: v.preferences.phaseStartedOn ?? '',
  perDiem: v.preferences.perDiem,
  familySessions: v.preferences.familySessions,
  preferredTrackIds: v.preferences.preferredTrackIds,
  modality: v.preferences.modality,
  preferredDays: v.preferences.preferredDays.map(String),
  constraintsNote: v.preferences.constraintsNote,
});

function AvailabilityForm({ patientId, view, onDone }: { patientId: string; view: AvailabilityView; onDone: () => void }) {
  const save = useSaveAvailability(patientId);
  const [d, setD] = useState<Draft>(() => draftOf(view));
  const [showErrors, setShowErrors] = useState(false);
  const stale = isApiError(save.error) && save.error.code === 'PRECONDITION_FAILED';
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const submit = () => {
    if (d.rows.some((r) => rowProblem(r))) return setShowErrors(true);
    save.mutate(
      {
        version: view.version,
        input: {
          windows: windowsOf(d.rows).map(({ weekday, start, end }) => ({ weekday, start, end })),
          preferences: {
            phaseId: d.phaseId || null,
            phaseStartedOn: d.phaseId && d.phaseStartedOn ? d.phaseStartedOn : null,
            perDiem: d.perDiem,
            familySessions: d.familySessions,
            preferredTrackIds: d.preferredTrackIds,
            modality: d.modality,
            preferredDays: d.preferredDays.map(Number),
            constraintsNote: d.constraintsNote,
          },
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Availability saved.' });
          onDone();
        },
      },
    );
  };
  return (
    <Stack
      component="form"
      gap="md"
      aria-label="Edit availability"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {stale ? <StaleRecordAlert reloading={false} onReload={onDone} /> : <WriteError error={save.error} shown={['preferences']} />}
      <Text fw={600}>When they can attend</Text>
      <WindowRows
        rows={d.rows}
        onChange={(rows) => set({ rows })}
        noun="Window"
        addLabel="Add a window"
        newRow={() => ({ key: rowKey(), days: [], start: 18 * 60, end: 21 * 60, extra: undefined })}
        showErrors={showErrors}
        size="sm"
      />
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelect
          label="Phase"
          value={d.phaseId}
          onChange={(e) => set({ phaseId: e.currentTarget.value })}
          data={[
            { value: '', label: 'Not set' },
            ...view.phases.map((p) => ({ value: p.id, label: `${p.name} (${p.weeklyHours} h over ${p.daysPerWeek} days)` })),
          ]}
          error={fieldError(save.error, 'preferences.phaseId')}
        />
        <TextInput
          label="Phase started on"
          type="date"
          value={d.phaseStartedOn}
          disabled={!d.phaseId}
          onChange={(e) => set({ phaseStartedOn: e.currentTarget.value })}
          error={fieldError(save.error, 'preferences.phaseStartedOn')}
        />
      </Group>
      <Checkbox
        label="Billed per diem (each day with a service needs the day minimum)"
        checked={d.perDiem}
        onChange={(e) => set({ perDiem: e.currentTarget.checked })}
      />
      <Checkbox
        label="Family sessions wanted (planned with the week, on the location's family cadence)"
        checked={d.familySessions}
        onChange={(e) => set({ familySessions: e.currentTarget.checked })}
      />
      <PreferenceFields tracks={view.tracks} value={d} onChange={set} error={(p) => fieldError(save.error, `preferences.${p}`)} />
      <Group>
        <Button type="submit" loading={save.isPending}>
          Save availability
        </Button>
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

/** Tracks, modality, days and the person's words: what both staff and the person may choose. */
export function PreferenceFields(props: {
  tracks: AvailabilityView['tracks'];
  value: Pick<Draft, 'preferredTrackIds' | 'modality' | 'preferredDays' | 'constraintsNote'>;
  onChange: (patch: Partial<Pick<Draft, 'preferredTrackIds' | 'modality' | 'preferredDays' | 'constraintsNote'>>) => void;
  error: (path: string) => string | undefined;
  size?: 'sm' | 'md';
  personal?: boolean;
}) {
  const { value: v, onChange, size = 'sm' } = props;
  return (
    <>
      {props.tracks.length > 0 && (
        <Checkbox.Group
          label={props.personal ? 'Groups I would prefer' : 'Preferred tracks'}
          value={v.preferredTrackIds}
          onChange={(preferredTrackIds) => onChange({ preferredTrackIds })}
          error={props.error('preferredTrackIds')}
        >
          <Stack gap="xs" mt={4}>
            {props.tracks.map((t) => (
              <Checkbox key={t.id} value={t.id} label={t.name} size={size} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <Radio.Group
        label={props.personal ? 'How I would like to attend' : 'Modality'}
        value={v.modality}
        onChange={(m) => onChange({ modality: m as Draft['modality'] })}
      >
        <Group gap="md" mt={4}>
          {(['any', 'in_person', 'virtual'] as const).map((m) => (
            <Radio key={m} value={m} label={modalityLabels[m]} size={size} />
          ))}
        </Group>
      </Radio.Group>
      <Checkbox.Group
        label={props.personal ? 'Days I would prefer' : 'Preferred days'}
        value={v.preferredDays}
        onChange={(preferredDays) => onChange({ preferredDays })}
        error={props.error('preferredDays')}
      >
        <Group gap="xs" mt={4}>
          {dayShort.map((name, n) => (
            <Checkbox key={name} value={String(n)} label={name} aria-label={`Prefer ${dayName(n)}`} size={size} />
          ))}
        </Group>
      </Checkbox.Group>
      <Textarea
        label={
          props.personal
            ? 'Anything we should know (work, school, childcare, getting here)'
            : 'Constraints (the person’s words: work, school, childcare, transport)'
        }
        autosize
        minRows={2}
        maxLength={2000}
        value={v.constraintsNote}
        onChange={(e) => onChange({ constraintsNote: e.currentTarget.value })}
        error={props.error('constraintsNote')}
      />
    </>
  );
}

/** The chart's availability: the week by day, preferences, the floor warning, and an edit form. */
export function AvailabilitySection({ patientId }: { patientId: string }) {
  const can = useCan();
  const record = useAvailability(patientId, can('availability.read'));
  const [editing, setEditing] = useState(false);
  if (!can('availability.read')) return null;
  if (record.isError && isApiError(record.error) && record.error.status === 403) return null;
  const v = record.data;
  return (
    <Section
      title="Availability"
      id="availability-heading"
      actions={
        can('availability.write') &&
        v &&
        !editing && (
          <Button size="sm" onClick={() => setEditing(true)}>
            Edit availability
          </Button>
        )
      }
    >
      {record.isPending ? (
        <Loading label="Loading availability" py="md" />
      ) : record.isError || !v ? (
        <QueryError what="availability" error={record.error} onRetry={() => void record.refetch()} />
      ) : editing ? (
        <AvailabilityForm
          key={v.version}
          patientId={patientId}
          view={v}
          onDone={() => {
            setEditing(false);
            void record.refetch();
          }}
        />
      ) : (
        <Stack gap="md">
          <FloorWarning floor={v.floor} />
          {v.windows.length === 0 && <Text>The person has not told us when they can attend yet.</Text>}
          <WeekGrid windows={v.windows} caption="When they can attend (clinic time)" />
          <Details
            items={[
              {
                label: 'Phase',
                value: (() => {
                  const p = v.phases.find((x) => x.id === v.preferences.phaseId);
                  if (!p) return 'Not set';
                  return `${p.name}${v.preferences.phaseStartedOn ? `, since ${formatDate(v.preferences.phaseStartedOn)}` : ''}`;
                })(),
              },
              { label: 'Per diem', value: v.preferences.perDiem ? 'Yes' : 'No' },
              { label: 'Family sessions', value: v.preferences.familySessions ? 'Wanted' : 'No' },
              {
                label: 'Preferred tracks',
                value:
                  v.preferences.preferredTrackIds.map((id) => v.tracks.find((t) => t.id === id)?.name ?? 'Retired track').join(', ') ||
                  'Any',
              },
              { label: 'Modality', value: modalityLabels[v.preferences.modality] },
              { label: 'Preferred days', value: v.preferences.preferredDays.map(dayName).join(', ') || 'Any' },
              { label: 'Constraints', value: v.preferences.constraintsNote || '—' },
              {
                label: 'Last changed',
                value: v.preferences.updatedAt ? (
                  <Group gap="xs">
                    {formatDateTime(v.preferences.updatedAt)}
                    {v.preferences.updatedByPerson && (
                      <Badge variant="light" color="blue">
                        by the person
                      </Badge>
                    )}
                  </Group>
                ) : (
                  'Never'
                ),
              },
            ]}
          />
        </Stack>
      )}
    </Section>
  );
}
