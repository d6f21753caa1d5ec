import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { asDomainLogger, createLogger } from '../src/logging';

/** Collects the JSON lines pino writes. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination, raw: () => JSON.stringify(lines) };
}

describe('logger', () => {
  it('writes structured JSON with a level label, ids and codes intact', () => {
    const { lines, destination } = capture();
    const logger = asDomainLogger(createLogger({ level: 'info', destination }));
    logger.info({ callId: 'call_1', practiceId: 'practice-demo', outcome: 'booked', count: 2 }, 'call finished');
    logger.debug({ callId: 'call_1' }, 'below the level');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'call finished',
      callId: 'call_1',
      practiceId: 'practice-demo',
      outcome: 'booked',
      count: 2,
    });
  });

  it('redacts PHI in both naming styles, at the top level and nested', () => {
    const { lines, destination, raw } = capture();
    const logger = asDomainLogger(createLogger({ level: 'info', destination }));
    logger.warn(
      {
        callId: 'call_2',
        name: 'Ada Lovelace',
        first_name: 'Ada',
        lastName: 'Lovelace',
        date_of_birth: '1815-12-10',
        callerNumber: '+15555550142',
        patient: { firstName: 'Ada', last_name: 'Lovelace', dateOfBirth: '1815-12-10', phone: '+15555550142' },
        call: { from_number: '+15555550142', to_number: '+15555550100', transcript: [{ role: 'user', content: 'I am Ada' }] },
        tool: { tool: 'book_appointment', arguments: '{"full_name":"Ada Lovelace"}' },
        utterances: [{ speaker: 'caller', text: 'my birthday is December 10' }],
        frame: { response: { content: 'Thanks Ada', speech: 'Thanks Ada' } },
      },
      'something odd',
    );
    const line = lines[0]!;
    expect(raw()).not.toMatch(/Ada|Lovelace|1815|5555550142|December|birthday/);
    expect(line).toMatchObject({
      callId: 'call_2',
      name: '[redacted]',
      first_name: '[redacted]',
      lastName: '[redacted]',
      date_of_birth: '[redacted]',
      callerNumber: '[redacted]',
      patient: { firstName: '[redacted]', last_name: '[redacted]', dateOfBirth: '[redacted]', phone: '[redacted]' },
      call: { from_number: '[redacted]', to_number: '+15555550100', transcript: '[redacted]' },
      tool: { tool: 'book_appointment', arguments: '[redacted]' },
      utterances: [{ speaker: 'caller', text: '[redacted]' }],
      frame: { response: { content: '[redacted]', speech: '[redacted]' } },
    });
  });

  it('serializes errors reported under `error` with their message and stack', () => {
    const { lines, destination } = capture();
    const logger = asDomainLogger(createLogger({ level: 'info', destination }));
    logger.error({ callId: 'call_3', error: new Error('database is locked') }, 'booking failed');
    expect(lines[0]).toMatchObject({ error: { type: 'Error', message: 'database is locked' } });
    expect((lines[0]!.error as { stack: string }).stack).toContain('database is locked');
  });
});
