export type { DomainEvent, DomainEventMap, DomainEventType } from '@parvis/domain';
export * from './errors';
export * from './host';
export * from './plugin';
export * from './slots';
