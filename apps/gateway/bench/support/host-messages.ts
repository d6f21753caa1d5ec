import { z } from 'zod';

/** What the benchmark and its server host say to each other over the IPC channel. */

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), gatewayUrl: z.string().startsWith('ws://'), echoUrl: z.string().startsWith('ws://') }),
  /** Process CPU time (user + system) so far, in microseconds. */
  z.object({ type: z.literal('cpu'), micros: z.number().nonnegative() }),
  /** The gateway's log lines by level over the whole run, and the distinct warning and error messages. */
  z.object({
    type: z.literal('stopped'),
    logLevels: z.record(z.string(), z.number().int().nonnegative()),
    problems: z.array(z.string()),
  }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

export const benchCommandSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('cpu') }), z.object({ type: z.literal('stop') })]);
export type BenchCommand = z.infer<typeof benchCommandSchema>;
