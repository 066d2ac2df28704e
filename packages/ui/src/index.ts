export * from './Alert';
export * from './Button';
export * from './Field';
