import { z } from 'zod';

/** What the voice benchmark and its gateway host say to each other over the IPC channel. */

export const voiceHostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), gatewayUrl: z.string().startsWith('http://'), echoUrl: z.string().startsWith('ws://') }),
  /** Process CPU time (user + system) so far, in microseconds. */
  z.object({ type: z.literal('cpu'), micros: z.number().nonnegative() }),
  /** The gateway's log lines by level over the whole run, and the distinct warning and error messages. */
  z.object({
    type: z.literal('stopped'),
    logLevels: z.record(z.string(), z.number().int().nonnegative()),
    problems: z.array(z.string()),
  }),
]);
export type VoiceHostMessage = z.infer<typeof voiceHostMessageSchema>;

export const voiceHostCommandSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('cpu') }), z.object({ type: z.literal('stop') })]);
export type VoiceHostCommand = z.infer<typeof voiceHostCommandSchema>;

/** The gateway's environment, passed as the host's only argument (JSON). */
export const voiceHostEnvironmentSchema = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string());
