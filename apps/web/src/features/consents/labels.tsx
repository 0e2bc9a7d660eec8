import { Badge } from '@mantine/core';
import {
  consentKindLabels,
  informationCategoryLabels,
  purposeLabel,
  recipientClassLabel,
  type ConsentStatus,
  type DisclosurePurpose,
  type InformationCategory,
  type RecipientClass,
} from '@openiop/core';

export const consentStatusLabels: Record<ConsentStatus, string> = {
  draft: 'Draft',
  signed: 'Signed',
  revoked: 'Revoked',
  expired: 'Expired',
};
const consentStatusColors: Record<ConsentStatus, string> = { draft: 'gray', signed: 'green', revoked: 'red', expired: 'orange' };

export function ConsentStatusBadge({ status }: { status: ConsentStatus }) {
  return (
    <Badge color={consentStatusColors[status]} variant="light" radius="sm">
      {consentStatusLabels[status]}
    </Badge>
  );
}

/** Options for selects and checkbox groups, worded for staff reading them aloud with the patient. */
export const purposeText = (p: DisclosurePurpose): string => {
  const s = purposeLabel(p);
  return s.charAt(0).toUpperCase() + s.slice(1);
};
export const classText = (c: RecipientClass): string => {
  const s = recipientClassLabel(c);
  return s.charAt(0).toUpperCase() + s.slice(1);
};
export const categoryText = (c: InformationCategory): string => informationCategoryLabels[c];
export { consentKindLabels };
