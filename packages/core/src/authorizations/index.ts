export * from './authorizations';
