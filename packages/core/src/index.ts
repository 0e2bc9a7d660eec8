export * from './errors/errors';
export * from './access/roles';
export * from './access/patient-scope';
export * from './contracts/index';
export * from './audit/chain';
export * from './episodes/episode-rules';
export * from './time';
export * from './instruments/index';
