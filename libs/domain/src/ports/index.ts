export * from './tokens';
export * from './practice-directory';
export * from './scheduling-backend';
export * from './call-log';
export * from './clock';
export * from './logger';
export * from './language-model';
export * from './speech';
