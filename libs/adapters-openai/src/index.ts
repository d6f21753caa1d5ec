export { OpenAiLanguageModel } from './openai-language-model';
export type { OpenAiLanguageModelOptions } from './options';
export { OpenAiCompletionError, type CompletionFailureKind } from './completion-error';
export { OpenAiRealtimeRecognizer } from './realtime/openai-realtime-recognizer';
export {
  DENTAL_RECEPTIONIST_PROMPT,
  type OpenAiRealtimeRecognizerOptions,
  type OpenAiRealtimeRecognizerTunables,
} from './realtime/options';
