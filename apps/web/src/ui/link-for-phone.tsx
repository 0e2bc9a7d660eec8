import { Button, CopyButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A link made for the person's phone: what it is for, its QR code, the link itself to copy, and an optional Done
 * button. Used for questionnaire links, the measures link and plan signing links.
 */
export function LinkForPhone(props: { url: string; qrSvg: string; qrAlt: string; children: ReactNode; onDone?: () => void }) {
  return (
    <Stack gap="sm">
      <Text size="sm">{props.children}</Text>
      <Image
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(props.qrSvg)}`}
        alt={props.qrAlt}
        w={216}
        h={216}
        p={8}
        fit="contain"
        bg="white"
        radius="sm"
        style={{ border: '1px solid var(--mantine-color-gray-3)' }}
      />
      <TextInput label="Link" value={props.url} readOnly onFocus={(e) => e.currentTarget.select()} />
      <Group>
        <CopyButton value={props.url}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
        {props.onDone && <Button onClick={props.onDone}>Done</Button>}
      </Group>
    </Stack>
  );
}
