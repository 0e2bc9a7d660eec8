import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { alertSeverities, allergySeverities, chartAlertKinds, type ChartAlertView, type ChartFlagsView } from '@openiop/core';
import { useState } from 'react';
import { useCan } from '../auth/session';
import { useAddAlert, useAddAllergy, useChartFlags, useRetireFlag } from './api';
import { fieldError, Section, WriteError } from './shared';

export const alertKindLabels: Record<ChartAlertView['kind'], string> = {
  overdose_history: 'Overdose history',
  seizure_risk: 'Seizure risk',
  fall_risk: 'Fall risk',
  legal_involvement: 'Legal / court involvement',
  custom: 'Other',
};
const severityColor = { high: 'red', warning: 'orange', info: 'blue' } as const;
/** Long labels wrap on a phone instead of running off the card. */
const wrap = { maxWidth: '100%', height: 'auto', whiteSpace: 'normal', textTransform: 'none' } as const;
const alertText = (a: ChartAlertView) =>
  a.kind === 'custom' ? (a.label ?? 'Alert') : a.label ? `${alertKindLabels[a.kind]}: ${a.label}` : alertKindLabels[a.kind];

/** The chart header's safety line: allergies (or "no known allergies", or that nobody has asked) and active alerts. */
export function ChartFlagsLine({ flags }: { flags: ChartFlagsView | undefined }) {
  if (!flags) return null;
  const allergies = flags.allergies.filter((a) => a.kind === 'allergy');
  const nka = flags.allergies.some((a) => a.kind === 'no_known_allergies');
  return (
    <Group gap="xs" wrap="wrap" mb="sm" role="group" aria-label="Allergies and alerts">
      {flags.alerts.map((a) => (
        <Badge key={a.id} color={severityColor[a.severity]} variant={a.severity === 'high' ? 'filled' : 'light'} radius="sm" style={wrap}>
          {alertText(a)}
        </Badge>
      ))}
      {allergies.length ? (
        allergies.map((a) => (
          <Badge key={a.id} color="red" variant="outline" radius="sm" style={wrap}>
            Allergy: {a.substance}
            {a.reaction ? ` (${a.reaction}${a.severity && a.severity !== 'unknown' ? `, ${a.severity}` : ''})` : ''}
          </Badge>
        ))
      ) : nka ? (
        <Badge color="gray" variant="outline" radius="sm">
          No known allergies
        </Badge>
      ) : (
        <Badge color="yellow" variant="outline" radius="sm">
          Allergies not recorded
        </Badge>
      )}
    </Group>
  );
}

/** Fetches the flags beside the chart (a small separate read, so the chart open stays one statement). */
export function ChartFlags({ patientId }: { patientId: string }) {
  const flags = useChartFlags(patientId);
  return <ChartFlagsLine flags={flags.data} />;
}

/** Recording allergies and alerts, and retiring them (inactive or entered in error; nothing is deleted). */
export function AllergiesAlertsSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const flags = useChartFlags(patientId);
  const addAllergy = useAddAllergy(patientId);
  const addAlert = useAddAlert(patientId);
  const retire = useRetireFlag(patientId);
  const [allergy, setAllergy] = useState({ substance: '', reaction: '', severity: 'unknown' });
  const [alert, setAlert] = useState({ kind: 'overdose_history', severity: 'high', label: '' });
  if (!can('allergy.write')) return null;
  const data = flags.data;
  return (
    <Section title="Allergies and alerts" id="allergies-alerts-heading">
      <Stack gap="md">
        {data && (
          <Stack gap={4}>
            {[
              ...data.allergies.map((a) => ({
                what: 'allergies' as const,
                id: a.id,
                version: a.version,
                text: a.kind === 'allergy' ? `Allergy: ${a.substance}` : 'No known allergies',
              })),
              ...data.alerts.map((a) => ({ what: 'alerts' as const, id: a.id, version: a.version, text: alertText(a) })),
            ].map((x) => (
              <Group key={x.id} gap="xs" wrap="wrap">
                <Text size="sm">{x.text}</Text>
                <Tooltip label="No longer applies">
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => retire.mutate({ ...x, status: 'inactive' })}
                    aria-label={`Mark inactive: ${x.text}`}
                  >
                    Inactive
                  </Button>
                </Tooltip>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() => retire.mutate({ ...x, status: 'entered_in_error' })}
                  aria-label={`Entered in error: ${x.text}`}
                >
                  Entered in error
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <WriteError error={retire.error} />
        <Paper
          withBorder
          p="sm"
          component="form"
          aria-label="Record an allergy"
          onSubmit={(e) => {
            e.preventDefault();
            addAllergy.mutate(
              {
                kind: 'allergy',
                substance: allergy.substance,
                reaction: allergy.reaction || null,
                severity: allergy.severity as 'unknown',
              },
              { onSuccess: () => setAllergy({ substance: '', reaction: '', severity: 'unknown' }) },
            );
          }}
        >
          <Group grow wrap="wrap" align="flex-end">
            <TextInput
              label="Allergy to"
              required
              value={allergy.substance}
              onChange={(e) => setAllergy({ ...allergy, substance: e.currentTarget.value })}
              error={fieldError(addAllergy.error, 'substance')}
              style={{ minWidth: 150 }}
            />
            <TextInput
              label="Reaction"
              value={allergy.reaction}
              onChange={(e) => setAllergy({ ...allergy, reaction: e.currentTarget.value })}
              style={{ minWidth: 150 }}
            />
            <Select
              label="Severity"
              data={allergySeverities.map((s) => ({ value: s, label: s[0]?.toUpperCase() + s.slice(1) }))}
              value={allergy.severity}
              onChange={(v) => setAllergy({ ...allergy, severity: v ?? 'unknown' })}
              allowDeselect={false}
              style={{ minWidth: 120 }}
            />
          </Group>
          <Group mt="sm" gap="xs">
            <Button type="submit" size="sm" loading={addAllergy.isPending}>
              Record allergy
            </Button>
            <Button size="sm" variant="default" onClick={() => addAllergy.mutate({ kind: 'no_known_allergies' })}>
              No known allergies
            </Button>
          </Group>
          <WriteError error={addAllergy.error} shown={['substance']} />
        </Paper>
        <Paper
          withBorder
          p="sm"
          component="form"
          aria-label="Add a chart alert"
          onSubmit={(e) => {
            e.preventDefault();
            addAlert.mutate(
              {
                kind: alert.kind as ChartAlertView['kind'],
                severity: alert.severity as ChartAlertView['severity'],
                label: alert.label || null,
              },
              { onSuccess: () => setAlert({ ...alert, label: '' }) },
            );
          }}
        >
          <Group grow wrap="wrap" align="flex-end">
            <Select
              label="Alert"
              data={chartAlertKinds.map((k) => ({ value: k, label: alertKindLabels[k] }))}
              value={alert.kind}
              onChange={(v) => setAlert({ ...alert, kind: v ?? 'custom' })}
              allowDeselect={false}
              style={{ minWidth: 160 }}
            />
            <Select
              label="Severity"
              data={alertSeverities.map((s) => ({ value: s, label: s[0]?.toUpperCase() + s.slice(1) }))}
              value={alert.severity}
              onChange={(v) => setAlert({ ...alert, severity: v ?? 'info' })}
              allowDeselect={false}
              style={{ minWidth: 110 }}
            />
            <TextInput
              label="Label"
              description={alert.kind === 'custom' ? 'Required for other alerts' : 'Optional'}
              value={alert.label}
              onChange={(e) => setAlert({ ...alert, label: e.currentTarget.value })}
              error={fieldError(addAlert.error, 'label')}
              style={{ minWidth: 150 }}
            />
          </Group>
          <Button type="submit" size="sm" mt="sm" loading={addAlert.isPending}>
            Add alert
          </Button>
          <WriteError error={addAlert.error} shown={['label']} />
        </Paper>
      </Stack>
    </Section>
  );
}
