import { z } from 'zod';
import { MalformedStreamError } from './completion-error';

/**
 * The part of a `chat.completion.chunk` this adapter reads. OpenAI-compatible servers differ at the edges
 * (Azure sends an empty `choices` first, some servers omit `index` or `delta`), so only what we rely on
 * is required; everything else may be absent.
 */
const toolCallFragmentSchema = z.object({
  index: z.number().int().nonnegative().optional(),
  id: z.string().nullish(),
  function: z
    .object({
      name: z.string().nullish(),
      arguments: z.string().nullish(),
    })
    .nullish(),
});

const choiceSchema = z.object({
  delta: z
    .object({
      content: z.string().nullish(),
      tool_calls: z.array(toolCallFragmentSchema).nullish(),
    })
    .nullish(),
  finish_reason: z.string().nullish(),
});

const usageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative().optional(),
  completion_tokens: z.number().int().nonnegative().optional(),
});

const completionChunkSchema = z.object({
  choices: z.array(choiceSchema),
  // Only ever logged: a server's odd usage report must not fail the turn.
  usage: usageSchema.nullish().catch(undefined),
});

export type CompletionChunk = z.infer<typeof completionChunkSchema>;
export type ToolCallFragment = z.infer<typeof toolCallFragmentSchema>;
export type CompletionUsage = z.infer<typeof usageSchema>;

/** Where a chunk broke the schema (paths only: values may hold the caller's words). */
function describeChunkIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`).join('; ');
}

export function parseCompletionChunk(raw: unknown): CompletionChunk {
  const parsed = completionChunkSchema.safeParse(raw);
  if (!parsed.success) {
    throw new MalformedStreamError(`unexpected chunk shape at ${describeChunkIssues(parsed.error)}`);
  }
  return parsed.data;
}
