import { Button, Paper, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/** The entry point on the person's page (`meSections`). */
export function MeAvailabilityLink({ token }: { token: string }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="me-availability-heading">
      <Title order={2} size="h3" id="me-availability-heading" mb="xs">
        When you can come
      </Title>
      <Text mb="sm">Tell us when work, school, childcare or getting here keep you busy, so we can plan your week around your life.</Text>
      <Button component={Link} to={`/me/${encodeURIComponent(token)}/availability`} size="md" w={{ base: '100%', sm: 'auto' }}>
        My times
      </Button>
    </Paper>
  );
}
