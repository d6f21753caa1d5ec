// Test doubles and helpers shared by the adapters' and the gateway's tests. Never imported by production code
// (lint-enforced): only test/**, *.test.ts and bench/** may use it.
export * from './logging/recording-logger';
export * from './logging/silent-logger';
export * from './time/manual-clock';
export * from './async/gate';
export * from './conversation/scripted-conversation';
export * from './practice/minimal-practice';
export * from './practice/fake-practice-directory';
export * from './audio/mulaw';
export * from './http/third-party-http-mock';
export * from './net/loopback';
export * from './net/websocket-upgrade-host';
export * from './process/tsx-worker';
export * from './outbox/outbox-test-backend';
export * from './outbox/http-outbox-delivery';
export * from './outbox/outbox-fixtures';
export * from './outbox/outbox-worker-process';
export * from './postgres/throwaway-cluster';
