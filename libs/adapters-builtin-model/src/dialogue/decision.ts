import type { ToolArguments, ToolName } from '@crowndesk/domain';
import type { Pending } from './state';

/** A tool call with arguments exactly as the tool contract defines them. */
export type ToolRequest = { [K in ToolName]: { name: K; args: ToolArguments[K] } }[ToolName];

/** What the receptionist does next: say something, maybe call one tool, and what it now waits for. */
export interface Decision {
  say: string[];
  tool?: ToolRequest;
  /** The question awaiting the caller's answer after this; unchanged while a tool runs. */
  pending: Pending;
  /** The task is over without its tool (nothing to change, caller declined): forget it. */
  endTask?: boolean;
}
