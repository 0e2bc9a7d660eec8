export * from './zoned';
export * from './rrule';
export * from './ics';
export * from './reminders';
