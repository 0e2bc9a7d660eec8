import { Box, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { Logo } from '../../ui/logo';
import { usePageTitle } from '../../ui/page-header';
import { usePublicPlan, useSubmitPublicSign } from './api';
import { PlanContentView } from './plan-content';
import { PersonSignForm } from './sign-form';

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  usePageTitle(title);
  return (
    <Box component="main" id="main" mih="100vh" bg="gray.0">
      <Container size={680} py={{ base: 'md', sm: 'xl' }} px="sm">
        <Group gap="xs" mb="md">
          <Logo size={28} />
          <Text fw={700}>openiop</Text>
        </Group>
        <Stack gap="md">
          <Title order={1} size="h2">
            {title}
          </Title>
          {children}
        </Stack>
      </Container>
    </Box>
  );
}

/** The public, phone-sized page a person opens from their signing link: read the plan, type their name, agree. */
export function SignPage() {
  const { token = '' } = useParams();
  const plan = usePublicPlan(token);
  const submit = useSubmitPublicSign(token);
  if (submit.isSuccess)
    return (
      <Frame title="Thank you">
        <Text>Your signature was sent to your care team. You can close this page.</Text>
      </Frame>
    );
  if (plan.isPending)
    return (
      <Frame title="Your treatment plan">
        <Loading label="Loading your plan" />
      </Frame>
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
      <Frame title={title}>
        <Text>{errorMessage(plan.error)}</Text>
        <Text>If you need a new link, please contact your care team.</Text>
      </Frame>
    );
  }
  const { firstName, organizationName, content, contentHash } = plan.data;
  return (
    <Frame title="Your treatment plan">
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
    </Frame>
  );
}
