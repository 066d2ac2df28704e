export * from './events';
export * from './i18n';
export * from './locales';
export * from './markdown';
export * from './mentions';
export * from './policies';
export * from './roles';
export * from './slug';
