import { Alert, Badge, Button, Group, Modal, Select, Stack, Table, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PhaseView, ProgramView, RoomView, TemplateView, TrackView } from '@openiop/core';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../lib/api-client';
import { changedFields } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { ScrollTable } from '../../ui/scroll-table';
import { useCan } from '../auth/session';
import { useClinicToday, useLocationOptions } from '../reference/api';
import { useProgram, useProgramWrite, type ProgramWrite } from './api';
import { ClosureForm, PhaseForm, RoomForm, TemplateForm, TrackForm } from './forms';
import { SettingsForm } from './settings-form';
import { WeekGrid } from './week-grid';
import { kindLabels, modalityLabels } from './labels';

type Editing =
  | { kind: 'track'; item?: TrackView }
  | { kind: 'room'; item?: RoomView }
  | { kind: 'phase'; item?: PhaseView }
  | { kind: 'template'; item?: TemplateView }
  | { kind: 'closure' }
  | null;

const titles = { track: 'track', room: 'room', phase: 'phase', template: 'weekly group', closure: 'closure' } as const;

/**
 * The director's Program page: a location's tracks, phases, weekly groups (as a week), rooms, closures and
 * scheduling settings. Those with `program.manage` change them; everyone with `program.read` sees them.
 */
export function ProgramPage() {
  const can = useCan();
  const manage = can('program.manage');
  const locations = useLocationOptions();
  const [picked, setPicked] = useState<string | null>(null);
  const locationId = picked ?? locations.options[0]?.value ?? null;
  const program = useProgram(locationId);

  return (
    <>
      <PageHeader
        title="Program"
        description="The structure the schedule is built from: tracks, phases, the weekly groups, rooms and closures."
      />
      <Select
        label="Location"
        data={locations.options}
        value={locationId}
        onChange={(v) => v && setPicked(v)}
        allowDeselect={false}
        maw={360}
        mb="lg"
      />
      {!locationId || program.isPending ? (
        <Loading label="Loading the program" />
      ) : program.isError ? (
        <QueryError what="the program" error={program.error} onRetry={() => void program.refetch()} />
      ) : (
        <ProgramSections key={locationId} program={program.data} manage={manage} />
      )}
    </>
  );
}

function ProgramSections({ program, manage }: { program: ProgramView; manage: boolean }) {
  const locationId = program.location.id;
  const write = useProgramWrite(locationId);
  const today = useClinicToday(locationId);
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const save = (w: ProgramWrite, done: string) =>
    write.mutateAsync(w).then(() => {
      notifications.show({ color: 'green', message: done });
      close();
    });
  /** For actions outside a form (remove, apply defaults): failures as a notification. */
  const act = (w: ProgramWrite, done: string) =>
    write.mutateAsync(w).then(
      () => notifications.show({ color: 'green', message: done }),
      (e: unknown) => notifications.show({ color: 'red', title: 'Not done', message: errorMessage(e) }),
    );
  /** Adds, or saves only the fields the user changed (nothing changed: nothing sent). */
  const edit =
    <T extends { id: string; version: number }>(path: string, item: T | undefined) =>
    async (body: unknown) => {
      if (!item) return save({ method: 'POST', path, body }, 'Added.');
      const next = body as Record<string, unknown>;
      const before = Object.fromEntries(Object.keys(next).map((k) => [k, (item as Record<string, unknown>)[k]]));
      const changes = changedFields(before, next);
      if (Object.keys(changes).length === 0) return close();
      return save({ method: 'PATCH', path: `${path}/${item.id}`, body: changes, version: item.version }, 'Saved.');
    };
  const add = (label: string, next: Editing) =>
    manage && (
      <Button size="compact-md" variant="light" onClick={() => setEditing(next)}>
        {label}
      </Button>
    );
  const editButton = (name: string, next: Editing) =>
    manage && (
      <Button size="compact-sm" variant="default" aria-label={`Edit ${name}`} onClick={() => setEditing(next)}>
        Edit
      </Button>
    );
  const phases = [...program.phases].sort((a, b) => a.number - b.number);
  const nextNumber = (phases.at(-1)?.number ?? 0) + 1;

  return (
    <>
      {phases.length === 0 && (
        <Alert color="blue" variant="light" title="This location has no program yet" mb="lg">
          <Stack gap="xs">
            <Text size="sm">
              The default program has three tapering phases: 12 hours over 4 days, 9 hours over 3 days, then 6 hours over 2 days as
              step-down. You can change them afterwards.
            </Text>
            {manage ? (
              <Button
                w="fit-content"
                loading={write.isPending}
                onClick={() => void act({ method: 'POST', path: '/program/defaults' }, 'The default program was applied.')}
              >
                Apply the default program
              </Button>
            ) : (
              <Text size="sm">Ask your program director to apply the default program.</Text>
            )}
          </Stack>
        </Alert>
      )}
      <Tabs defaultValue="groups" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="groups">Weekly groups</Tabs.Tab>
          <Tabs.Tab value="tracks">Tracks</Tabs.Tab>
          <Tabs.Tab value="phases">Phases</Tabs.Tab>
          <Tabs.Tab value="rooms">Rooms</Tabs.Tab>
          <Tabs.Tab value="closures">Closures</Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="groups">
          <Section title="Weekly groups" action={program.tracks.some((t) => t.active) && add('Add weekly group', { kind: 'template' })}>
            {program.tracks.length === 0 ? (
              <Empty>No tracks yet. Add a track (for example Morning, in person) on the Tracks tab, then its weekly groups here.</Empty>
            ) : program.templates.length === 0 ? (
              <Empty>No weekly groups yet. Add one: choose its track, day, time and room.</Empty>
            ) : null}
            <WeekGrid program={program} {...(manage ? { onEdit: (t: TemplateView) => setEditing({ kind: 'template', item: t }) } : {})} />
          </Section>
        </Tabs.Panel>

        <Tabs.Panel value="tracks">
          <Section title="Tracks" action={add('Add track', { kind: 'track' })}>
            {program.tracks.length === 0 ? (
              <Empty>No tracks yet. A track is a cohort people attend: morning, afternoon, evening or weekend.</Empty>
            ) : (
              <DataTable caption="Tracks" head={['Name', 'Kind', 'Modality', 'Status']}>
                {program.tracks.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td fw={600}>{t.name}</Table.Td>
                    <Table.Td>{kindLabels[t.kind]}</Table.Td>
                    <Table.Td>{modalityLabels[t.modality]}</Table.Td>
                    <Table.Td>
                      <Status active={t.active} />
                    </Table.Td>
                    <Table.Td>{editButton(t.name, { kind: 'track', item: t })}</Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </Section>
        </Tabs.Panel>

        <Tabs.Panel value="phases">
          <Section title="Phases" action={add('Add phase', { kind: 'phase' })}>
            {phases.length > 0 && (
              <DataTable caption="Phases" head={['Phase', 'Weekly hours', 'Days a week', 'Typical weeks', 'Step-down']}>
                {phases.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td fw={600}>
                      {p.number}. {p.name}
                    </Table.Td>
                    <Table.Td>{p.weeklyHours} h</Table.Td>
                    <Table.Td>{p.daysPerWeek}</Table.Td>
                    <Table.Td>{p.typicalWeeks ?? 'Open-ended'}</Table.Td>
                    <Table.Td>{p.stepDown ? 'Yes' : 'No'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {editButton(p.name, { kind: 'phase', item: p })}
                        {manage && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${p.name}`}
                            onClick={() =>
                              void act({ method: 'DELETE', path: `/phases/${p.id}`, version: p.version }, `${p.name} removed.`)
                            }
                          >
                            Remove
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </Section>
        </Tabs.Panel>

        <Tabs.Panel value="rooms">
          <Section title="Rooms" action={add('Add room', { kind: 'room' })}>
            {program.rooms.length === 0 ? (
              <Empty>No rooms yet. In-person groups need a room that holds their capacity.</Empty>
            ) : (
              <DataTable caption="Rooms" head={['Name', 'Holds', 'Status']}>
                {program.rooms.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td fw={600}>{r.name}</Table.Td>
                    <Table.Td>{r.capacity} people</Table.Td>
                    <Table.Td>
                      <Status active={r.active} />
                    </Table.Td>
                    <Table.Td>{editButton(r.name, { kind: 'room', item: r })}</Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </Section>
        </Tabs.Panel>

        <Tabs.Panel value="closures">
          <Section title="Closures in the next year" action={add('Add closure', { kind: 'closure' })}>
            {program.closures.length === 0 ? (
              <Empty>No closures. Add holidays and closed days so no sessions are planned on them.</Empty>
            ) : (
              <DataTable caption="Closures" head={['Date', 'Name', 'Closed at']}>
                {program.closures.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td fw={600}>{formatDate(c.day)}</Table.Td>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td>{c.locationId ? 'This location' : 'Every location'}</Table.Td>
                    <Table.Td>
                      {manage && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${c.name} on ${formatDate(c.day)}`}
                          onClick={() => void act({ method: 'DELETE', path: `/closures/${c.id}` }, `${c.name} removed.`)}
                        >
                          Remove
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </Section>
        </Tabs.Panel>

        <Tabs.Panel value="settings">
          <Section title="Scheduling settings">
            <SettingsForm
              key={program.settings.version}
              settings={program.settings}
              readOnly={!manage}
              submitting={write.isPending}
              onSubmit={(body) =>
                write
                  .mutateAsync({ method: 'PUT', path: '/scheduling-settings', body, version: program.settings.version })
                  .then(() => notifications.show({ color: 'green', message: 'Settings saved.' }))
              }
            />
          </Section>
        </Tabs.Panel>
      </Tabs>

      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing ? `${'item' in editing && editing.item ? 'Edit' : 'New'} ${titles[editing.kind]}` : ''}
        size="lg"
      >
        {editing?.kind === 'track' && (
          <TrackForm
            editing={!!editing.item}
            {...opt('track', editing.item)}
            submitting={write.isPending}
            onCancel={close}
            onSubmit={edit('/tracks', editing.item)}
          />
        )}
        {editing?.kind === 'room' && (
          <RoomForm
            editing={!!editing.item}
            {...opt('room', editing.item)}
            submitting={write.isPending}
            onCancel={close}
            onSubmit={edit('/rooms', editing.item)}
          />
        )}
        {editing?.kind === 'phase' && (
          <PhaseForm
            editing={!!editing.item}
            {...opt('phase', editing.item)}
            nextNumber={nextNumber}
            submitting={write.isPending}
            onCancel={close}
            onSubmit={edit('/phases', editing.item)}
          />
        )}
        {editing?.kind === 'template' && (
          <TemplateForm
            editing={!!editing.item}
            {...opt('template', editing.item)}
            program={program}
            submitting={write.isPending}
            onCancel={close}
            onSubmit={edit('/group-templates', editing.item)}
          />
        )}
        {editing?.kind === 'closure' && (
          <ClosureForm
            editing={false}
            today={today}
            submitting={write.isPending}
            onCancel={close}
            onSubmit={(body) => save({ method: 'POST', path: '/closures', body }, 'Closure added.')}
          />
        )}
      </Modal>
    </>
  );
}

/** `{ track: item }` when editing, nothing when adding (optional props stay absent, not undefined). */
const opt = <K extends string, T>(key: K, item: T | undefined) => (item ? ({ [key]: item } as Record<K, T>) : {});

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

const Empty = ({ children }: { children: ReactNode }) => (
  <Text c="dimmed" size="sm">
    {children}
  </Text>
);

const Status = ({ active }: { active: boolean }) => (
  <Badge color={active ? 'green' : 'gray'} variant="light">
    {active ? 'Active' : 'Retired'}
  </Badge>
);

function DataTable({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <ScrollTable label={caption} minWidth={520}>
      <Table striped verticalSpacing="xs" bg="white">
        <Table.Caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {head.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
