import { Alert, Button, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { consentKinds, consentTemplates, isPart2Kind, part2Fields, type ConsentKind } from '@openiop/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { zodFieldErrors } from '../../lib/form';
import { PageHeader } from '../../ui/page-header';
import { useMe } from '../auth/session';
import { useCreateConsent } from './api';
import { consentKindLabels } from './labels';
import { Part2Editor, type Part2Errors } from './part2-editor';
import { emptyPart2, part2FieldOf, part2Input, type Part2Values } from './part2-values';

/** Turns api or zod field errors (`part2.recipients`) into messages on the editor's fields. */
export function part2ErrorsFrom(errors: Array<{ path: string; message: string }>): Part2Errors {
  const out: Part2Errors = {};
  for (const e of errors) {
    const field = part2FieldOf(e.path);
    if (field) out[field] ??= e.message.charAt(0).toUpperCase() + e.message.slice(1);
  }
  return out;
}

/** Starts a consent from the current template of its kind; a Part 2 consent names its elements here or later. */
export function ConsentCreatePage() {
  const { patientId = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const create = useCreateConsent(patientId);
  const [kind, setKind] = useState<ConsentKind>('treatment');
  const [part2, setPart2] = useState<Part2Values>(emptyPart2(me.organization.name));
  const [errors, setErrors] = useState<Part2Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const chart = `/patients/${patientId}`;

  const submit = async () => {
    const input = isPart2Kind(kind) ? part2Input(part2) : undefined;
    if (input) {
      const parsed = part2Fields.safeParse(input);
      if (!parsed.success) {
        const fe = zodFieldErrors(parsed.error, input);
        return setErrors(part2ErrorsFrom(Object.entries(fe).map(([path, message]) => ({ path, message }))));
      }
    }
    try {
      const saved = await create.mutateAsync(input ? { kind, part2: input } : { kind });
      void navigate(`${chart}/consents/${saved.data.id}`);
    } catch (e) {
      if (isApiError(e) && e.errors.length) setErrors(part2ErrorsFrom(e.errors));
      setFormError(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeader title="New consent" back={{ to: chart, label: 'Patient chart' }} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="lg">
            <Radio.Group label="Kind of consent" value={kind} onChange={(k) => setKind(k as ConsentKind)}>
              <Stack mt="xs" gap="xs">
                {consentKinds.map((k) => (
                  <Radio key={k} value={k} label={consentKindLabels[k]} description={consentTemplates[k].title} />
                ))}
              </Stack>
            </Radio.Group>
            {isPart2Kind(kind) && (
              <>
                <Text size="sm" c="dimmed">
                  Fill in what you know now; the consent can be saved as a draft and finished before signing. It cannot be signed until
                  every required element is present.
                </Text>
                <Part2Editor value={part2} onChange={setPart2} errors={errors} tpo={kind === 'part2_tpo'} />
              </>
            )}
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button component={Link} to={chart} variant="default">
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Start consent
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
