export * from './windows';
export * from './floor';
