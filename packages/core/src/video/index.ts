export * from './ice-servers';
export * from './presence';
export * from './types';
