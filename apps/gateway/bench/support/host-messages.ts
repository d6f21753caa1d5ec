import { z } from 'zod';

/** What a benchmark and its forked gateway host say to each other over the IPC channel. */

/** `gatewayUrl` is ws:// for the Retell benchmark (its socket), http:// for the voice one (webhooks first). */
export function hostMessageSchema(gatewayScheme: 'ws://' | 'http://') {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('ready'), gatewayUrl: z.string().startsWith(gatewayScheme), echoUrl: z.string().startsWith('ws://') }),
    /** Process CPU time (user + system) so far, in microseconds. */
    z.object({ type: z.literal('cpu'), micros: z.number().nonnegative() }),
    /** The gateway's log lines by level over the whole run, and the distinct warning and error messages. */
    z.object({
      type: z.literal('stopped'),
      logLevels: z.record(z.string(), z.number().int().nonnegative()),
      problems: z.array(z.string()),
    }),
  ]);
}
export type HostMessage = z.infer<ReturnType<typeof hostMessageSchema>>;

export const benchCommandSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('cpu') }), z.object({ type: z.literal('stop') })]);
export type BenchCommand = z.infer<typeof benchCommandSchema>;

/** The gateway's environment, passed as the host's only argument (JSON). */
export const hostEnvironmentSchema = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string());
