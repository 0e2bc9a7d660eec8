export * from './templates';
export * from './leak-check';
export * from './note-rules';
