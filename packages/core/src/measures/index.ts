export * from './cadence';
export * from './change';
export * from './checkin';
