import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  currentRedisclosureNotice,
  disclosureCreate,
  informationCategories,
  noticeText,
  type ConsentView,
  type DisclosurePurpose,
  type InformationCategory,
  type RecipientClass,
} from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { usePatientToday } from '../patients/api';
import { useRecordDisclosure } from './api';
import { categoryText, classText, purposeText } from './labels';

/**
 * Records a disclosure made under a signed Part 2 consent. The choices offered follow the consent's scope; the api
 * decides for real (a revoked or expired consent, or an uncovered recipient or purpose, is refused with the reason).
 */
export function DisclosureDialog(props: { patientId: string; consent: ConsentView; opened: boolean; onClose: () => void }) {
  const record = useRecordDisclosure(props.patientId);
  const p = props.consent.part2;
  const named = p?.recipients.flatMap((r) => (r.kind === 'named' ? [r.name] : [])) ?? [];
  const classes = p?.recipients.flatMap((r) => (r.kind === 'class' ? [r.class] : [])) ?? [];
  const covers = p?.informationCategories.includes('all_sud_records')
    ? informationCategories.filter((c) => c !== 'all_sud_records')
    : (p?.informationCategories ?? []);
  const [recipient, setRecipient] = useState(named[0] ?? '');
  const [recipientClass, setRecipientClass] = useState<RecipientClass | ''>(named.length ? '' : (classes[0] ?? ''));
  const today = usePatientToday(props.patientId);
  const [chosenOn, setDisclosedOn] = useState<string | null>(null);
  const disclosedOn = chosenOn ?? today;
  const [categories, setCategories] = useState<InformationCategory[]>([]);
  const [description, setDescription] = useState('');
  const [purpose, setPurpose] = useState<DisclosurePurpose | ''>(p?.purposes[0] ?? '');
  const [noticeForm, setNoticeForm] = useState<'long' | 'short'>('long');
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const input = {
      consentId: props.consent.id,
      recipient: { name: recipient, class: recipientClass || null },
      disclosedOn,
      informationCategories: categories,
      informationDescription: description,
      purpose,
      noticeForm,
    };
    const parsed = disclosureCreate.safeParse(input);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' · '));
    try {
      setError(null);
      await record.mutateAsync(parsed.data);
      notifications.show({ color: 'green', message: 'Disclosure recorded with the redisclosure notice.' });
      props.onClose();
    } catch (e) {
      setError(isApiError(e) && e.code === 'DISCLOSURE_REFUSED' ? `Refused: ${errorMessage(e)}.` : errorMessage(e));
    }
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Record a disclosure" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <TextInput label="Recipient" value={recipient} onChange={(e) => setRecipient(e.currentTarget.value)} />
          {classes.length > 0 && (
            <Select
              label="Recipient's class"
              description="When the consent names recipients by class"
              data={classes.map((c) => ({ value: c, label: classText(c) }))}
              value={recipientClass || null}
              onChange={(c) => setRecipientClass((c ?? '') as RecipientClass | '')}
            />
          )}
          <TextInput
            type="date"
            label="Date disclosed"
            max={today}
            value={disclosedOn}
            onChange={(e) => setDisclosedOn(e.currentTarget.value)}
          />
          <Checkbox.Group label="Information disclosed" value={categories} onChange={(v) => setCategories(v as InformationCategory[])}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {covers.map((c) => (
                <Checkbox key={c} value={c} label={categoryText(c)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea
            label="Description of what was sent"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Select
            label="Purpose"
            data={(p?.purposes ?? []).map((x) => ({ value: x, label: purposeText(x) }))}
            value={purpose || null}
            onChange={(v) => setPurpose((v ?? '') as DisclosurePurpose | '')}
          />
          <Select
            label="Notice sent with it"
            data={[
              { value: 'long', label: 'Long form (statement 1)' },
              { value: 'short', label: 'Short form (statement 2)' },
            ]}
            allowDeselect={false}
            value={noticeForm}
            onChange={(v) => setNoticeForm(v === 'short' ? 'short' : 'long')}
          />
          <Alert variant="light" title="Notice that accompanies this disclosure (42 CFR § 2.32)">
            <Text size="sm">{noticeText(currentRedisclosureNotice, noticeForm)}</Text>
          </Alert>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={record.isPending}>
              Record disclosure
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
