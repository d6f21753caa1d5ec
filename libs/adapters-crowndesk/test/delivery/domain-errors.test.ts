import { describe, expect, it } from 'vitest';
import { isSchedulingBackendUnavailable, SchedulingBackendUnavailableError } from '@crowndesk/domain';
import { BackendRejectedError } from '../../src/index';
import { withDomainErrors } from '../../src/delivery';
import { fakeBackend, nestError } from '../support/backend';
import { maple } from '../support/practice';
import { testScheduling } from '../support/scheduling';

const backend = fakeBackend();

const booking = {
  patientId: 'pat-1',
  slot: { typeCode: 'cleaning', providerId: 'prov-park', operatoryId: 'op-1', start: '2025-06-10T14:00:00.000Z', end: '2025-06-10T15:00:00.000Z' },
  idempotencyKey: 'book-abc123',
};

describe('withDomainErrors', () => {
  it("turns CrownDesk being down into the domain's SchedulingBackendUnavailableError, keeping the cause", async () => {
    backend.on('POST', '/api/ai-agent/appointments', () => nestError(503, 'Service Unavailable', 'Service Unavailable'));
    const scheduling = withDomainErrors(testScheduling().backend);

    const error = await scheduling.book(maple, booking).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SchedulingBackendUnavailableError);
    expect(isSchedulingBackendUnavailable(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'server_error', cause: expect.objectContaining({ name: 'BackendUnavailableError', status: 503 }) });
  });

  it("passes every argument on, the caller's abort signal included", async () => {
    const stopped = new AbortController();
    stopped.abort(new Error('turn superseded'));
    const scheduling = withDomainErrors(testScheduling().backend);

    await expect(scheduling.book(maple, booking, { signal: stopped.signal })).rejects.toThrow('turn superseded');
    expect(backend.seen).toEqual([]);
  });

  it('passes a refusal through unchanged: it is not "safe to queue"', async () => {
    backend.on('POST', '/api/ai-agent/appointments', () => nestError(404, 'Patient not found', 'Not Found'));
    const scheduling = withDomainErrors(testScheduling().backend);

    await expect(scheduling.book(maple, booking)).rejects.toBeInstanceOf(BackendRejectedError);
  });
});
