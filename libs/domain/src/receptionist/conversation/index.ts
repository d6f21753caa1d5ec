export * from './receptionist-conversation-factory';
export * from './receptionist-conversation';
export * from './outcome';
export * from './greeting';
export * from './system-prompt';
export * from './model-messages';
export * from './dental-emergency';
export * from './call-record';
