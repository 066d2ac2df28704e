export * from './roles';
export * from './locales';
export * from './slug';
export * from './mentions';
export * from './events';
export * from './policies';
export * from './i18n';
