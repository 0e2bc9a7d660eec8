import { Anchor, Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatCents, subscriberRelationships, type CoverageInput } from '@openiop/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { isApiError, errorMessage } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { FormError, QueryError } from '../../ui/query-error';
import { useCostEstimate, useCoverage, useSaveCoverage } from './api';
import { centsToDollars, dollarsToCents } from './labels';

type V = Record<string, string>;
const tri = (v: boolean | null | undefined) => (v === null || v === undefined ? '' : v ? 'yes' : 'no');
const fromTri = (s: string) => (s === '' ? null : s === 'yes');
const money = (s: string) => (s.trim() === '' ? null : dollarsToCents(s));

function toValues(c: CoverageInput | null): V {
  const base = {
    kind: c?.kind ?? 'insurance',
    programWeeks: String(c?.programWeeks ?? 10),
    daysPerWeek: String(c?.daysPerWeek ?? 3),
    dayRate: centsToDollars(c?.dayRateCents ?? 45_000),
  };
  if (c?.kind === 'self_pay')
    return {
      ...base,
      selfPayRate: centsToDollars(c.selfPayDayRateCents ?? null),
      instalments: c.paymentPlan ? String(c.paymentPlan.instalments) : '',
      firstDueOn: c.paymentPlan?.firstDueOn ?? '',
    };
  return {
    ...base,
    payerName: c?.payerName ?? '',
    planName: c?.planName ?? '',
    memberId: c?.memberId ?? '',
    groupId: c?.groupId ?? '',
    subscriberRelationship: c?.subscriberRelationship ?? 'self',
    subscriberName: c?.subscriberName ?? '',
    subscriberDateOfBirth: c?.subscriberDateOfBirth ?? '',
    iopCovered: tri(c?.iopCovered),
    authorizationRequired: tri(c?.authorizationRequired),
    copay: centsToDollars(c?.copayPerDayCents ?? null),
    coinsurance: c?.coinsurancePercent === null || c?.coinsurancePercent === undefined ? '' : String(c.coinsurancePercent),
    deductible: centsToDollars(c?.deductibleCents ?? 0),
    deductibleMet: centsToDollars(c?.deductibleMetCents ?? 0),
    oopMax: centsToDollars(c?.outOfPocketMaxCents ?? null),
    oopMet: centsToDollars(c?.outOfPocketMetCents ?? 0),
  };
}

function toInput(v: V): CoverageInput {
  const program = {
    programWeeks: Number(v.programWeeks),
    daysPerWeek: Number(v.daysPerWeek),
    dayRateCents: dollarsToCents(v.dayRate ?? ''),
  };
  if (v.kind === 'self_pay')
    return {
      kind: 'self_pay',
      ...program,
      selfPayDayRateCents: money(v.selfPayRate ?? ''),
      paymentPlan: v.instalments ? { instalments: Number(v.instalments), firstDueOn: v.firstDueOn ?? '' } : null,
    };
  return {
    kind: 'insurance',
    ...program,
    payerName: v.payerName ?? '',
    planName: v.planName ?? '',
    memberId: v.memberId ?? '',
    groupId: v.groupId ?? '',
    subscriberRelationship: (v.subscriberRelationship ?? 'self') as 'self',
    subscriberName: v.subscriberName ?? '',
    subscriberDateOfBirth: v.subscriberDateOfBirth || null,
    iopCovered: fromTri(v.iopCovered ?? ''),
    authorizationRequired: fromTri(v.authorizationRequired ?? ''),
    copayPerDayCents: money(v.copay ?? ''),
    coinsurancePercent: v.coinsurance ? Number(v.coinsurance) : null,
    deductibleCents: money(v.deductible ?? '') ?? 0,
    deductibleMetCents: money(v.deductibleMet ?? '') ?? 0,
    outOfPocketMaxCents: money(v.oopMax ?? ''),
    outOfPocketMetCents: money(v.oopMet ?? '') ?? 0,
  };
}

const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: '', label: 'Not known yet' },
];

export function CoveragePanel(props: { inquiryId: string; canWrite: boolean }) {
  const coverage = useCoverage(props.inquiryId);
  const save = useSaveCoverage(props.inquiryId);
  const has = Boolean(coverage.data?.data.coverage);
  const estimate = useCostEstimate(props.inquiryId, has);
  const [v, setV] = useState<V | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (coverage.data && v === null) setV(toValues(coverage.data.data.coverage));
  }, [coverage.data, v]);
  if (coverage.isPending) return <Loading label="Loading insurance" />;
  if (coverage.isError) return <QueryError error={coverage.error} what="insurance" />;
  if (!v) return null;
  const field = (key: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={v[key] ?? ''}
      onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })}
      error={errors[key === 'copay' ? 'copayPerDayCents' : key]}
      readOnly={!props.canWrite}
      {...extra}
    />
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    save.mutate(
      { input: toInput(v), etag: coverage.data.etag ?? '"0"' },
      {
        onSuccess: () => notifications.show({ color: 'green', message: 'Insurance and cost saved.' }),
        onError: (err) => {
          if (isApiError(err) && err.errors.length) setErrors(Object.fromEntries(err.errors.map((x) => [x.path, x.message])));
          else setFormError(errorMessage(err));
        },
      },
    );
  };
  return (
    <Stack gap="lg">
      <form onSubmit={submit} noValidate>
        <Stack maw={960}>
          <FormError message={formError} />
          {Object.keys(errors).length > 0 && (
            <FormError
              message={Object.entries(errors)
                .map(([k, m]) => `${k}: ${m}`)
                .join('; ')}
            />
          )}
          <SegmentedControl
            aria-label="How the person pays"
            value={v.kind ?? 'insurance'}
            onChange={(kind) => setV({ ...toValues(null), ...v, kind })}
            data={[
              { value: 'insurance', label: 'Insurance' },
              { value: 'self_pay', label: 'Self-pay' },
            ]}
            readOnly={!props.canWrite}
          />
          {v.kind === 'insurance' ? (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {field('payerName', 'Payer', { required: true })}
              {field('planName', 'Plan')}
              {field('memberId', 'Member ID', { required: true })}
              {field('groupId', 'Group ID')}
              <Select
                label="Subscriber"
                data={subscriberRelationships.map((r) => ({
                  value: r,
                  label: r === 'self' ? 'The person' : r[0]?.toUpperCase() + r.slice(1),
                }))}
                value={v.subscriberRelationship ?? 'self'}
                onChange={(x) => setV({ ...v, subscriberRelationship: x ?? 'self' })}
                allowDeselect={false}
              />
              {v.subscriberRelationship !== 'self' && field('subscriberName', 'Subscriber name')}
              {v.subscriberRelationship !== 'self' && field('subscriberDateOfBirth', 'Subscriber date of birth', { type: 'date' })}
              <Select label="IOP covered?" data={yesNo} value={v.iopCovered ?? ''} onChange={(x) => setV({ ...v, iopCovered: x ?? '' })} />
              <Select
                label="Authorization needed?"
                data={yesNo}
                value={v.authorizationRequired ?? ''}
                onChange={(x) => setV({ ...v, authorizationRequired: x ?? '' })}
              />
              {field('copay', 'Copay per day ($)', { inputMode: 'decimal' })}
              {field('coinsurance', 'Coinsurance (%)', { inputMode: 'numeric' })}
              {field('deductible', 'Deductible ($)', { inputMode: 'decimal' })}
              {field('deductibleMet', 'Deductible met so far ($)', { inputMode: 'decimal' })}
              {field('oopMax', 'Out-of-pocket maximum ($)', { inputMode: 'decimal' })}
              {field('oopMet', 'Out-of-pocket paid so far ($)', { inputMode: 'decimal' })}
            </SimpleGrid>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {field('selfPayRate', 'Self-pay day rate ($, blank = program rate)', { inputMode: 'decimal' })}
              {field('instalments', 'Payment plan: number of instalments (blank = none)', { inputMode: 'numeric' })}
              {field('firstDueOn', 'First payment due', { type: 'date' })}
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {field('programWeeks', 'Program length (weeks)', { inputMode: 'numeric' })}
            {field('daysPerWeek', 'Days per week', { inputMode: 'numeric' })}
            {field('dayRate', 'Program day rate ($)', { inputMode: 'decimal' })}
          </SimpleGrid>
          {props.canWrite && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save insurance and cost
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      {has && estimate.data && (
        <Stack gap={4}>
          <Text fw={600}>
            Estimated cost to the person: {formatCents(estimate.data.personPaysCents)} for {estimate.data.days} program days
          </Text>
          <Anchor component={Link} to={`/admissions/${props.inquiryId}/estimate`}>
            Open the printable cost estimate
          </Anchor>
        </Stack>
      )}
    </Stack>
  );
}
