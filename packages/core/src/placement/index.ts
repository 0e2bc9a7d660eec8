export * from './placement-engine';
export * from './default-rule-set';
export * from './assessment-rules';
