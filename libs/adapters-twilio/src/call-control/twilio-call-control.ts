import type { CallControl, Logger } from '@crowndesk/domain';
import twilio from 'twilio';
import { z } from 'zod';
import { describeError } from '../errors';

const optionsSchema = z.object({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  authToken: z.string().min(1),
  /** Per-request timeout of the REST API, ms. */
  timeoutMs: z.number().int().min(500).max(30_000).default(8_000),
});

export type TwilioCallControlOptions = z.input<typeof optionsSchema> & { logger: Logger };

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'expected a Twilio call sid');
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number');

/** Twilio's "resource not found": the call is already over. */
const CALL_NOT_FOUND = 20404;

/**
 * Moves a live call with Twilio's REST API (`POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json`).
 * A transfer replaces the call's TwiML with `<Dial>`; that ends the media stream (Twilio sends `stop`)
 * and connects the caller to staff. A hang-up sets the call's status to `completed`.
 */
export class TwilioCallControl implements CallControl {
  private readonly client: twilio.Twilio;
  private readonly logger: Logger;

  constructor(options: TwilioCallControlOptions) {
    const { accountSid, authToken, timeoutMs } = optionsSchema.parse(options);
    this.logger = options.logger;
    // No environment fallbacks, no automatic retries: a transfer is done once, when we decide it.
    this.client = twilio(accountSid, authToken, { env: {}, autoRetry: false, timeout: timeoutMs });
  }

  async transfer(callRef: string, number: string): Promise<void> {
    const sid = callSid.parse(callRef);
    const target = e164.parse(number);
    const twiml = new twilio.twiml.VoiceResponse();
    twiml.dial(target);
    try {
      await this.client.calls(sid).update({ twiml: twiml.toString() });
    } catch (error) {
      throw new Error(`Twilio refused to transfer call ${sid}`, { cause: error });
    }
  }

  async hangUp(callRef: string): Promise<void> {
    const sid = callSid.parse(callRef);
    try {
      await this.client.calls(sid).update({ status: 'completed' });
    } catch (error) {
      if (isCallGone(error)) {
        this.logger.info({ callId: sid }, 'hang-up: the call had already ended');
        return;
      }
      this.logger.warn({ callId: sid, ...describeError(error) }, 'hang-up refused by twilio');
      throw new Error(`Twilio refused to hang up call ${sid}`, { cause: error });
    }
  }
}

function isCallGone(error: unknown): boolean {
  return error instanceof twilio.RestException && error.status === 404 && error.code === CALL_NOT_FOUND;
}
