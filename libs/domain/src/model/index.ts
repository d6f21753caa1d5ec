export * from './practice';
export * from './patient';
export * from './appointment';
export * from './call';
