export * from './week';
export * from './greedy';
