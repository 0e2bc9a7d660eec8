export * from './icd10';
export * from './problem-list';
export * from './medications';
export * from './relapse-plan';
