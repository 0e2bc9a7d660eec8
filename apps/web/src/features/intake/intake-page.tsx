import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  intakeCompleteness,
  intakeDocument,
  intakeSectionLabels,
  intakeSections,
  type IntakeDocument,
  type IntakeSection,
  type IntakeView,
} from '@openiop/core';
import { useState, type FormEvent } from 'react';
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
import { useIntake, useIntakeActions, useIntakePdfUrl } from './api';
import { SectionFields } from './intake-fields';
import { saveStateLabels, useAutosave } from './use-autosave';
import { SubstanceTable } from './substance-table';

/** The biopsychosocial intake of one patient: a draft that saves itself, then a signed, read-only record. */
export function IntakePage() {
  const { patientId = '', intakeId = '' } = useParams();
  const record = useIntake(patientId, intakeId);
  const back = { to: `/patients/${patientId}`, label: 'Patient chart' };
  if (record.isPending) return <Loading label="Loading intake" />;
  if (record.isError) {
    if (isApiError(record.error) && record.error.status === 404) return <NotInScope />;
    return (
      <>
        <PageHeader title="Biopsychosocial intake" back={back} />
        <QueryError what="the intake" error={record.error} onRetry={() => void record.refetch()} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Biopsychosocial intake"
        back={back}
        description={`Started by ${record.data.data.createdBy.name} ${formatDateTime(record.data.data.createdAt)}`}
      />
      <IntakeEditor
        key={`${record.data.data.id}:${record.data.data.status}`}
        patientId={patientId}
        intake={record.data.data}
        etag={record.data.etag}
        onReload={() => void record.refetch()}
      />
    </>
  );
}

function IntakeEditor(props: { patientId: string; intake: IntakeView; etag: string | null; onReload: () => void }) {
  const { intake } = props;
  const can = useCan();
  const signed = intake.status === 'signed';
  const readOnly = signed || !can('intake.write');
  const actions = useIntakeActions(props.patientId, intake.id);
  const pdfUrl = useIntakePdfUrl(props.patientId, intake.id);
  const [doc, setDoc] = useState<IntakeDocument>(intake.document);
  const [signErrors, setSignErrors] = useState<Record<string, string>>({});
  const [signing, setSigning] = useState(false);

  const validate = (d: IntakeDocument) => {
    const parsed = intakeDocument.safeParse(d);
    if (parsed.success) return { ok: parsed.data };
    const errors = zodFieldErrors(parsed.error, d);
    return { errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`document.${k}`, v])) };
  };
  const autosave = useAutosave({ value: doc, etag: props.etag, validate, save: actions.save, onSaved: actions.store });

  const missing = intakeCompleteness(doc);
  const errors = { ...autosave.errors, ...signErrors };
  const setField = (section: IntakeSection, field: string, value: unknown) =>
    setDoc((d) => ({ ...d, [section]: { ...(d[section] ?? {}), [field]: value } }));

  return (
    <Stack gap="lg">
      {signed ? (
        <Alert color="green" variant="light" title="Signed">
          Signed by {intake.signedBy?.name} {formatDateTime(intake.signedAt)}. A signed intake no longer changes; add an addendum to correct
          or add to it.{' '}
          <Anchor href={pdfUrl} target="_blank">
            Print as PDF
          </Anchor>
        </Alert>
      ) : (
        !readOnly && (
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text
              role="status"
              aria-live="polite"
              size="sm"
              c={autosave.state === 'saved' || autosave.state === 'saving' ? 'dimmed' : 'orange'}
            >
              {saveStateLabels[autosave.state]}
            </Text>
            <Button onClick={() => setSigning(true)} disabled={autosave.state === 'stale'}>
              Sign intake
            </Button>
          </Group>
        )
      )}
      {autosave.state === 'stale' && <StaleRecordAlert reloading={false} onReload={props.onReload} />}

      {!signed && (
        <Paper withBorder p="md" component="section" aria-labelledby="completeness-heading">
          <Title order={2} size="h5" id="completeness-heading" mb="xs">
            Completeness
          </Title>
          {missing.length === 0 ? (
            <Text c="green.8">Every section is complete; the intake can be signed.</Text>
          ) : (
            <List size="sm" spacing={2}>
              {missing.map((s) => (
                <List.Item key={s.section}>
                  <Text span fw={500} size="sm">
                    {s.label}:
                  </Text>{' '}
                  {s.missing.map((m) => m.label).join('; ')}
                </List.Item>
              ))}
            </List>
          )}
        </Paper>
      )}

      <Accordion multiple defaultValue={['presentingProblem']} variant="separated">
        {intakeSections.map((section) => {
          const left = missing.find((m) => m.section === section)?.missing.length ?? 0;
          return (
            <Accordion.Item key={section} value={section}>
              <Accordion.Control>
                <Group gap="sm" wrap="nowrap">
                  <Text fw={500}>{intakeSectionLabels[section]}</Text>
                  {!signed && (
                    <Badge size="sm" variant="light" color={left ? 'yellow' : 'green'}>
                      {left ? `${left} to do` : 'Complete'}
                    </Badge>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                {section === 'substanceUse' ? (
                  <SubstanceTable
                    rows={doc.substanceUse?.substances ?? []}
                    readOnly={readOnly}
                    errors={errors}
                    onChange={(rows) => setField('substanceUse', 'substances', rows)}
                  />
                ) : (
                  <SectionFields
                    section={section}
                    doc={doc}
                    readOnly={readOnly}
                    errors={errors}
                    onChange={(field, value) => setField(section, field, value)}
                  />
                )}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>

      {signed && <Addenda intake={intake} canWrite={can('intake.write')} actions={actions} />}

      <SignDialog
        opened={signing}
        onClose={() => setSigning(false)}
        busy={actions.sign.isPending}
        onSign={async (password) => {
          if (!(await autosave.flush())) return 'Save the intake first: fix the highlighted fields.';
          try {
            await actions.sign.mutateAsync({ password, etag: autosave.etag() });
            notifications.show({ color: 'green', message: 'Intake signed.' });
            setSigning(false);
            return null;
          } catch (e) {
            if (isApiError(e) && e.errors.some((x) => x.path === 'password')) return 'That is not your current password.';
            if (isApiError(e) && e.errors.length) {
              setSignErrors(Object.fromEntries(e.errors.map((x) => [x.path, x.message])));
              setSigning(false);
              notifications.show({ color: 'red', message: 'The intake is not complete yet: see the completeness list.' });
              return null;
            }
            return errorMessage(e);
          }
        }}
      />
    </Stack>
  );
}

function SignDialog(props: { opened: boolean; busy: boolean; onClose: () => void; onSign: (password: string) => Promise<string | null> }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(await props.onSign(password));
    setPassword('');
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Sign the intake">
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <Text size="sm">Signing locks the intake. Re-enter your password to sign it as yourself.</Text>
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            value={password}
            error={error}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={props.busy} disabled={!password}>
              Sign
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Addenda(props: { intake: IntakeView; canWrite: boolean; actions: ReturnType<typeof useIntakeActions> }) {
  const [text, setText] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await props.actions.addendum.mutateAsync({ text, password });
      setText('');
      setError(null);
      notifications.show({ color: 'green', message: 'Addendum signed.' });
    } catch (err) {
      setError(isApiError(err) && err.errors.some((x) => x.path === 'password') ? 'That is not your current password.' : errorMessage(err));
    } finally {
      setPassword('');
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="addenda-heading">
      <Title order={2} size="h5" id="addenda-heading" mb="sm">
        Addenda
      </Title>
      {props.intake.addenda.length === 0 ? (
        <Text c="dimmed" mb="sm">
          No addenda.
        </Text>
      ) : (
        <Stack gap="sm" mb="md">
          {props.intake.addenda.map((a) => (
            <div key={a.id}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{a.text}</Text>
              <Text size="sm" c="dimmed">
                Signed by {a.signedBy.name} {formatDateTime(a.signedAt)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
      {props.canWrite && (
        <form onSubmit={(e) => void submit(e)}>
          <Stack gap="sm">
            <Textarea label="New addendum" autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
            <PasswordInput
              label="Your password, to sign the addendum"
              autoComplete="current-password"
              value={password}
              error={error}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Group>
              <Button type="submit" loading={props.actions.addendum.isPending} disabled={!text.trim() || !password}>
                Sign addendum
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
