import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  List,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { addDays, clockText, mondayOf, type MoveCheckView, type ScheduleOccurrenceView, type ScheduleWeekView } from '@openiop/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { ScrollTable } from '../../ui/scroll-table';
import { useCan, useMe } from '../auth/session';
import { useClinicToday, useLocationOptions } from '../reference/api';
import { useCheckMove, useMoveOccurrence, usePublishWeek, useRemoveAttendee, useScheduleWeek, useSolve, useStartSolve } from './api';
import classes from './schedule.module.css';
import { NoteLink } from '../notes/note-link';
import { AddSessionButton } from './add-session';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
/** The calendar's visible hours: 07:00 to 22:00. */
const FIRST = 7 * 60;
const LAST = 22 * 60;
const PX_PER_MIN = 0.9;
const fromClock = (v: string): number | null => {
  const m = /^(\d{2}):(\d{2})$/.exec(v);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};
const hours = (h: number) => `${Number(h.toFixed(2))} h`;

/**
 * Side-by-side lanes for sessions that overlap: each session's lane and how many lanes its cluster of overlapping
 * sessions needs (sessions that overlap nothing keep the whole width).
 */
function lanesOf(items: ScheduleOccurrenceView[]): Map<ScheduleOccurrenceView, { lane: number; of: number }> {
  const out = new Map<ScheduleOccurrenceView, { lane: number; of: number }>();
  let cluster: ScheduleOccurrenceView[] = [];
  let ends: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const o of cluster) out.set(o, { lane: out.get(o)?.lane ?? 0, of: Math.max(1, ends.length) });
    cluster = [];
    ends = [];
  };
  for (const o of [...items].sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute)) {
    if (o.startMinute >= clusterEnd) close();
    let i = ends.findIndex((end) => end <= o.startMinute);
    if (i === -1) i = ends.push(0) - 1;
    ends[i] = o.endMinute;
    clusterEnd = Math.max(clusterEnd, o.endMinute);
    out.set(o, { lane: i, of: 1 });
    cluster.push(o);
  }
  close();
  return out;
}

type Filter = { kind: 'all' } | { kind: 'staff' | 'room' | 'person'; id: string };

/**
 * The week's calendar for a location (issue 5): the program's groups as the optimiser placed people in them, the
 * people and their hours against their floor with explanations, problems the week holds, planning with progress,
 * moving a session by dragging or by the keyboard with the api's live check, and publishing.
 */
export function SchedulePage() {
  const can = useCan();
  const me = useMe();
  const locations = useLocationOptions();
  // The location and week live in the address, so a reload or a shared link shows the same week.
  const [params, setParams] = useSearchParams();
  const chosen = params.get('location');
  const locationId =
    chosen ?? locations.options.find((o) => me.user.locationIds.includes(o.value))?.value ?? locations.options[0]?.value ?? null;
  const today = useClinicToday(locationId);
  const asked = params.get('week');
  const weekStart = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? mondayOf(asked) : mondayOf(today);
  const go = (next: { location?: string | null; week?: string | null }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  const week = useScheduleWeek(locationId, weekStart);
  const [filter, setFilter] = useState<Filter>({ kind: 'all' });
  const [open, setOpen] = useState<string | null>(null);

  return (
    <>
      <PageHeader title="Schedule" />
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select
          label="Location"
          data={locations.options}
          value={locationId}
          onChange={(v) => {
            go({ location: v });
            setFilter({ kind: 'all' });
          }}
          allowDeselect={false}
          w={220}
        />
        <Group gap="xs" align="flex-end">
          <Button variant="default" onClick={() => go({ week: addDays(weekStart, -7) })}>
            Previous week
          </Button>
          <Button variant="default" onClick={() => go({ week: null })} disabled={weekStart === mondayOf(today)}>
            This week
          </Button>
          <Button variant="default" onClick={() => go({ week: addDays(weekStart, 7) })}>
            Next week
          </Button>
        </Group>
        <Text fw={600} aria-live="polite">
          Week of {formatDate(weekStart)}
        </Text>
      </Group>
      {!locationId ? (
        <Text c="dimmed">No location to show.</Text>
      ) : week.isPending ? (
        <Loading label="Loading the week" />
      ) : week.isError ? (
        <QueryError what="the week" error={week.error} onRetry={() => void week.refetch()} />
      ) : (
        <WeekBody
          week={week.data.data}
          etag={week.data.etag}
          canPlan={can('schedule.plan')}
          canMove={can('schedule.move')}
          filter={filter}
          setFilter={setFilter}
          onOpen={setOpen}
          refetch={() => void week.refetch()}
        />
      )}
      {week.data && (
        <OccurrenceDrawer
          week={week.data.data}
          etag={week.data.etag}
          occurrenceId={open}
          canMove={can('schedule.move')}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}

function statusBadge(w: ScheduleWeekView) {
  if (w.status === 'published') return <Badge color="green">Published</Badge>;
  if (w.status === 'draft') return <Badge color="yellow">Draft</Badge>;
  return <Badge color="gray">Not planned</Badge>;
}

function WeekBody(props: {
  week: ScheduleWeekView;
  etag: string | null;
  canPlan: boolean;
  canMove: boolean;
  filter: Filter;
  setFilter: (f: Filter) => void;
  onOpen: (id: string | null) => void;
  refetch: () => void;
}) {
  const w = props.week;
  const hard = w.problems.filter((p) => p.severity === 'hard');
  const short = w.people.filter((p) => p.scheduledHours < p.floorHours);
  const shown = w.occurrences.filter((o) => {
    const f = props.filter;
    if (f.kind === 'staff') return o.staff.id === f.id;
    if (f.kind === 'room') return o.room?.id === f.id;
    if (f.kind === 'person') return o.attendees.some((a) => a.patientId === f.id);
    return true;
  });
  const staff = [...new Map(w.occurrences.map((o) => [o.staff.id, o.staff.name])).entries()];
  const rooms = [...new Map(w.occurrences.flatMap((o) => (o.room ? [[o.room.id, o.room.name] as const] : []))).entries()];
  const filterValue = props.filter.kind === 'all' ? 'all' : `${props.filter.kind}:${props.filter.id}`;
  return (
    <Stack gap="md">
      <Group wrap="wrap" align="flex-end">
        {statusBadge(w)}
        <Text size="sm" role="status">
          {w.occurrences.length} sessions · {w.people.length} people · {w.people.length - short.length} at their hours
          {hard.length ? ` · ${hard.length} problems` : ''}
        </Text>
        {props.canPlan && <PlanControls week={w} etag={props.etag} refetch={props.refetch} blocked={hard.length > 0} />}
        {props.canMove && <AddSessionButton week={w} etag={props.etag} />}
      </Group>
      <Select
        label="Show the calendar of"
        data={[
          { group: 'Location', items: [{ value: 'all', label: `Everyone at ${w.locationName}` }] },
          { group: 'Staff', items: staff.map(([id, name]) => ({ value: `staff:${id}`, label: name })) },
          { group: 'Rooms', items: rooms.map(([id, name]) => ({ value: `room:${id}`, label: name })) },
          { group: 'People', items: w.people.map((p) => ({ value: `person:${p.patientId}`, label: p.name })) },
        ]}
        value={filterValue}
        onChange={(v) => {
          if (!v || v === 'all') return props.setFilter({ kind: 'all' });
          const [kind, id] = v.split(':') as ['staff' | 'room' | 'person', string];
          props.setFilter({ kind, id });
        }}
        searchable
        allowDeselect={false}
        maw={360}
      />
      {w.closures.length > 0 && (
        <Alert color="blue" variant="light" title="Closed this week">
          {w.closures.map((c) => `${formatDate(c.day)}: ${c.name}`).join(' · ')}
        </Alert>
      )}
      {hard.length > 0 && (
        <Alert color="red" title="This week breaks a hard limit and cannot be published">
          <List size="sm">
            {hard.map((p) => (
              <List.Item key={p.message}>{p.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <WeekGrid week={w} etag={props.etag} occurrences={shown} canMove={props.canMove && w.id !== null} onOpen={props.onOpen} />
      <PeopleTable week={w} />
    </Stack>
  );
}

function PlanControls(props: { week: ScheduleWeekView; etag: string | null; refetch: () => void; blocked: boolean }) {
  const w = props.week;
  const start = useStartSolve(w.locationId, w.weekStart);
  const publish = usePublishWeek(w.locationId, w.weekStart);
  const [solveId, setSolveId] = useState<string | null>(w.solve?.status === 'running' ? w.solve.id : null);
  const solve = useSolve(solveId);
  const running = solveId !== null && (solve.data?.status ?? 'running') === 'running';
  const finished = useRef<string | null>(null);
  useEffect(() => {
    if (!solve.data || solve.data.status === 'running' || finished.current === solve.data.id) return;
    finished.current = solve.data.id;
    if (solve.data.status === 'done')
      notifications.show({
        color: 'green',
        message: `Planned: ${solve.data.result?.meetingFloor ?? 0} of ${solve.data.result?.people ?? 0} people reach their hours (${solve.data.result?.status ?? ''}).`,
      });
    else notifications.show({ color: 'red', message: solve.data.error ?? 'The planner failed.' });
    setSolveId(null);
    props.refetch();
  }, [solve.data, props]);
  return (
    <Group gap="sm" align="center" wrap="wrap">
      <Button
        onClick={() =>
          start.mutate(undefined, {
            onSuccess: (s) => setSolveId(s.id),
            onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
          })
        }
        loading={start.isPending}
        disabled={running}
      >
        {w.status === 'not_planned' ? 'Plan this week' : 'Re-plan this week'}
      </Button>
      {w.status === 'draft' && (
        <Button
          variant="light"
          color="green"
          disabled={running || props.blocked}
          loading={publish.isPending}
          onClick={() =>
            publish.mutate(props.etag, {
              onSuccess: () => notifications.show({ color: 'green', message: 'Published. The sessions and rosters are now the schedule.' }),
              onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
            })
          }
        >
          Publish week
        </Button>
      )}
      {running && (
        <Stack gap={2} w={260}>
          <Progress value={solve.data?.progress.percent ?? 0} animated aria-label="Planning progress" />
          <Text size="xs" role="status" aria-live="polite">
            {solve.data?.progress.stage ?? 'Starting'} ({solve.data?.progress.percent ?? 0}%)
          </Text>
        </Stack>
      )}
    </Group>
  );
}

/** Days as columns on a wide screen (drop a session on a column to move it there), one day at a time on a phone. */
function WeekGrid(props: {
  week: ScheduleWeekView;
  etag: string | null;
  occurrences: ScheduleOccurrenceView[];
  canMove: boolean;
  onOpen: (id: string | null) => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  const [day, setDay] = useState('0');
  const days = phone ? [Number(day)] : [0, 1, 2, 3, 4, 5, 6];
  const move = useMoveOccurrence(props.week.locationId, props.week.weekStart);
  const check = useCheckMove();
  const [drag, setDrag] = useState<{ id: string; length: number } | null>(null);
  const [verdict, setVerdict] = useState<{ text: string; ok: boolean } | null>(null);
  const lastProbe = useRef('');

  const target = (e: React.DragEvent<HTMLElement>, weekday: number) => {
    const box = e.currentTarget.getBoundingClientRect();
    const minute = FIRST + Math.round((e.clientY - box.top) / PX_PER_MIN / 30) * 30;
    const start = Math.max(FIRST, Math.min(minute, LAST - (drag?.length ?? 60)));
    return { day: addDays(props.week.weekStart, weekday), startMinute: start };
  };
  const probe = (e: React.DragEvent<HTMLElement>, weekday: number) => {
    if (!drag) return;
    e.preventDefault();
    const to = target(e, weekday);
    const key = `${drag.id}|${to.day}|${to.startMinute}`;
    if (key === lastProbe.current) return;
    lastProbe.current = key;
    check.mutate(
      { occurrenceId: drag.id, move: to },
      {
        onSuccess: (r: MoveCheckView) =>
          lastProbe.current === key &&
          setVerdict(
            r.ok
              ? { ok: true, text: `${DAYS[weekday]} ${clockText(to.startMinute)}: fits` }
              : { ok: false, text: `${DAYS[weekday]} ${clockText(to.startMinute)}: ${r.problems.map((p) => p.message).join('; ')}` },
          ),
      },
    );
  };
  const drop = async (e: React.DragEvent<HTMLElement>, weekday: number) => {
    e.preventDefault();
    if (!drag) return;
    const to = target(e, weekday);
    const id = drag.id;
    setDrag(null);
    lastProbe.current = '';
    // Checked first (the live check may not have answered for this spot yet): a refusal keeps its reasons on
    // screen and saves nothing.
    const verdictOf = await check.mutateAsync({ occurrenceId: id, move: to }).catch(() => null);
    const when = `${DAYS[weekday]} ${clockText(to.startMinute)}`;
    if (verdictOf && !verdictOf.ok) {
      setVerdict({ ok: false, text: `Not moved to ${when}: ${verdictOf.problems.map((p) => p.message).join('; ')}` });
      return;
    }
    move.mutate(
      { occurrenceId: id, move: to, etag: props.etag },
      {
        onSuccess: () => {
          setVerdict(null);
          notifications.show({ color: 'green', message: `Moved to ${when}.` });
        },
        onError: (err) => setVerdict({ ok: false, text: `Not moved: ${errorMessage(err)}` }),
      },
    );
  };

  return (
    <Stack gap="xs">
      {phone && (
        <SegmentedControl
          value={day}
          onChange={setDay}
          data={DAYS.map((d, i) => ({ value: String(i), label: d.slice(0, 3) }))}
          aria-label="Day"
          fullWidth
        />
      )}
      {verdict && (
        <Alert
          color={verdict.ok ? 'green' : 'red'}
          variant="light"
          role="alert"
          withCloseButton
          onClose={() => setVerdict(null)}
          closeButtonLabel="Dismiss"
        >
          {verdict.text}
        </Alert>
      )}
      <div className={classes.grid} style={{ gridTemplateColumns: `3.5rem repeat(${days.length}, minmax(0, 1fr))` }}>
        <div className={classes.hours} aria-hidden style={{ height: (LAST - FIRST) * PX_PER_MIN }}>
          {Array.from({ length: (LAST - FIRST) / 60 + 1 }, (_, i) => (
            <span key={i} style={{ top: i * 60 * PX_PER_MIN }}>
              {clockText(FIRST + i * 60)}
            </span>
          ))}
        </div>
        {days.map((d) => {
          const date = addDays(props.week.weekStart, d);
          const items = props.occurrences.filter((o) => o.weekday === d);
          const lanes = lanesOf(items);
          return (
            <section key={d} aria-label={`${DAYS[d]} ${formatDate(date)}`} className={classes.column}>
              <Text size="sm" fw={600} ta="center" className={classes.dayHead}>
                {DAYS[d]}{' '}
                <Text span size="xs" c="dimmed">
                  {formatDate(date)}
                </Text>
              </Text>
              <div
                className={classes.dayBody}
                style={{ height: (LAST - FIRST) * PX_PER_MIN }}
                data-testid={`day-${d}`}
                onDragOver={(e) => probe(e, d)}
                onDrop={(e) => void drop(e, d)}
              >
                {items.map((o) => (
                  <button
                    key={o.id ?? `${o.templateId}-${o.day}`}
                    type="button"
                    className={classes.session}
                    data-kind={o.kind}
                    style={{
                      top: (Math.max(o.startMinute, FIRST) - FIRST) * PX_PER_MIN,
                      height: Math.max(28, (o.endMinute - o.startMinute) * PX_PER_MIN),
                      left: `calc(${((lanes.get(o)?.lane ?? 0) * 100) / (lanes.get(o)?.of ?? 1)}% + 2px)`,
                      width: `calc(${100 / (lanes.get(o)?.of ?? 1)}% - 4px)`,
                    }}
                    draggable={props.canMove && o.id !== null}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', o.id ?? '');
                      setDrag({ id: o.id ?? '', length: o.endMinute - o.startMinute });
                      lastProbe.current = '';
                    }}
                    onDragEnd={() => setDrag(null)}
                    onClick={() => props.onOpen(o.id)}
                    disabled={o.id === null}
                    aria-label={`${o.title}, ${DAYS[d]} ${clockText(o.startMinute)} to ${clockText(o.endMinute)}, ${o.attendees.length} of ${o.capacity} places, ${o.staff.name}${o.room ? `, ${o.room.name}` : ', video'}`}
                  >
                    <span className={classes.time}>
                      {clockText(o.startMinute)}–{clockText(o.endMinute)}
                    </span>
                    <span className={classes.title}>{o.title}</span>
                    <span className={classes.meta}>
                      {o.track?.name ?? KIND_LABELS[o.kind]} · {o.room?.name ?? (o.kind === 'drug_test' ? 'Collection' : 'Video')}
                      {o.kind === 'drug_test' ? '' : ` · ${o.attendees.length}/${o.capacity}`}
                    </span>
                    <span className={classes.meta}>{o.staff.name}</span>
                  </button>
                ))}
              </div>
            </section>
          );
        })}
      </div>
      {props.week.id === null && (
        <Text size="sm" c="dimmed">
          These are the program's weekly groups. Plan the week to place people in them.
        </Text>
      )}
    </Stack>
  );
}

/** What the grid calls a session that belongs to no track. */
const KIND_LABELS: Record<ScheduleOccurrenceView['kind'], string> = {
  group: 'Group',
  individual: 'Individual',
  family: 'Family',
  drug_test: 'Drug test',
};

function PeopleTable({ week }: { week: ScheduleWeekView }) {
  if (!week.people.length) return <Text c="dimmed">Nobody is active at this location.</Text>;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        People this week
      </Title>
      <ScrollTable label="People this week" minWidth={680}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Level · phase</Table.Th>
              <Table.Th>Scheduled</Table.Th>
              <Table.Th>Needs</Table.Th>
              <Table.Th>What holds them back</Table.Th>
              <Table.Th>Authorization</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {week.people.map((p) => (
              <Table.Tr key={p.patientId}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>
                  {p.levelOfCare}
                  {p.phase ? ` · ${p.phase}` : ''}
                </Table.Td>
                <Table.Td>
                  <Badge
                    color={p.scheduledHours >= p.floorHours ? 'green' : week.status === 'not_planned' ? 'gray' : 'red'}
                    variant="light"
                  >
                    {hours(p.scheduledHours)}
                  </Badge>
                </Table.Td>
                <Table.Td>{hours(p.floorHours)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {p.explanation ?? (p.scheduledHours >= p.floorHours ? '—' : `Available ${hours(p.availableHours)} a week`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {p.authorizationWarnings.length === 0 ? (
                    <Text size="sm">—</Text>
                  ) : (
                    <Stack gap={2}>
                      {p.authorizationWarnings.map((w) => (
                        <Badge
                          key={w.message}
                          color="orange"
                          variant="light"
                          style={{ textTransform: 'none', whiteSpace: 'normal', height: 'auto' }}
                        >
                          {w.message}
                        </Badge>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Paper>
  );
}

/** A session's roster and the keyboard way to move it: day, start, room and staff, checked live before saving. */
function OccurrenceDrawer(props: {
  week: ScheduleWeekView;
  etag: string | null;
  occurrenceId: string | null;
  canMove: boolean;
  onClose: () => void;
}) {
  const o = props.occurrenceId ? (props.week.occurrences.find((x) => x.id === props.occurrenceId) ?? null) : null;
  return (
    <Drawer opened={o !== null} onClose={props.onClose} title={o ? o.title : ''} position="right" size="md">
      {o && <OccurrenceDetail key={o.id} week={props.week} etag={props.etag} o={o} canMove={props.canMove} />}
    </Drawer>
  );
}

function OccurrenceDetail(props: { week: ScheduleWeekView; etag: string | null; o: ScheduleOccurrenceView; canMove: boolean }) {
  const { o, week } = props;
  const [day, setDay] = useState(o.day);
  const [start, setStart] = useState(clockText(o.startMinute));
  const [roomId, setRoomId] = useState<string | null>(o.room?.id ?? null);
  const [acceptShort, setAcceptShort] = useState(false);
  const check = useCheckMove();
  const move = useMoveOccurrence(week.locationId, week.weekStart);
  const remove = useRemoveAttendee(week.locationId, week.weekStart);
  const startMinute = fromClock(start);
  const changed = day !== o.day || startMinute !== o.startMinute || roomId !== (o.room?.id ?? null);
  const rooms = useMemo(
    () =>
      [...new Map(week.occurrences.flatMap((x) => (x.room ? [[x.room.id, x.room.name] as const] : []))).entries()].map(
        ([value, label]) => ({ value, label }),
      ),
    [week.occurrences],
  );
  const { mutate: runCheck } = check;
  useEffect(() => {
    if (!changed || startMinute === null || !o.id) return;
    const timer = setTimeout(() => runCheck({ occurrenceId: o.id as string, move: { day, startMinute, roomId } }), 250);
    return () => clearTimeout(timer);
  }, [changed, day, startMinute, roomId, o.id, runCheck]);
  const problems = changed ? (check.data?.problems ?? []) : [];
  const warnings = changed ? (check.data?.warnings ?? []) : [];
  const hard = problems.some((p) => p.severity === 'hard');
  const floorOnly = problems.length > 0 && !hard;

  return (
    <Stack>
      <Text size="sm">
        {DAYS[o.weekday]} {formatDate(o.day)}, {clockText(o.startMinute)}–{clockText(o.endMinute)} · {o.room?.name ?? 'Video'} ·{' '}
        {o.staff.name}
      </Text>
      <NoteLink occurrenceId={o.id} kind={o.kind} />
      {o.id && o.status === 'scheduled' && (
        <Anchor component={Link} to={`/sessions/${o.id}`} size="sm">
          Open the run sheet
        </Anchor>
      )}
      <Title order={3} size="h5">
        Roster ({o.attendees.length} of {o.capacity})
      </Title>
      {o.attendees.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody yet.
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {o.attendees.map((a, i) => (
            <List.Item key={a.patientId ?? `hidden-${i}`}>
              <Group gap="xs" wrap="nowrap">
                <span>{a.name}</span>
                {a.patientId &&
                  (week.people.find((p) => p.patientId === a.patientId)?.authorizationWarnings ?? []).map((w) => (
                    <Badge key={w.message} size="xs" color="orange" variant="light" style={{ textTransform: 'none' }}>
                      {w.message}
                    </Badge>
                  ))}
                {a.source === 'manual' && (
                  <Badge size="xs" variant="light">
                    by hand
                  </Badge>
                )}
                {props.canMove && a.patientId && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Take ${a.name} out of this session`}
                    onClick={() =>
                      remove.mutate(
                        { occurrenceId: o.id as string, patientId: a.patientId as string, etag: props.etag },
                        { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
                      )
                    }
                  >
                    Remove
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {props.canMove && o.id && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (startMinute === null) return;
            move.mutate(
              { occurrenceId: o.id as string, move: { day, startMinute, roomId, allowBelowFloor: acceptShort }, etag: props.etag },
              {
                onSuccess: () => notifications.show({ color: 'green', message: 'Session moved.' }),
              },
            );
          }}
        >
          <Stack gap="sm">
            <Title order={3} size="h5">
              Move this session
            </Title>
            <SimpleGrid cols={2}>
              <Select
                label="Day"
                data={DAYS.map((d, i) => ({ value: addDays(week.weekStart, i), label: d }))}
                value={day}
                onChange={(v) => v && setDay(v)}
                allowDeselect={false}
              />
              <TextInput label="Starts at" type="time" step={300} value={start} onChange={(e) => setStart(e.currentTarget.value)} />
            </SimpleGrid>
            {o.modality === 'in_person' && <Select label="Room" data={rooms} value={roomId} onChange={setRoomId} allowDeselect={false} />}
            {changed && check.isPending && (
              <Text size="sm" c="dimmed" role="status">
                Checking…
              </Text>
            )}
            {changed && check.data && (
              <Alert color={problems.length === 0 ? 'green' : hard ? 'red' : 'yellow'} variant="light" role="status">
                {problems.length === 0
                  ? 'This move fits: nobody is double-booked and every limit holds.'
                  : problems.map((p) => p.message).join('; ')}
              </Alert>
            )}
            {changed && warnings.length > 0 && (
              <Alert color="orange" variant="light" role="status" title="Authorization">
                {warnings.map((w) => w.message).join('; ')}. You can still save the move.
              </Alert>
            )}
            {floorOnly && (
              <Checkbox
                label="Move anyway: someone falls below their weekly hours"
                checked={acceptShort}
                onChange={(e) => setAcceptShort(e.currentTarget.checked)}
              />
            )}
            {move.isError && (
              <Alert color="red" role="alert">
                {errorMessage(move.error)}
              </Alert>
            )}
            <Button
              type="submit"
              disabled={!changed || hard || (floorOnly && !acceptShort) || startMinute === null}
              loading={move.isPending}
            >
              Save move
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
