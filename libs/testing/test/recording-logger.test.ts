import { describe, expect, it } from 'vitest';
import { RecordingLogger, silentLogger } from '../src';

describe('RecordingLogger', () => {
  it('keeps every entry in order, with its level, fields and message', () => {
    const logger = new RecordingLogger();
    logger.debug({ step: 1 }, 'opening');
    logger.info({ callId: 'CA1' }, 'call started');
    logger.warn({ attempts: 2 }, 'retrying');
    logger.error({ code: 'boom' }, 'call failed');

    expect(logger.entries).toEqual([
      { level: 'debug', fields: { step: 1 }, message: 'opening' },
      { level: 'info', fields: { callId: 'CA1' }, message: 'call started' },
      { level: 'warn', fields: { attempts: 2 }, message: 'retrying' },
      { level: 'error', fields: { code: 'boom' }, message: 'call failed' },
    ]);
  });

  it('records the fields as they were when logged', () => {
    const logger = new RecordingLogger();
    const fields: Record<string, unknown> = { attempts: 1 };
    logger.info(fields, 'attempt');
    fields['attempts'] = 2;

    expect(logger.entries[0]?.fields).toEqual({ attempts: 1 });
  });

  it('filters by level, finds one entry, and lists messages', () => {
    const logger = new RecordingLogger();
    logger.info({ n: 1 }, 'first');
    logger.warn({ n: 2 }, 'second');
    logger.info({ n: 3 }, 'third');

    expect(logger.at('info').map((entry) => entry.fields['n'])).toEqual([1, 3]);
    expect(logger.messages()).toEqual(['first', 'second', 'third']);
    expect(logger.messages('warn')).toEqual(['second']);
    expect(logger.find('info', 'third')?.fields).toEqual({ n: 3 });
    expect(logger.find('warn', 'third')).toBeUndefined();
  });

  it('dumps everything as one string, so a test can check a value never appears', () => {
    const logger = new RecordingLogger();
    logger.info({ callId: 'CA1' }, 'call started');

    expect(logger.dump()).toContain('CA1');
    expect(logger.dump()).toContain('call started');
    expect(logger.dump()).not.toContain('Maria');
  });
});

describe('silentLogger', () => {
  it('accepts every level without a trace', () => {
    expect(() => {
      silentLogger.debug({}, 'a');
      silentLogger.info({}, 'b');
      silentLogger.warn({}, 'c');
      silentLogger.error({}, 'd');
    }).not.toThrow();
  });
});
