export * from './rules';
export * from './ledger';
export * from './check-in-code';
export * from './make-ups';
