import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeExpiration, describeRecipients, isPart2Kind, type ConsentView } from '@openiop/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { Details } from '../../ui/details';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { NotInScope } from '../patients/not-in-scope';
import { useConsent, useConsentLinks, useUpdateDraft } from './api';
import { part2ErrorsFrom } from './consent-create-page';
import { DisclosuresSection } from './consents-section';
import { DisclosureDialog } from './disclosure-dialog';
import { categoryText, ConsentStatusBadge, consentKindLabels, purposeText } from './labels';
import { Part2Editor, type Part2Errors } from './part2-editor';
import { part2Input, part2Values, type Part2Values } from './part2-values';
import { RevokeDialog } from './revoke-dialog';
import { SignPanel } from './sign-panel';

function Part2Summary({ consent }: { consent: ConsentView }) {
  const p = consent.part2;
  if (!p) return null;
  return (
    <Details
      items={[
        { label: 'Who may disclose', value: p.discloser ?? '—' },
        {
          label: 'Information',
          value: [p.informationCategories.map(categoryText).join(', '), p.informationDescription].filter(Boolean).join('. ') || '—',
        },
        { label: 'Recipients', value: describeRecipients(p) || '—' },
        {
          label: 'Purpose',
          value: p.purposes.map((x) => (x === 'other' && p.purposeDetail ? p.purposeDetail : purposeText(x))).join(', ') || '—',
        },
        { label: 'Expires', value: describeExpiration(p.expiration) ?? '—' },
      ]}
    />
  );
}

/** A draft's Part 2 elements, editable until it is signed (If-Match on the ETag read). */
function DraftEditor({ patientId, consent, etag }: { patientId: string; consent: ConsentView; etag: string | null }) {
  const update = useUpdateDraft(patientId, consent.id);
  const [values, setValues] = useState<Part2Values>(part2Values(consent.part2));
  const [errors, setErrors] = useState<Part2Errors>({});
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      setError(null);
      await update.mutateAsync({ part2: part2Input(values), etag });
      notifications.show({ color: 'green', message: 'Draft saved.' });
    } catch (e) {
      if (isApiError(e) && e.errors.length) setErrors(part2ErrorsFrom(e.errors));
      setError(errorMessage(e));
    }
  };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="elements-heading">
      <Title order={2} size="h4" id="elements-heading" mb="md">
        What this consent allows
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <Part2Editor value={values} onChange={setValues} errors={errors} tpo={consent.kind === 'part2_tpo'} />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={update.isPending}>
              Save draft
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function ConsentPage() {
  const { patientId = '', consentId = '' } = useParams();
  const can = useCan();
  const record = useConsent(patientId, consentId);
  const links = useConsentLinks(patientId);
  const [revoking, setRevoking] = useState(false);
  const [disclosing, setDisclosing] = useState(false);
  const chart = `/patients/${patientId}`;

  if (record.isPending) return <Loading label="Loading consent" />;
  if (record.isError) {
    if (isApiError(record.error) && record.error.status === 404) return <NotInScope />;
    return (
      <>
        <PageHeader title="Consent" back={{ to: chart, label: 'Patient chart' }} />
        <QueryError what="the consent" error={record.error} onRetry={() => void record.refetch()} />
      </>
    );
  }
  const { data: c, etag } = record.data;
  const draft = c.status === 'draft';
  const part2 = isPart2Kind(c.kind);

  return (
    <>
      <PageHeader
        title={consentKindLabels[c.kind]}
        documentTitle="Consent"
        description={<ConsentStatusBadge status={c.status} />}
        back={{ to: chart, label: 'Patient chart' }}
        actions={
          <>
            {c.signature && (
              <Button component="a" href={links.consentPdf(c.id)} target="_blank" variant="default">
                PDF
              </Button>
            )}
            {c.status === 'signed' && part2 && can('disclosure.record') && (
              <Button onClick={() => setDisclosing(true)}>Record a disclosure</Button>
            )}
            {(c.status === 'signed' || c.status === 'expired') && can('consent.revoke') && (
              <Button color="red.9" variant="outline" onClick={() => setRevoking(true)}>
                Revoke
              </Button>
            )}
          </>
        }
      />
      {draft && c.missing.length > 0 && (
        <Alert color="yellow" mb="lg" title="Required before signing">
          <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
            {c.missing.map((m) => (
              <li key={m.path}>{m.message.charAt(0).toUpperCase() + m.message.slice(1)}</li>
            ))}
          </ul>
        </Alert>
      )}
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="text-heading">
        <Title order={2} size="h4" id="text-heading" mb="sm">
          {c.title}
        </Title>
        <Stack gap="sm">
          {c.body.map((p) => (
            <Text key={p}>{p}</Text>
          ))}
          {c.statements.map((s) => (
            <Text key={s.id} size="sm">
              {s.text}
            </Text>
          ))}
          <Text size="xs" c="dimmed">
            Template version {c.templateVersion}
          </Text>
        </Stack>
      </Paper>
      {part2 && draft && can('consent.write') ? (
        <DraftEditor key={`draft-${c.version}`} patientId={patientId} consent={c} etag={etag} />
      ) : (
        part2 && (
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="elements-heading">
            <Title order={2} size="h4" id="elements-heading" mb="md">
              What this consent allows
            </Title>
            <Part2Summary consent={c} />
          </Paper>
        )
      )}
      {draft && can('consent.write') && <SignPanel key={`sign-${c.version}`} patientId={patientId} consent={c} etag={etag} />}
      {c.signature && (
        <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="signature-heading">
          <Title order={2} size="h4" id="signature-heading" mb="md">
            Signature
          </Title>
          <Details
            items={[
              { label: 'Signed by', value: c.signature.signerName },
              ...(c.signature.signerKind === 'representative'
                ? [
                    { label: 'Relationship', value: c.signature.relationship ?? '—' },
                    { label: 'Authority', value: c.signature.authority ?? '—' },
                  ]
                : []),
              {
                label: 'How',
                value: c.signature.drawing ? (
                  <img
                    src={c.signature.drawing}
                    alt={`Drawn signature of ${c.signature.signerName}`}
                    style={{ maxWidth: '100%', height: 64 }}
                  />
                ) : (
                  `Typed: ${c.signature.typedName ?? ''}`
                ),
              },
              { label: 'Signed', value: formatDateTime(c.signature.signedAt) },
              { label: 'Witness', value: c.signature.witness.name },
            ]}
          />
        </Paper>
      )}
      {c.revocation && (
        <Alert color="red" mb="lg" title="Revoked">
          Revoked {formatDateTime(c.revocation.revokedAt)} ({c.revocation.receivedVia === 'in_writing' ? 'in writing' : 'verbally'}),
          recorded by {c.revocation.recordedBy.name}.{c.revocation.reason ? ` Reason: ${c.revocation.reason}` : ''}
        </Alert>
      )}
      {part2 && !draft && <DisclosuresSection patientId={patientId} consentId={c.id} />}
      {revoking && <RevokeDialog patientId={patientId} consentId={c.id} opened onClose={() => setRevoking(false)} />}
      {disclosing && <DisclosureDialog patientId={patientId} consent={c} opened onClose={() => setDisclosing(false)} />}
    </>
  );
}
