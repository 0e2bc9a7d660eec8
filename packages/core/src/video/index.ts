export * from './presence';
export * from './types';
