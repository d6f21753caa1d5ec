export * from './receptionist-tool-runner';
export * from './tool-definitions';
export * from './transfer-target';
export * from './practice-info';
