import type { Address } from '@openiop/core';
import { orNull } from './form';

/**
 * An address as flat form fields. The names are the api's error paths (`address.postalCode`), so a server
 * message lands on the right input. Shared by every form that edits an address (patients, locations).
 */
export type AddressFormValues = {
  'address.line1': string;
  'address.line2': string;
  'address.city': string;
  'address.region': string;
  'address.postalCode': string;
  'address.country': string;
};

export function addressToForm(a: Address | null | undefined): AddressFormValues {
  return {
    'address.line1': a?.line1 ?? '',
    'address.line2': a?.line2 ?? '',
    'address.city': a?.city ?? '',
    'address.region': a?.region ?? '',
    'address.postalCode': a?.postalCode ?? '',
    'address.country': a?.country ?? 'US',
  };
}

export function addressFromForm(v: AddressFormValues) {
  return {
    line1: v['address.line1'],
    line2: orNull(v['address.line2']),
    city: v['address.city'],
    region: v['address.region'],
    postalCode: v['address.postalCode'],
    country: v['address.country'].trim().toUpperCase() || 'US',
  };
}

/** Nothing typed in any address line (the country defaults, so it does not count). */
export const addressIsBlank = (v: AddressFormValues): boolean =>
  [v['address.line1'], v['address.line2'], v['address.city'], v['address.region'], v['address.postalCode']].every((s) => s.trim() === '');
