export * from './common';
export * from './patients';
export * from './episodes';
export * from './admin';
export * from './auth';
export * from './inquiries';
export * from './inquiry-coverage';
