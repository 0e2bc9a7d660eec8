export * from './hmac';
export * from './substances';
export * from './validity';
export * from './selection';
export * from './trend';
