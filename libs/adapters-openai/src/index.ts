export { OpenAiLanguageModel } from './openai-language-model';
export type { OpenAiLanguageModelOptions } from './options';
export { OpenAiCompletionError, type CompletionFailureKind } from './completion-error';
