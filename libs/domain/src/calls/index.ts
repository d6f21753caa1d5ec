export * from './call-event';
export * from './call-event-inbox';
export * from './call-errors';
export * from './merge-call-facts';
export * from './conversation-call-event';
export * from './inbox-call-log';
export * from './tokens';
