import type { ModelToolCall } from '../ports';
import type { CallSession } from './call-session';
import type { ToolResult } from './tool-contract';

/** What running a tool did: the result for the model, and any effect on the call itself. */
export interface ToolExecution {
  result: ToolResult;
  /** JSON of `result`, as given back to the model and to the transport's transcript. */
  content: string;
  effect?: { type: 'transfer'; number: string; reason: 'staff' | 'emergency' } | { type: 'end_call' };
}

/** Runs the receptionist's tools for one call session. Never throws for bad model input: it returns ok:false. */
export interface ToolRunner {
  run(session: CallSession, call: ModelToolCall, signal: AbortSignal): Promise<ToolExecution>;
}
