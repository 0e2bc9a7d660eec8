export * from './organizations';
export * from './auth';
export * from './patients';
export * from './audit';
export * from './inquiries';
