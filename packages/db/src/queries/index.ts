export * from './accounts';
export * from './forum';
export * from './rate-limits';
