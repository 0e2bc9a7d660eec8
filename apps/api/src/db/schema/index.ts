export * from './organizations';
export * from './auth';
export * from './patients';
export * from './audit';
export * from './consents';
export * from './intake';
export * from './instruments';
export * from './tasks';
