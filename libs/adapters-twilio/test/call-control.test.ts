import { beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '@crowndesk/testing';
import { TwilioCallControl } from '../src';
import { ACCOUNT_SID, AUTH_TOKEN, CALL_SID, basicAuth, callUpdateUrl, mockTwilioRest } from './support/twilio-rest';

const rest = mockTwilioRest();

describe('TwilioCallControl', () => {
  const logger = new RecordingLogger();
  const control = new TwilioCallControl({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, logger });
  beforeEach(() => rest.install());

  it('transfers by replacing the call TwiML with a Dial to the number', async () => {
    await control.transfer(CALL_SID, '+15550008888');
    expect(rest.updates).toEqual([
      {
        url: callUpdateUrl(CALL_SID),
        authorization: basicAuth(ACCOUNT_SID, AUTH_TOKEN),
        contentType: 'application/x-www-form-urlencoded',
        form: { Twiml: '<?xml version="1.0" encoding="UTF-8"?><Response><Dial>+15550008888</Dial></Response>' },
      },
    ]);
  });

  it('hangs up by completing the call', async () => {
    await control.hangUp(CALL_SID);
    expect(rest.updates).toHaveLength(1);
    expect(rest.updates[0]).toMatchObject({
      url: callUpdateUrl(CALL_SID),
      authorization: basicAuth(ACCOUNT_SID, AUTH_TOKEN),
      form: { Status: 'completed' },
    });
  });

  it('treats a call Twilio no longer knows as already hung up', async () => {
    rest.respond.status = 404;
    rest.respond.body = { code: 20404, message: 'The requested resource was not found', status: 404 };
    await expect(control.hangUp(CALL_SID)).resolves.toBeUndefined();
    expect(logger.messages('info')).toContain('hang-up: the call had already ended');
  });

  it('reports a refused transfer or hang-up with its cause', async () => {
    rest.respond.status = 400;
    rest.respond.body = { code: 21220, message: 'Call is not in-progress', status: 400 };
    const transfer = control.transfer(CALL_SID, '+15550008888');
    await expect(transfer).rejects.toThrow(`Twilio refused to transfer call ${CALL_SID}`);
    await expect(transfer.catch((error: Error) => (error.cause as { code?: number }).code)).resolves.toBe(21220);
    await expect(control.hangUp(CALL_SID)).rejects.toThrow(`Twilio refused to hang up call ${CALL_SID}`);
  });

  it('never sends a request for a malformed call sid or number', async () => {
    await expect(control.transfer('not-a-call', '+15550008888')).rejects.toThrow();
    await expect(control.transfer(CALL_SID, '5550008888</Dial><Play>x')).rejects.toThrow();
    await expect(control.hangUp('CA123')).rejects.toThrow();
    expect(rest.updates).toEqual([]);
  });
});
