export * from './consent-templates';
export * from './consent-rules';
export * from './redisclosure-notice';
export * from './signature-image';
