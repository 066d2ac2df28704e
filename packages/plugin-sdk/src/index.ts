export type { DomainEvent, DomainEventMap, DomainEventType } from '@parvis/domain';
export * from './host';
export * from './plugin';
export * from './slots';
