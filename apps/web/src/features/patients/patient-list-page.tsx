import { Button, Paper, Text } from '@mantine/core';
import { useSearchParams, Link } from 'react-router';
import { LoadMore } from '../../ui/load-more';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { usePatientList, type PatientFilters as Filters } from './api';
import { PatientFilters } from './patient-filters';
import { PatientResults } from './patient-results';

const FILTER_KEYS = ['q', 'locationId', 'status', 'clinicianId'] as const;

/** Filters live in the URL, so a search can be bookmarked and Back returns to it. */
function useFiltersFromUrl(): [Filters, (next: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    q: params.get('q') ?? '',
    locationId: params.get('locationId') ?? '',
    status: params.get('status') ?? '',
    clinicianId: params.get('clinicianId') ?? '',
  };
  const set = (next: Filters) => {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k].trim()) p.set(k, next[k].trim());
    setParams(p, { replace: true });
  };
  return [filters, set];
}

export function PatientListPage() {
  const can = useCan();
  const [filters, setFilters] = useFiltersFromUrl();
  const list = usePatientList(filters);
  const patients = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtering = FILTER_KEYS.some((k) => filters[k] !== '');

  return (
    <>
      <PageHeader
        title="Patients"
        actions={
          can('patient.create') && (
            <Button component={Link} to="/patients/new">
              New patient
            </Button>
          )
        }
      />
      <PatientFilters value={filters} onChange={setFilters} />
      {list.isPending ? (
        <Loading label="Loading patients" />
      ) : list.isError ? (
        <QueryError what="patients" error={list.error} onRetry={() => void list.refetch()} />
      ) : patients.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={600}>{filtering ? 'No patients match your search.' : 'No patients yet.'}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {filtering
              ? 'Check the spelling, try a date of birth as MM/DD/YYYY, or clear the filters.'
              : 'Patients you can see will be listed here.'}
          </Text>
          {filtering && (
            <Button variant="default" mt="md" onClick={() => setFilters({ q: '', locationId: '', status: '', clinicianId: '' })}>
              Clear search and filters
            </Button>
          )}
        </Paper>
      ) : (
        <div aria-busy={list.isFetching && !list.isFetchingNextPage}>
          <PatientResults patients={patients} />
          <LoadMore
            shown={patients.length}
            noun="patient"
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
          />
        </div>
      )}
    </>
  );
}
