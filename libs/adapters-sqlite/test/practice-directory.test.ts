import { describe, expect, it } from 'vitest';
import {
  DEMO_AGENT_ID,
  DEMO_PHONE_NUMBER,
  DEMO_PRACTICE,
  DEMO_PRACTICE_ID,
  SqlitePracticeDirectory,
  savePractice,
} from '../src';
import { LAKESIDE, LAKESIDE_AGENT, LAKESIDE_NUMBER } from './support/second-practice';
import { useTempDatabase } from './support/temp-database';

describe('SqlitePracticeDirectory', () => {
  const fixture = useTempDatabase();

  it('finds the practice by the number dialled, with or without punctuation', async () => {
    const directory = new SqlitePracticeDirectory(fixture.open());

    expect(await directory.byPhoneNumber(DEMO_PHONE_NUMBER)).toEqual(DEMO_PRACTICE);
    expect(await directory.byPhoneNumber('+1 (555) 555-0123')).toEqual(DEMO_PRACTICE);
  });

  it('finds the practice by voice agent id and by id', async () => {
    const directory = new SqlitePracticeDirectory(fixture.open());

    expect(await directory.byVoiceAgentId(DEMO_AGENT_ID)).toEqual(DEMO_PRACTICE);
    expect(await directory.byId(DEMO_PRACTICE_ID)).toEqual(DEMO_PRACTICE);
  });

  it('answers null for unknown numbers, agents and ids', async () => {
    const directory = new SqlitePracticeDirectory(fixture.open());

    expect(await directory.byPhoneNumber('+15555559999')).toBeNull();
    expect(await directory.byPhoneNumber('anonymous')).toBeNull();
    expect(await directory.byVoiceAgentId('agent_unknown')).toBeNull();
    expect(await directory.byId('no-such-practice')).toBeNull();
  });

  it('falls back to the demo practice', async () => {
    const directory = new SqlitePracticeDirectory(fixture.open());

    expect(await directory.fallback()).toEqual(DEMO_PRACTICE);
  });

  it('routes each number and agent to its own practice', async () => {
    const database = fixture.open();
    savePractice(database, LAKESIDE, { phoneNumbers: [LAKESIDE_NUMBER], voiceAgentIds: [LAKESIDE_AGENT] });
    const directory = new SqlitePracticeDirectory(database);

    expect(await directory.byPhoneNumber(LAKESIDE_NUMBER)).toEqual(LAKESIDE);
    expect(await directory.byVoiceAgentId(LAKESIDE_AGENT)).toEqual(LAKESIDE);
    expect(await directory.byPhoneNumber(DEMO_PHONE_NUMBER)).toEqual(DEMO_PRACTICE);
    expect(await directory.fallback()).toEqual(DEMO_PRACTICE);
  });

  it('moves the fallback when another practice is saved as the fallback', async () => {
    const database = fixture.open();
    savePractice(database, LAKESIDE, { phoneNumbers: [LAKESIDE_NUMBER], voiceAgentIds: [], isFallback: true });

    expect(await new SqlitePracticeDirectory(database).fallback()).toEqual(LAKESIDE);
  });

  it('never lets a second practice take over a number that is already routed', async () => {
    const database = fixture.open();

    expect(() => savePractice(database, LAKESIDE, { phoneNumbers: [DEMO_PHONE_NUMBER], voiceAgentIds: [] })).toThrow(
      /Could not save practice lakeside-family/,
    );
    expect(await new SqlitePracticeDirectory(database).byId(LAKESIDE.id)).toBeNull();
  });

  it('refuses to save an invalid practice or routing', () => {
    const database = fixture.open();

    expect(() => savePractice(database, { ...LAKESIDE, onCallNumber: '555-0199' }, { phoneNumbers: [], voiceAgentIds: [] })).toThrow();
    expect(() => savePractice(database, LAKESIDE, { phoneNumbers: ['5550777'], voiceAgentIds: [] })).toThrow();
  });

  it('fails loudly on a practice profile that no longer validates', async () => {
    const database = fixture.open();
    database.handle
      .prepare("UPDATE practices SET profile = json_remove(profile, '$.bookingPolicy') WHERE id = ?")
      .run(DEMO_PRACTICE_ID);

    await expect(new SqlitePracticeDirectory(database).byId(DEMO_PRACTICE_ID)).rejects.toThrow(
      /Practice bright-smile has an invalid profile/,
    );
  });
});
