import { z } from 'zod';
import type { CallRecord, Clock, Logger, Practice, PracticeDirectory } from '@crowndesk/domain';
import type { HandlerResponse, InboundRequest } from '../http/inbound-request';
import { headerValue, refuse, respond } from '../http/inbound-request';
import { parseJsonObject, rawBodyMissing } from '../http/json-body';
import { practiceOfAgent } from '../practice-resolution';
import type { ConversationSessions } from '../tools/conversation-sessions';
import type { ElevenLabsCallDetails } from './call-record-mapping';
import { calledNumberOf, callRecordOf } from './call-record-mapping';
import { issuePaths, POST_CALL_TRANSCRIPTION, postCallTranscriptionSchema, webhookEnvelopeSchema } from './post-call-payload';
import { DEFAULT_FUTURE_SKEW_SECONDS, DEFAULT_SIGNATURE_TOLERANCE_SECONDS, SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature';

const fn = <T>(name: string) => z.custom<T>((value) => typeof value === 'function', `${name} must be a function`);

const optionsSchema = z.object({
  /** The webhook's HMAC shared secret, from ElevenLabs' webhook settings. */
  webhookSecret: z.string().min(16, 'the webhook secret must be at least 16 characters'),
  directory: z.custom<PracticeDirectory>((value) => typeof (value as PracticeDirectory | undefined)?.byVoiceAgentId === 'function'),
  /** Durable replay guard: true exactly once per key, across restarts and instances. */
  isFirstDelivery: fn<(key: string) => Promise<boolean>>('isFirstDelivery'),
  /** Receives each finished call once (the gateway records it in the call log). */
  onCallEnded: fn<(record: CallRecord, details: ElevenLabsCallDetails) => Promise<void>>('onCallEnded'),
  /** The tool sessions, to learn what the call booked or changed; optional. */
  sessions: z.custom<ConversationSessions>((value) => typeof (value as ConversationSessions | undefined)?.find === 'function').optional(),
  clock: z.custom<Clock>((value) => typeof (value as Clock | undefined)?.now === 'function'),
  logger: z.custom<Logger>((value) => typeof (value as Logger | undefined)?.info === 'function'),
  toleranceSeconds: z.number().int().positive().default(DEFAULT_SIGNATURE_TOLERANCE_SECONDS),
  futureSkewSeconds: z.number().int().nonnegative().default(DEFAULT_FUTURE_SKEW_SECONDS),
});

export type PostCallWebhookOptions = z.input<typeof optionsSchema>;

/**
 * POST /api/elevenlabs/post-call: ElevenLabs' workspace post-call webhook.
 * Verifies the HMAC over the raw body, then turns each `post_call_transcription` into one CallRecord,
 * once, however often it is delivered. Calls of agents we do not serve are acknowledged and ignored: the
 * webhook is workspace-wide, and refusing them would only get it disabled.
 */
export class PostCallWebhookHandler {
  private readonly options: z.output<typeof optionsSchema>;

  constructor(options: PostCallWebhookOptions) {
    this.options = optionsSchema.parse(options);
  }

  readonly handle = async (request: InboundRequest): Promise<HandlerResponse> => {
    const { logger } = this.options;
    const misconfigured = rawBodyMissing(request);
    if (misconfigured) return misconfigured;

    const signature = verifyWebhookSignature({
      rawBody: request.rawBody,
      header: headerValue(request.headers, SIGNATURE_HEADER),
      secret: this.options.webhookSecret,
      now: this.options.clock.now(),
      toleranceSeconds: this.options.toleranceSeconds,
      futureSkewSeconds: this.options.futureSkewSeconds,
    });
    if (!signature.valid) {
      logger.warn({ reason: signature.reason }, 'elevenlabs webhook refused: bad signature');
      return refuse(401, 'unauthorized', `signature ${signature.reason}`);
    }

    const body = parseJsonObject(request, { emptyAsObject: false });
    if (!body.ok) return body.response;
    const envelope = webhookEnvelopeSchema.safeParse(body.value);
    if (!envelope.success) return refuse(400, 'invalid_payload', 'missing event type');
    if (envelope.data.type !== POST_CALL_TRANSCRIPTION) {
      logger.debug({ type: envelope.data.type }, 'elevenlabs webhook ignored: event type not handled');
      return respond(200, { received: true, processed: false, reason: 'event type not handled' });
    }
    const parsed = postCallTranscriptionSchema.safeParse(body.value);
    if (!parsed.success) {
      const paths = issuePaths(parsed.error);
      logger.warn({ paths }, 'elevenlabs post-call payload rejected');
      return refuse(400, 'invalid_payload', `unexpected post-call payload at ${paths.join(', ')}`);
    }
    const payload = parsed.data;
    const { agent_id: agentId, conversation_id: conversationId } = payload.data;
    const log = { agentId, conversationId };

    let practice: Practice | null;
    try {
      practice = await practiceOfAgent(this.options.directory, agentId, calledNumberOf(payload));
    } catch (error) {
      logger.error({ ...log, errorName: errorName(error) }, 'elevenlabs post-call failed: practice directory error');
      return refuse(503, 'directory_unavailable', 'the practice directory is unavailable; try again');
    }
    if (!practice) {
      logger.warn(log, 'elevenlabs post-call ignored: agent serves no practice');
      return respond(200, { received: true, processed: false, reason: 'agent serves no practice' });
    }

    try {
      if (!(await this.options.isFirstDelivery(`elevenlabs:${POST_CALL_TRANSCRIPTION}:${conversationId}`))) {
        logger.info(log, 'elevenlabs post-call replay ignored');
        return respond(200, { received: true, processed: false, reason: 'duplicate delivery' });
      }
    } catch (error) {
      logger.error({ ...log, errorName: errorName(error) }, 'elevenlabs post-call failed: dedupe store error');
      return refuse(503, 'dedupe_unavailable', 'the delivery log is unavailable; try again');
    }

    const sessions = this.options.sessions;
    const session = sessions?.find(practice.id, conversationId);
    const record = callRecordOf(payload, practice, session);
    const details: ElevenLabsCallDetails = { agentId, durationSeconds: payload.data.metadata.call_duration_secs, sessionFound: session !== undefined };
    try {
      await this.options.onCallEnded(record, details);
    } catch (error) {
      logger.error({ ...log, practiceId: practice.id, errorName: errorName(error) }, 'elevenlabs post-call failed: call record not saved');
      return refuse(500, 'record_failed', 'the call record could not be saved');
    }
    sessions?.end(practice.id, conversationId);
    logger.info(
      { ...log, practiceId: practice.id, outcome: record.outcome, utterances: record.transcript.length, sessionFound: details.sessionFound },
      'elevenlabs call recorded',
    );
    return respond(200, { received: true, processed: true, callId: record.callId });
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
