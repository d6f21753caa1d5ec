import { describe, expect, it } from 'vitest';
import { matchRetellPath } from './call-path';

describe('matchRetellPath', () => {
  it.each([
    ['/retell-llm', undefined],
    ['/retell-llm/', undefined],
    ['/retell-llm/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6', 'Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6'],
    ['/retell-llm/call_abc-123/', 'call_abc-123'],
  ])('matches %s', (path, callId) => {
    expect(matchRetellPath(path)).toEqual({ callId });
  });

  it.each(['/', '/retell', '/retell-llmx', '/retell-llm/a/b', '/retell-llm/bad%20id', '/retell-llm/%E0%A4%A', `/retell-llm/${'a'.repeat(129)}`])(
    'does not match %s',
    (path) => {
      expect(matchRetellPath(path)).toBeNull();
    },
  );

  it('serves another base path', () => {
    expect(matchRetellPath('/voice/llm/call1', '/voice/llm')).toEqual({ callId: 'call1' });
  });
});
