import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import type { AuthorizationView } from '@openiop/core';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { fieldError, is403, Section, WriteError } from '../clinical/shared';
import { useAddAuthorization, useAuthorizations, useUpdateAuthorization } from './api';

interface Values {
  payer: string;
  reference: string;
  serviceCodes: string;
  unitsAuthorized: string;
  unitsUsed: string;
  startsOn: string;
  endsOn: string;
}

const empty: Values = { payer: '', reference: '', serviceCodes: '', unitsAuthorized: '', unitsUsed: '0', startsOn: '', endsOn: '' };

const valuesOf = (a: AuthorizationView): Values => ({
  payer: a.payer,
  reference: a.reference,
  serviceCodes: a.serviceCodes.join(', '),
  unitsAuthorized: a.unitsAuthorized === null ? '' : String(a.unitsAuthorized),
  unitsUsed: String(a.unitsRecorded),
  startsOn: a.startsOn,
  endsOn: a.endsOn,
});

/** The form's text as the api's body: codes split on commas or spaces, blank units as "no unit limit". */
export function bodyOf(v: Values) {
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  return {
    payer: v.payer,
    reference: v.reference,
    serviceCodes: v.serviceCodes
      .split(/[\s,]+/)
      .map((c) => c.trim())
      .filter(Boolean),
    unitsAuthorized: v.unitsAuthorized.trim() === '' ? null : num(v.unitsAuthorized),
    unitsUsed: v.unitsUsed.trim() === '' ? 0 : num(v.unitsUsed),
    startsOn: v.startsOn,
    endsOn: v.endsOn,
  };
}

const FIELDS = ['payer', 'reference', 'serviceCodes', 'unitsAuthorized', 'unitsUsed', 'startsOn', 'endsOn'];

function AuthorizationForm(props: {
  label: string;
  initial: Values;
  submitText: string;
  pending: boolean;
  error: unknown;
  onSubmit: (v: Values) => void;
  onCancel: () => void;
}) {
  const [v, setV] = useState(props.initial);
  const set = (k: keyof Values) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const err = (path: string) => fieldError(props.error, path);
  return (
    <Paper
      withBorder
      p="md"
      mb="md"
      component="form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(v);
      }}
    >
      <Stack gap="sm">
        <Group grow wrap="wrap" align="flex-start">
          <TextInput label="Payer" required value={v.payer} onChange={set('payer')} error={err('payer')} style={{ minWidth: 180 }} />
          <TextInput
            label="Authorization number"
            required
            value={v.reference}
            onChange={set('reference')}
            error={err('reference')}
            style={{ minWidth: 160 }}
          />
        </Group>
        <TextInput
          label="Service codes"
          description="E.g. H0015, 90853; leave empty to cover every scheduled service"
          value={v.serviceCodes}
          onChange={set('serviceCodes')}
          error={err('serviceCodes')}
        />
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label="Units authorized"
            description="Leave empty for dates only"
            inputMode="numeric"
            value={v.unitsAuthorized}
            onChange={set('unitsAuthorized')}
            error={err('unitsAuthorized')}
            style={{ minWidth: 140 }}
          />
          <TextInput
            label="Units already used"
            description="Used outside this schedule"
            inputMode="numeric"
            value={v.unitsUsed}
            onChange={set('unitsUsed')}
            error={err('unitsUsed')}
            style={{ minWidth: 140 }}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput type="date" label="Starts on" required value={v.startsOn} onChange={set('startsOn')} error={err('startsOn')} />
          <TextInput type="date" label="Ends on" required value={v.endsOn} onChange={set('endsOn')} error={err('endsOn')} />
        </Group>
        <WriteError error={props.error} shown={FIELDS} />
        <Group gap="xs">
          <Button type="submit" loading={props.pending}>
            {props.submitText}
          </Button>
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

const STATUS = { upcoming: ['Upcoming', 'blue'], current: ['Current', 'green'], ended: ['Ended', 'gray'] } as const;

function UnitsBar({ a }: { a: AuthorizationView }) {
  if (a.unitsAuthorized === null || a.unitsLeft === null)
    return (
      <Text size="sm">
        No unit limit · {a.unitsUsed} used · {a.unitsScheduled} scheduled
      </Text>
    );
  const total = Math.max(1, a.unitsAuthorized);
  const used = Math.min(100, (a.unitsUsed / total) * 100);
  const scheduled = Math.min(100 - used, (a.unitsScheduled / total) * 100);
  const text = `${a.unitsLeft} of ${a.unitsAuthorized} units left · ${a.unitsUsed} used · ${a.unitsScheduled} scheduled`;
  return (
    <Stack gap={4}>
      <Text size="sm">{text}</Text>
      <Progress.Root size="lg" aria-hidden>
        <Progress.Section value={used} color="gray" />
        <Progress.Section value={scheduled} color={a.unitsScheduled > a.unitsLeft ? 'red' : 'blue'} />
      </Progress.Root>
    </Stack>
  );
}

function AuthorizationItem({ patientId, a, write }: { patientId: string; a: AuthorizationView; write: boolean }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateAuthorization(patientId);
  if (editing)
    return (
      <li>
        <AuthorizationForm
          label={`Edit authorization ${a.reference}`}
          initial={valuesOf(a)}
          submitText="Save authorization"
          pending={update.isPending}
          error={update.error}
          onSubmit={(v) => update.mutate({ id: a.id, version: a.version, patch: bodyOf(v) }, { onSuccess: () => setEditing(false) })}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      </li>
    );
  const [label, color] = STATUS[a.status];
  return (
    <Paper withBorder p="sm" radius="sm" component="li">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3} size="h5">
          {a.payer} · {a.reference}
        </Title>
        <Badge variant="outline" color={color}>
          {label}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {formatDate(a.startsOn)} – {formatDate(a.endsOn)} · {a.serviceCodes.length ? a.serviceCodes.join(', ') : 'every service'}
      </Text>
      <UnitsBar a={a} />
      {a.warnings.map((w) => (
        <Alert key={w} color="orange" variant="light" mt="xs" p="xs" title="Scheduling past this authorization">
          {w}
        </Alert>
      ))}
      {write && (
        <Button size="xs" variant="default" mt="xs" onClick={() => setEditing(true)} aria-label={`Edit authorization ${a.reference}`}>
          Edit
        </Button>
      )}
    </Paper>
  );
}

/** Payers' authorizations: units left (used and scheduled sessions taken off), dates, and what scheduling goes past. */
export function AuthorizationsSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const list = useAuthorizations(patientId, can('authorization.read'));
  const add = useAddAuthorization(patientId);
  const [adding, setAdding] = useState(false);
  if (!can('authorization.read') || is403(list.error)) return null;
  const write = can('authorization.write');
  return (
    <Section
      title="Authorizations"
      id="authorizations-heading"
      actions={
        write &&
        !adding && (
          <Button size="sm" onClick={() => setAdding(true)}>
            Add authorization
          </Button>
        )
      }
    >
      {adding && (
        <AuthorizationForm
          label="Add an authorization"
          initial={empty}
          submitText="Add authorization"
          pending={add.isPending}
          error={add.error}
          onSubmit={(v) => add.mutate(bodyOf(v), { onSuccess: () => setAdding(false) })}
          onCancel={() => {
            add.reset();
            setAdding(false);
          }}
        />
      )}
      {list.isPending ? (
        <Loading label="Loading authorizations" py="md" />
      ) : list.isError ? (
        <QueryError what="authorizations" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">No authorizations recorded.</Text>
      ) : (
        <PlainList gap="sm" aria-label="Authorizations">
          {list.data.map((a) => (
            <AuthorizationItem key={a.id} patientId={patientId} a={a} write={write} />
          ))}
        </PlainList>
      )}
    </Section>
  );
}
