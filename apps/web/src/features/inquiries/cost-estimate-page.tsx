import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatCents } from '@openiop/core';
import { useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCostEstimate } from './api';
import './cost-estimate.module.css';

/** A print-friendly estimate for the person: the total, every step of the arithmetic, and the plan if any. */
export function CostEstimatePage() {
  const { inquiryId = '' } = useParams();
  const q = useCostEstimate(inquiryId);
  if (q.isPending) return <Loading label="Computing the estimate" />;
  if (q.isError) return <QueryError error={q.error} what="the cost estimate" onRetry={() => void q.refetch()} />;
  const e = q.data;
  return (
    <Stack maw={760} className="print-page">
      <PageHeader
        title="Cost estimate"
        back={{ to: `/admissions/${inquiryId}`, label: 'Inquiry' }}
        actions={
          <Button onClick={() => window.print()} variant="default">
            Print
          </Button>
        }
      />
      <Text>
        For <strong>{e.personName}</strong> from {e.organizationName} · prepared {formatDateTime(e.computedAt)}
      </Text>
      <Text>{e.kind === 'insurance' ? `Insurance: ${e.payerName ?? ''}` : 'Self-pay'}</Text>
      <Title order={2} size="h3">
        You would pay about {formatCents(e.personPaysCents)}
      </Title>
      <Text>
        {e.days} program days{e.kind === 'insurance' ? `; the plan would pay about ${formatCents(e.planPaysCents)}` : ''}.
      </Text>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>How it is worked out</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.lines.map((l) => (
            <Table.Tr key={l.label}>
              <Table.Td>{l.label}</Table.Td>
              <Table.Td>{l.working}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatCents(l.amountCents)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td colSpan={2} fw={700}>
              Your estimated total
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }} fw={700}>
              {formatCents(e.personPaysCents)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {e.paymentPlan && (
        <>
          <Title order={2} size="h4">
            Payment plan
          </Title>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Payment</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.paymentPlan.map((p) => (
                <Table.Tr key={p.number}>
                  <Table.Td>{p.number}</Table.Td>
                  <Table.Td>{formatDate(p.dueOn)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatCents(p.amountCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Stack gap={4} component="ul">
        {e.notes.map((n) => (
          <Text key={n} component="li" size="sm">
            {n}
          </Text>
        ))}
      </Stack>
      <Group className="no-print">
        <Text size="sm" c="dimmed">
          Use your browser’s print dialog to print or save as PDF.
        </Text>
      </Group>
    </Stack>
  );
}
