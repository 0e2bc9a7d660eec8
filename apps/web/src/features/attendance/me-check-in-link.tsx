import { Button, Paper, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { rememberMeToken } from './me-check-in-page';

/** The person's page: the way to check in at a session (and this phone remembers the link for the room's QR code). */
export function MeCheckInLink({ token }: { token: string }) {
  useEffect(() => rememberMeToken(token), [token]);
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="me-check-in-heading">
      <Title order={2} size="h3" id="me-check-in-heading" mb="xs">
        At a session?
      </Title>
      <Text mb="sm">Check in with the code shown in the room.</Text>
      <Button component={Link} to={`/me/${encodeURIComponent(token)}/check-in`} size="md" w={{ base: '100%', sm: 'auto' }}>
        Check in
      </Button>
    </Paper>
  );
}
