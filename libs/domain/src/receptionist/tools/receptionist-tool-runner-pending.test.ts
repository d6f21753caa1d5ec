import { beforeEach, describe, expect, it } from 'vitest';
import type { Practice } from '../../model';
import { SchedulingBackendUnavailableError } from '../../outbox';
import { FrontDesk } from '../../scheduling';
import { FakeClock, MARIA, RecordingLogger, brightSmileDental, callSession } from '../../scheduling/bright-smile.fixture';
import { InMemorySchedulingBackend } from '../../scheduling/in-memory-backend.fixture';
import { KeptPendingBookings } from '../../scheduling/pending-bookings.fixture';
import type { CallSession } from '../call-session';
import type { ToolExecution } from '../tool-runner';
import { ReceptionistToolRunner } from './receptionist-tool-runner';

const BOOK_EXAM = { appointment_type: 'exam', start: '2026-12-01T10:00', full_name: 'Maria OConnor Garcia', date_of_birth: MARIA.dateOfBirth };
const NEWCOMER_EXAM = { ...BOOK_EXAM, full_name: 'Ana Souza', date_of_birth: '1990-04-12' };

let practice: Practice;
let clock: FakeClock;
let logger: RecordingLogger;
let backend: InMemorySchedulingBackend;
let bookings: KeptPendingBookings;
let session: CallSession;

beforeEach(() => {
  practice = brightSmileDental();
  clock = new FakeClock(); // Monday 2026-11-30 09:00 EST
  logger = new RecordingLogger();
  backend = new InMemorySchedulingBackend(clock);
  bookings = new KeptPendingBookings();
  session = callSession(practice);
});

function runner(options: { pendingBookings?: KeptPendingBookings } = { pendingBookings: bookings }): ReceptionistToolRunner {
  return new ReceptionistToolRunner(new FrontDesk(backend, clock, logger, options), clock, logger);
}

function book(args: Record<string, unknown>, signal = new AbortController().signal, tools = runner()): Promise<ToolExecution> {
  return tools.run(session, { id: 'tc-1', name: 'book_appointment', arguments: JSON.stringify(args) }, signal);
}

describe('ReceptionistToolRunner: book_appointment while the scheduling system is unavailable', () => {
  it('tells the model the booking awaits the office, naming the agreed time but no provider and no ref', async () => {
    backend.addPatient(practice, MARIA);
    backend.failNext('book', { error: new SchedulingBackendUnavailableError('timeout') });

    const execution = await book(BOOK_EXAM);

    expect(execution.result).toEqual({
      ok: true,
      tool: 'book_appointment',
      appointment: { ref: '', type: 'exam', start: '2026-12-01T10:00', spoken: 'Tuesday, December 1 at 10 AM', status: 'pending_confirmation' },
      newPatient: false,
      pendingConfirmation: true,
    });
    expect(execution.content).toBe(JSON.stringify(execution.result));
    expect(bookings.queued).toHaveLength(1);
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('says nothing of confirmation for a booking the backend took', async () => {
    backend.addPatient(practice, MARIA);

    const execution = await book(BOOK_EXAM);

    expect(execution.result).toMatchObject({ ok: true, tool: 'book_appointment', appointment: { ref: 'appt-1', status: 'scheduled' } });
    expect(execution.result).not.toHaveProperty('pendingConfirmation');
    expect(bookings.queued).toEqual([]);
  });

  it('answers backend_unavailable, queueing nothing, when the registration of a new caller is what failed', async () => {
    backend.failNext('registerPatient', { error: new SchedulingBackendUnavailableError('server_error') });

    const execution = await book(NEWCOMER_EXAM);

    expect(execution.result).toMatchObject({ ok: false, error: 'backend_unavailable' });
    expect(bookings.queued).toEqual([]);
    expect(logger.entries.at(-1)).toMatchObject({ level: 'error', fields: { errorName: 'SchedulingBackendUnavailableError' } });
  });

  it('answers backend_unavailable as before when no pending store is configured', async () => {
    backend.addPatient(practice, MARIA);
    backend.failNext('book', { error: new SchedulingBackendUnavailableError('connection') });

    const execution = await book(BOOK_EXAM, undefined, runner({}));

    expect(execution.result).toMatchObject({ ok: false, error: 'backend_unavailable' });
    expect(session.outcomes).toEqual([]);
  });

  it('queues nothing for a turn superseded while the booking ran', async () => {
    backend.addPatient(practice, MARIA);
    const turn = new AbortController();
    backend.onNextBook(() => turn.abort(new Error('turn superseded')));
    backend.failNext('book', { afterWrite: true, error: new SchedulingBackendUnavailableError('timeout') });

    const execution = await book(BOOK_EXAM, turn.signal);

    expect(execution.result).toMatchObject({ ok: false, error: 'backend_unavailable' });
    expect(execution.result.ok === false && execution.result.message).toContain('superseded while it ran');
    expect(bookings.queued).toEqual([]);
  });
});
