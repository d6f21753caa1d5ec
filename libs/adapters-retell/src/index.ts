export { RetellCallHandler, type RetellCallHandlerDeps } from './retell-call-handler';
export { RETELL_LLM_PATH, RETELL_MAX_FRAME_BYTES } from './protocol/limits';
export { matchRetellPath, isValidCallId, type RetellPathMatch } from './protocol/call-path';
export { CLOSE_CODES } from './protocol/close-codes';
export { SPOKEN_LINES } from './spoken-lines';
export * from './protocol/inbound-frames';
export * from './protocol/outbound-frames';
export * from './webhook';
