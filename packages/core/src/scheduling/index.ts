export * from './week';
export * from './greedy';
export * from './model';
export * from './explain';
export { assignRooms, requestOptions, type RequestOption } from './slots';
export { classStarts, optionKey } from './session-classes';
