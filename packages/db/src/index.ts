export * from './connection';
export * from './events';
export * from './queries/index';
export * as schema from './schema/index';
export * from './schema/index';
