export * from './model';
export * from './ports';
export * from './receptionist';
export * from './receptionist/conversation';
export * from './scheduling';
export * from './receptionist/tools';
