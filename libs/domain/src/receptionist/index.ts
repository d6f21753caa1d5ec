export * from './tool-contract';
export * from './conversation-output';
export * from './call-session';
export * from './tool-runner';
export * from './conversation';
