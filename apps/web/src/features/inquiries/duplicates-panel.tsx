import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { DuplicateMatch } from '@openiop/core';
import { Link } from 'react-router';
import { Loading } from '../../ui/loading';
import { QueryError } from '../../ui/query-error';
import { useDuplicates } from './api';

const fieldLabels: Record<string, string> = {
  dateOfBirth: 'date of birth',
  phone: 'phone',
  email: 'e-mail',
  familyName: 'family name',
  givenName: 'given name',
};

/**
 * Possible existing patients. Those outside the user's scope say only that a record may exist and who can
 * resolve it: no name, no MRN, no link.
 */
export function DuplicatesPanel(props: { inquiryId: string; onLink?: (patientId: string) => void }) {
  const dups = useDuplicates(props.inquiryId);
  if (dups.isPending) return <Loading label="Checking for existing records" />;
  if (dups.isError) return <QueryError error={dups.error} what="possible existing records" onRetry={() => void dups.refetch()} />;
  if (dups.data.length === 0) return <Text c="dimmed">No existing patient matches this person.</Text>;
  return (
    <Stack gap="sm">
      {dups.data.map((m: DuplicateMatch, n) =>
        m.kind === 'visible' ? (
          <Alert
            key={m.patient.id}
            color={m.strength === 'strong' ? 'orange' : 'yellow'}
            variant="light"
            title={m.strength === 'strong' ? 'Likely the same person' : 'Possibly the same person'}
          >
            <Stack gap={4}>
              <Group gap="xs">
                <Anchor component={Link} to={`/patients/${m.patient.id}`}>
                  {m.patient.name}
                </Anchor>
                <Text size="sm">MRN {m.patient.mrn}</Text>
                <Badge variant="outline" size="sm">
                  {m.patient.careStatus.replace('_', '-')}
                </Badge>
              </Group>
              <Text size="sm">Matches on {m.fields.map((f) => fieldLabels[f] ?? f).join(', ')}.</Text>
              {props.onLink && (
                <Group>
                  <Button size="xs" variant="light" onClick={() => props.onLink?.(m.patient.id)}>
                    Admit as this patient
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        ) : (
          <Alert key={`restricted-${n}`} color="gray" variant="light" title="A possible existing record">
            A patient record you cannot see may belong to this person. Ask {m.resolveWith} to check before admitting.
          </Alert>
        ),
      )}
    </Stack>
  );
}
