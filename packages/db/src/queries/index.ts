export * from './accounts';
export * from './forum';
export * from './prepared';
export * from './rate-limits';
export * from './settings';
