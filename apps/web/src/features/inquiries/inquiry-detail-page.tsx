import { Alert, Anchor, Badge, Button, Group, Menu, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  admittableStages,
  inquiryStageLabels,
  referralSourceLabels,
  stageMovesFrom,
  stageReasonLabels,
  type InquiryStage,
  type StageReason,
} from '@openiop/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { changedFields } from '../../lib/form';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useDuplicates, useInquiry, useMoveInquiry, usePrescreens, useUpdateInquiry } from './api';
import { AdmitDialog } from './admit-dialog';
import { CoveragePanel } from './coverage-panel';
import { DuplicatesPanel } from './duplicates-panel';
import { FollowUpsPanel } from './follow-ups-panel';
import { InquiryForm, inquiryInput, valuesFromInquiry } from './inquiry-form';
import { PrescreenPanel } from './prescreen-panel';
import { StageMoveDialog } from './stage-move-dialog';

export function InquiryDetailPage() {
  const { inquiryId = '' } = useParams();
  const can = useCan();
  const canWrite = can('inquiry.write');
  const q = useInquiry(inquiryId);
  const update = useUpdateInquiry(inquiryId);
  const move = useMoveInquiry();
  const prescreens = usePrescreens(inquiryId);
  // Checked whenever the inquiry is opened or saved (saving invalidates it), so a possible duplicate shows early.
  const duplicates = useDuplicates(inquiryId);
  const [ending, setEnding] = useState<'lost' | 'referred_elsewhere' | null>(null);
  const [admitting, setAdmitting] = useState(false);
  const [linkPatientId, setLinkPatientId] = useState<string | null>(null);
  if (q.isPending) return <Loading label="Loading inquiry" />;
  if (q.isError) return <QueryError error={q.error} what="the inquiry" onRetry={() => void q.refetch()} />;
  const i = q.data.data;
  const name = [i.givenName, i.familyName].filter(Boolean).join(' ') || i.callerName || 'Name not given';
  const latest = prescreens.data?.[0];
  const canAdmit = canWrite && admittableStages.includes(i.stage);
  const go = (to: InquiryStage) => {
    if (to === 'lost' || to === 'referred_elsewhere') return setEnding(to);
    move.mutate(
      { id: i.id, version: i.version, move: { to } },
      { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
    );
  };
  const openAdmit = (patientId: string | null) => {
    setLinkPatientId(patientId);
    setAdmitting(true);
  };
  return (
    <>
      <PageHeader
        title={name}
        documentTitle="Inquiry"
        back={{ to: '/admissions', label: 'Admissions' }}
        description={
          <Group gap="xs" component="span">
            <Badge>{inquiryStageLabels[i.stage]}</Badge>
            <span>
              Referral: {referralSourceLabels[i.referralSource]} (TEDS {i.tedsPsource})
            </span>
          </Group>
        }
        actions={
          canWrite && (
            <>
              {stageMovesFrom(i.stage).length > 0 && (
                <Menu>
                  <Menu.Target>
                    <Button variant="default" loading={move.isPending}>
                      Move to…
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {stageMovesFrom(i.stage).map((to) => (
                      <Menu.Item key={to} onClick={() => go(to)}>
                        {inquiryStageLabels[to]}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              )}
              {canAdmit && <Button onClick={() => openAdmit(null)}>Admit</Button>}
            </>
          )
        }
      />
      <Stack gap="md">
        {i.stage === 'admitted' && i.patientId && (
          <Alert color="green" variant="light" title="Admitted">
            <Anchor component={Link} to={`/patients/${i.patientId}`}>
              Open the patient’s chart
            </Anchor>
          </Alert>
        )}
        {(i.stage === 'lost' || i.stage === 'referred_elsewhere') && (
          <Alert color="gray" variant="light" title={inquiryStageLabels[i.stage]}>
            {i.stageReason ? stageReasonLabels[i.stageReason as StageReason] : ''}
            {i.referredTo ? ` — referred to ${i.referredTo}` : ''}
            {i.stageReasonText ? `: ${i.stageReasonText}` : ''}
          </Alert>
        )}
        {Boolean(duplicates.data?.length) && i.stage !== 'admitted' && (
          <Alert color="orange" variant="light" title="This person may already have a record">
            See the Existing records tab before admitting.
          </Alert>
        )}
        {latest?.verdict === 'needs_higher_level' && i.stage !== 'admitted' && (
          <Alert color="red" variant="light" title="The pre-screen says IOP is not safe now">
            {latest.flags
              .filter((f) => f.severity === 'higher_level')
              .map((f) => f.routeLabel)
              .join(' · ')}
          </Alert>
        )}
        <Tabs defaultValue="details" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="details">Details</Tabs.Tab>
            <Tabs.Tab value="follow-ups">Follow-ups ({i.followUps.filter((f) => !f.doneAt).length})</Tabs.Tab>
            <Tabs.Tab value="prescreen">Pre-screen</Tabs.Tab>
            <Tabs.Tab value="insurance">Insurance and cost</Tabs.Tab>
            <Tabs.Tab value="duplicates">Existing records{duplicates.data?.length ? ` (${duplicates.data.length})` : ''}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details" pt="md">
            {canWrite && i.stage !== 'admitted' ? (
              <InquiryForm
                key={i.version}
                initialValues={valuesFromInquiry(i)}
                submitting={update.isPending}
                submitLabel="Save changes"
                onSubmit={async (input) => {
                  const before = inquiryInput(valuesFromInquiry(i));
                  const patch = changedFields(before as Record<string, unknown>, input as Record<string, unknown>);
                  if (Object.keys(patch).length === 0) return;
                  await update.mutateAsync({ input: patch, etag: q.data.etag });
                  notifications.show({ color: 'green', message: 'Inquiry saved.' });
                }}
              />
            ) : (
              <Text>
                {i.notes ?? 'No notes.'} {i.bestTimeToCall ? `Best time to call: ${i.bestTimeToCall}.` : ''}
              </Text>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="follow-ups" pt="md">
            <FollowUpsPanel inquiryId={i.id} followUps={i.followUps} canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="prescreen" pt="md">
            <PrescreenPanel inquiryId={i.id} canWrite={canWrite && i.stage !== 'admitted'} />
          </Tabs.Panel>
          <Tabs.Panel value="insurance" pt="md">
            <CoveragePanel inquiryId={i.id} canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="duplicates" pt="md">
            <DuplicatesPanel inquiryId={i.id} {...(canAdmit ? { onLink: (id: string) => openAdmit(id) } : {})} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      <StageMoveDialog
        inquiry={ending ? { id: i.id, version: i.version, displayName: name } : null}
        to={ending}
        onClose={() => setEnding(null)}
      />
      {admitting && (
        <AdmitDialog
          inquiry={i}
          opened={admitting}
          onClose={() => setAdmitting(false)}
          linkPatientId={linkPatientId}
          needsOverride={latest?.verdict === 'needs_higher_level'}
        />
      )}
    </>
  );
}
