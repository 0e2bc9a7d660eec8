import { Alert, Button, Paper, Text } from '@mantine/core';
import type { Answers } from '@openiop/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { CrisisLine, PersonFrame } from '../../ui/person-frame';
import { useFill, useSubmitFill } from './api';
import { itemErrors, unansweredCount } from './answers';
import { QuestionnaireForm } from './questionnaire-form';

/** The public, phone-first page a person opens from their care team's link: no sign-in, one submission. */
export function FillPage() {
  const { token = '' } = useParams();
  const fill = useFill(token);
  const submit = useSubmitFill(token);
  const [answers, setAnswers] = useState<Answers>({});
  const [confirmShort, setConfirmShort] = useState(false);

  if (submit.isSuccess)
    return (
      <PersonFrame title="Thank you">
        <Text>Your answers were sent to your care team. You can close this page.</Text>
        <CrisisLine />
      </PersonFrame>
    );
  if (fill.isPending)
    return (
      <PersonFrame title="Questionnaire">
        <Loading label="Loading questionnaire" />
      </PersonFrame>
    );
  if (fill.isError) {
    const code = isApiError(fill.error) ? fill.error.code : null;
    const title = code === 'LINK_USED' ? 'Already answered' : code === 'LINK_EXPIRED' ? 'This link has expired' : 'This link does not work';
    return (
      <PersonFrame title={title}>
        <Text>{errorMessage(fill.error)}</Text>
        <Text>If you need a new link, please contact your care team.</Text>
        <CrisisLine />
      </PersonFrame>
    );
  }
  const { instrument, firstName, organizationName } = fill.data;
  const missing = unansweredCount(instrument, answers);
  const send = () => {
    if (missing > 0 && !confirmShort) {
      setConfirmShort(true);
      return;
    }
    submit.mutate(answers);
  };
  return (
    <PersonFrame title={`${instrument.shortName} questionnaire`}>
      <Text>
        Hi {firstName}, {organizationName} asked you to answer these questions. It takes a few minutes; there are no right or wrong answers.
      </Text>
      <CrisisLine />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <QuestionnaireForm
          definition={instrument}
          answers={answers}
          onChange={(next) => {
            setAnswers(next);
            setConfirmShort(false);
          }}
          errors={submit.error && isApiError(submit.error) ? itemErrors(submit.error.errors) : {}}
        />
      </Paper>
      {submit.error && <Alert color="red">{errorMessage(submit.error)}</Alert>}
      {confirmShort && missing > 0 && (
        <Alert color="yellow" role="alert">
          {missing} question{missing === 1 ? ' is' : 's are'} not answered. Press Send again to send as it is, or answer them first.
        </Alert>
      )}
      <Button size="lg" onClick={send} loading={submit.isPending} fullWidth>
        Send my answers
      </Button>
      <Text size="xs" c="dimmed">
        {instrument.licence}
      </Text>
    </PersonFrame>
  );
}
