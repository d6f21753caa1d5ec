import {
  type CallEventInbox,
  CallPracticeMismatchError,
  type Clock,
  type Logger,
  type PracticeDirectory,
} from '@crowndesk/domain';
import { describeError } from '../errors';
import { resolvePractice } from '../practice-resolution';
import { RETELL_WEBHOOK_MAX_BODY_BYTES } from './limits';
import { RETELL_SIGNATURE_HEADER, verifyRetellSignature } from './signature';
import { retellCallEvent } from './webhook-call-event';
import { RETELL_CALL_EVENTS, retellWebhookEnvelopeSchema, retellWebhookSchema } from './webhook-payload';

export interface RetellWebhookReceiverDeps {
  /** The Retell API key with the "webhook" badge: the HMAC key of `x-retell-signature`. */
  apiKey: string;
  inbox: CallEventInbox;
  directory: PracticeDirectory;
  logger: Logger;
  clock: Clock;
  /** Default `RETELL_WEBHOOK_MAX_BODY_BYTES`. */
  maxBodyBytes?: number;
  /** Record calls of unknown agents/numbers under `directory.fallback()`, as the call handler does. Default false. */
  allowFallbackPractice?: boolean;
}

export interface RetellWebhookRequest {
  /** The body exactly as received: the signature covers these bytes. */
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export interface RetellWebhookReply {
  status: number;
  body: { ok: boolean; reason?: string };
}

const reply = (status: number, ok: boolean, reason?: string): RetellWebhookReply => ({
  status,
  body: reason === undefined ? { ok } : { ok, reason },
});

/** Event names are logged only when they look like one (they are sender-supplied text). */
const LOGGABLE_EVENT = /^[a-z][a-z0-9_]{0,63}$/;
const HANDLED_EVENTS: ReadonlySet<string> = new Set(RETELL_CALL_EVENTS);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `POST /api/retell/webhook`: Retell's signed post-call webhooks become facts of the practice's call record.
 *
 * In order, each step deciding alone: body size (413) → signature over the raw bytes (401, with nothing read
 * or written) → JSON and schema (400; unknown events 200 and ignored) → practice from the agent, then the
 * practice's number, never metadata (unknown: 202, nothing kept) → `inbox.accept`, one local transaction
 * that dedupes on retell/call/event and merges the record (200 for accepted and for a replay). Nothing else
 * happens before the reply: delivery onwards is an outbox's job. Logs carry ids and codes, never phone
 * numbers or what was said.
 */
export class RetellWebhookReceiver {
  private readonly maxBodyBytes: number;

  constructor(private readonly deps: RetellWebhookReceiverDeps) {
    if (deps.apiKey.length === 0) throw new Error('RetellWebhookReceiver needs the Retell API key that signs webhooks');
    this.maxBodyBytes = deps.maxBodyBytes ?? RETELL_WEBHOOK_MAX_BODY_BYTES;
  }

  async receive(request: RetellWebhookRequest): Promise<RetellWebhookReply> {
    const { logger, clock } = this.deps;
    const receivedAt = clock.now();
    const { rawBody } = request;

    if (rawBody.length > this.maxBodyBytes) {
      logger.warn({ bytes: rawBody.length, limit: this.maxBodyBytes }, 'retell webhook refused: body too large');
      return reply(413, false, 'payload too large');
    }

    const signature = verifyRetellSignature(rawBody, signatureHeader(request.headers), this.deps.apiKey, receivedAt);
    if (!signature.ok) {
      logger.warn({ reason: signature.reason, bytes: rawBody.length }, 'retell webhook refused: signature');
      return reply(401, false, 'invalid signature');
    }

    let json: unknown;
    try {
      json = JSON.parse(utf8.decode(rawBody));
    } catch {
      logger.warn({ bytes: rawBody.length }, 'retell webhook refused: body is not UTF-8 JSON');
      return reply(400, false, 'invalid JSON');
    }
    const envelope = retellWebhookEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      logger.warn({ issues: issuePaths(envelope.error.issues) }, 'retell webhook refused: no event name');
      return reply(400, false, 'invalid payload');
    }
    const eventName = envelope.data.event;
    if (!HANDLED_EVENTS.has(eventName)) {
      logger.info({ event: LOGGABLE_EVENT.test(eventName) ? eventName : 'unrecognised' }, 'retell webhook event ignored');
      return reply(200, true, 'event ignored');
    }
    const parsed = retellWebhookSchema.safeParse(json);
    if (!parsed.success) {
      logger.warn({ event: eventName, issues: issuePaths(parsed.error.issues) }, 'retell webhook refused: invalid payload');
      return reply(400, false, 'invalid payload');
    }
    const payload = parsed.data;
    const { call } = payload;
    const ids = { event: payload.event, callId: call.call_id };

    let practiceId: string;
    try {
      const resolved = await resolvePractice(this.deps.directory, call, this.deps.allowFallbackPractice ?? false);
      if (!resolved) {
        // Authentic (signed with our key) but for no practice we serve: acknowledged so Retell stops retrying
        // something a retry cannot fix, and nothing is kept. Map the agent in the directory to record its calls.
        logger.warn({ ...ids, agentId: call.agent_id, outcome: 'unknown_practice' }, 'retell webhook for an unknown practice: ignored');
        return reply(202, true, 'unknown practice');
      }
      practiceId = resolved.practice.id;
    } catch (error) {
      logger.error({ ...ids, ...describeError(error) }, 'retell webhook failed: practice lookup');
      return reply(500, false, 'temporarily unavailable');
    }

    try {
      const acceptance = await this.deps.inbox.accept(retellCallEvent(payload, practiceId, receivedAt));
      logger.info(
        { ...ids, practiceId, outcome: acceptance, durationMs: clock.now().getTime() - receivedAt.getTime() },
        'retell webhook handled',
      );
      return acceptance === 'accepted' ? reply(200, true) : reply(200, true, 'duplicate');
    } catch (error) {
      if (error instanceof CallPracticeMismatchError) {
        logger.warn(
          { ...ids, practiceId, recordedPracticeId: error.recordedPracticeId, outcome: 'practice_mismatch' },
          'retell webhook refused: call recorded for another practice',
        );
        return reply(409, false, 'call belongs to another practice');
      }
      logger.error({ ...ids, practiceId, ...describeError(error) }, 'retell webhook failed: inbox');
      return reply(500, false, 'temporarily unavailable');
    }
  }
}

/**
 * The signature header, whatever the case of its name. Sent more than once, it is ambiguous and refused as
 * malformed (Node joins repeated custom headers with ", ", which the strict format rejects too).
 */
function signatureHeader(headers: RetellWebhookRequest['headers']): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== RETELL_SIGNATURE_HEADER) continue;
    if (Array.isArray(value)) return value.length === 1 ? value[0] : value.join(', ');
    return value;
  }
  return undefined;
}

/** Where the payload was wrong (paths only: the values may be PHI). */
function issuePaths(issues: readonly { path: readonly PropertyKey[]; code: string }[]): string[] {
  return issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(root)'}:${issue.code}`);
}
