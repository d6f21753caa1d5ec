import { z } from 'zod';
import type { Logger } from '@crowndesk/domain';

/** Tunables of one OpenAI chat model. Defaults suit a live phone turn: short, focused, fast to fail. */
const tunablesSchema = z.object({
  apiKey: z.string().min(1),
  /** An OpenAI-compatible endpoint (OPENAI_BASE_URL), e.g. a local vLLM or Ollama server. */
  baseURL: z.url().optional(),
  model: z.string().min(1).default('gpt-4o-mini'),
  temperature: z.number().min(0).max(2).default(0.2),
  /** A spoken reply is a sentence or two; the cap also bounds a runaway generation. */
  maxTokens: z.number().int().positive().default(300),
  /** Deadline for the whole turn: connecting, first token and the rest of the stream. */
  requestTimeoutMs: z.number().int().positive().default(15_000),
});

export type OpenAiLanguageModelTunables = z.input<typeof tunablesSchema>;

export interface OpenAiLanguageModelOptions extends OpenAiLanguageModelTunables {
  logger: Logger;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
}

export type ResolvedTunables = z.output<typeof tunablesSchema>;

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export function resolveTunables(options: OpenAiLanguageModelTunables): ResolvedTunables {
  const parsed = tunablesSchema.safeParse(options);
  if (!parsed.success) {
    // zod issues name the field and the rule, never the value: the API key cannot leak through here.
    throw new Error(`Invalid OpenAiLanguageModel options: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}
