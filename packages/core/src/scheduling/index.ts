export * from './week';
export * from './greedy';
export * from './model';
