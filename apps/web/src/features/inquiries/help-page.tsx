import { Alert, Anchor, Button, Checkbox, Container, Group, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { callerRelationships, prescreenSubstances, type PublicHelpRequest } from '@openiop/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { usePageTitle } from '../../ui/page-header';
import { FormError } from '../../ui/query-error';
import { Loading } from '../../ui/loading';
import { useHelpForm, useSendHelpRequest } from './api';
import { relationshipLabels, substanceLabels } from './labels';
import classes from './help-page.module.css';

function CrisisBanner() {
  return (
    <section aria-label="Crisis help">
      <Alert color="red" variant="filled" title="In crisis? Help is available now">
        <Text size="sm">
          Call or text{' '}
          <Anchor href="tel:988" c="white" fw={700} underline="always">
            988
          </Anchor>{' '}
          (the 988 Suicide &amp; Crisis Lifeline), any time, day or night. If you or someone else is in danger right now, call{' '}
          <Anchor href="tel:911" c="white" fw={700} underline="always">
            911
          </Anchor>
          .
        </Text>
      </Alert>
    </section>
  );
}

const orNull = (s: string) => (s.trim() === '' ? null : s);

/** The public "request help" page: no sign-in, built for a phone, the crisis line first. */
export function HelpPage() {
  const { slug = '' } = useParams();
  usePageTitle('Request help');
  const form = useHelpForm(slug);
  const send = useSendHelpRequest(slug);
  const [v, setV] = useState({
    forSelf: 'yes',
    callerName: '',
    callerRelationship: 'parent',
    givenName: '',
    familyName: '',
    phone: '',
    email: '',
    bestTimeToCall: '',
    message: '',
    website: '',
  });
  const [substances, setSubstances] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setV({ ...v, [k]: e.currentTarget.value });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!form.data) return;
    setErrors({});
    setFormError(null);
    const forSelf = v.forSelf === 'yes';
    const body: PublicHelpRequest = {
      formToken: form.data.formToken,
      website: v.website,
      forSelf,
      callerName: forSelf ? null : v.callerName,
      callerRelationship: forSelf ? null : (v.callerRelationship as PublicHelpRequest['callerRelationship']),
      givenName: v.givenName,
      familyName: v.familyName,
      phone: orNull(v.phone),
      email: orNull(v.email),
      bestTimeToCall: v.bestTimeToCall,
      substances: substances as PublicHelpRequest['substances'],
      message: v.message,
    };
    send.mutate(body, {
      onError: (err) => {
        if (isApiError(err) && err.errors.length) setErrors(Object.fromEntries(err.errors.map((x) => [x.path, x.message])));
        setFormError(errorMessage(err));
      },
    });
  };
  return (
    <Container size={560} py="md" component="main">
      <Stack>
        <CrisisBanner />
        <Title order={1} size="h2">
          Ask for help{form.data ? ` from ${form.data.organizationName}` : ''}
        </Title>
        {form.isPending ? (
          <Loading label="Loading the form" />
        ) : form.isError ? (
          <Alert color="gray" title="This page is not available">
            {errorMessage(form.error)}
          </Alert>
        ) : send.data ? (
          <Alert color="green" variant="light" title="We have your request" role="status">
            <Stack gap="xs">
              <Text>{send.data.nextSteps}</Text>
              <Text fw={600}>{send.data.crisisLine}</Text>
              <Text fw={600}>{send.data.emergency}</Text>
            </Stack>
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Text>Tell us how to reach you. An admissions coordinator will call you back; nothing here is shared.</Text>
              <FormError message={formError} />
              <Radio.Group label="Who needs help?" value={v.forSelf} onChange={(x) => setV({ ...v, forSelf: x })}>
                <Stack gap={6} mt={6}>
                  <Radio value="yes" label="I do" />
                  <Radio value="no" label="Someone I care about" />
                </Stack>
              </Radio.Group>
              {v.forSelf === 'no' && (
                <>
                  <TextInput
                    label="Your name"
                    required
                    value={v.callerName}
                    onChange={set('callerName')}
                    error={errors.callerName}
                    autoComplete="name"
                  />
                  <Select
                    label="Your relationship to them"
                    data={callerRelationships.filter((r) => r !== 'self').map((r) => ({ value: r, label: relationshipLabels[r] ?? r }))}
                    value={v.callerRelationship}
                    onChange={(x) => setV({ ...v, callerRelationship: x ?? 'other' })}
                    allowDeselect={false}
                  />
                </>
              )}
              <TextInput
                label={v.forSelf === 'yes' ? 'Your first name' : 'Their first name'}
                required
                value={v.givenName}
                onChange={set('givenName')}
                error={errors.givenName}
              />
              <TextInput
                label={v.forSelf === 'yes' ? 'Your last name (optional)' : 'Their last name (optional)'}
                value={v.familyName}
                onChange={set('familyName')}
                error={errors.familyName}
              />
              <TextInput
                label="Phone"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                value={v.phone}
                onChange={set('phone')}
                error={errors.phone}
              />
              <TextInput
                label="E-mail (optional if you gave a phone)"
                type="email"
                autoComplete="email"
                value={v.email}
                onChange={set('email')}
                error={errors.email}
              />
              <TextInput
                label="Best time to call"
                placeholder="e.g. weekdays after 5 pm"
                value={v.bestTimeToCall}
                onChange={set('bestTimeToCall')}
                error={errors.bestTimeToCall}
              />
              <Checkbox.Group label="What is the concern? (optional)" value={substances} onChange={setSubstances}>
                <Group mt={6}>
                  {prescreenSubstances.map((s) => (
                    <Checkbox key={s} value={s} label={substanceLabels[s]} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Textarea
                label="Anything you want us to know (optional)"
                autosize
                minRows={3}
                maxLength={2000}
                value={v.message}
                onChange={set('message')}
                error={errors.message}
              />
              <div className={classes.trap} aria-hidden="true">
                <label htmlFor="help-website">Website</label>
                <input id="help-website" name="website" tabIndex={-1} autoComplete="off" value={v.website} onChange={set('website')} />
              </div>
              <Button type="submit" size="md" loading={send.isPending}>
                Send my request
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Container>
  );
}
