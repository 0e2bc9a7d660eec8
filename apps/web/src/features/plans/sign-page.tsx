import { Text } from '@mantine/core';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { PersonFrame } from '../../ui/person-frame';
import { usePublicPlan, useSubmitPublicSign } from './api';
import { PlanContentView } from './plan-content';
import { PersonSignForm } from './sign-form';

/** The public, phone-sized page a person opens from their signing link: read the plan, type their name, agree. */
export function SignPage() {
  const { token = '' } = useParams();
  const plan = usePublicPlan(token);
  const submit = useSubmitPublicSign(token);
  if (submit.isSuccess)
    return (
      <PersonFrame title="Thank you">
        <Text>Your signature was sent to your care team. You can close this page.</Text>
      </PersonFrame>
    );
  if (plan.isPending)
    return (
      <PersonFrame title="Your treatment plan">
        <Loading label="Loading your plan" />
      </PersonFrame>
    );
  if (plan.isError) {
    const code = isApiError(plan.error) ? plan.error.code : null;
    const title =
      code === 'LINK_USED'
        ? 'Already signed'
        : code === 'LINK_EXPIRED'
          ? 'This link has expired'
          : code === 'PLAN_CHANGED'
            ? 'Your plan changed'
            : 'This link does not work';
    return (
      <PersonFrame title={title}>
        <Text>{errorMessage(plan.error)}</Text>
        <Text>If you need a new link, please contact your care team.</Text>
      </PersonFrame>
    );
  }
  const { firstName, organizationName, content, contentHash } = plan.data;
  return (
    <PersonFrame title="Your treatment plan">
      <Text>
        Hi {firstName}, this is the plan you made with your care team at {organizationName}. Please read it. If it is right, type your name
        and sign at the bottom. If something is wrong, don’t sign — tell your care team.
      </Text>
      <PlanContentView content={content} plain />
      <PersonSignForm
        pending={submit.isPending}
        error={submit.error}
        onSign={(typedName) => submit.mutate({ typedName, agree: true, contentHash })}
      />
    </PersonFrame>
  );
}
