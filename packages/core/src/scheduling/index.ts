export * from './week';
export * from './greedy';
export * from './model';
export * from './explain';
export { assignRooms, requestOptions, type RequestOption } from './slots';
