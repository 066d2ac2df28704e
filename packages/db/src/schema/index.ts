export * from './accounts';
export * from './activity';
export * from './forum';
export * from './mail';
export * from './settings';
