import { describe, expect, it } from 'vitest';
import { FakePracticeDirectory, FRONT_DESK_NUMBER, minimalPractice, ON_CALL_NUMBER } from '../src';

describe('FakePracticeDirectory', () => {
  it('finds a practice by what it was listed under, and records every lookup in order', async () => {
    const bright = minimalPractice('practice-bright');
    const directory = new FakePracticeDirectory().add(bright, { number: '+15550001111', agentId: 'agent_bright' });
    directory.fallbackPractice = minimalPractice('practice-demo');

    expect(await directory.byVoiceAgentId('agent_bright')).toBe(bright);
    expect(await directory.byVoiceAgentId('agent_other')).toBeNull();
    expect(await directory.byPhoneNumber('+15550001111')).toBe(bright);
    expect(await directory.byId('practice-bright')).toBe(bright);
    expect((await directory.fallback())?.id).toBe('practice-demo');
    expect(directory.lookups).toEqual(['agent:agent_bright', 'agent:agent_other', 'phone:+15550001111', 'id:practice-bright', 'fallback']);
  });

  it('fails every lookup with the outage it was given, still recording it', async () => {
    const directory = new FakePracticeDirectory().add(minimalPractice('practice-bright'), { number: '+15550001111' });
    directory.failure = new Error('directory unavailable');

    await expect(directory.byPhoneNumber('+15550001111')).rejects.toThrow('directory unavailable');
    await expect(directory.byId('practice-bright')).rejects.toThrow('directory unavailable');
    expect(directory.lookups).toEqual(['phone:+15550001111', 'id:practice-bright']);
  });
});

describe('minimalPractice', () => {
  it('transfers to the front desk and on-call numbers, and takes whole-field overrides', () => {
    const practice = minimalPractice('practice-bright', { transferTargets: [] });

    expect(practice).toMatchObject({ id: 'practice-bright', greeting: 'Thank you for calling practice-bright.', onCallNumber: ON_CALL_NUMBER });
    expect(practice.transferTargets).toEqual([]);
    expect(minimalPractice('x').transferTargets).toEqual([{ label: 'front_desk', number: FRONT_DESK_NUMBER }]);
  });
});
