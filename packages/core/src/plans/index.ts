export * from './interventions';
export * from './plan-rules';
export * from './review-due';
