import { describe, expect, it } from 'vitest';
import type { Practice, Utterance } from '../../model';
import type { ModelEvent } from '../../ports';
import type { ConversationTurn } from '../conversation';
import type { ToolResult } from '../tool-contract';
import type { ToolExecution } from '../tool-runner';
import {
  MemoryCallLog,
  RecordingLogger,
  RecordingToolRunner,
  ScriptedLanguageModel,
  TOOL_DEFINITIONS,
  agent,
  callTool,
  caller,
  collect,
  execution,
  fixedClock,
  say,
  type ScriptedRound,
  type ToolHandler,
} from './doubles.fixture';
import { Phrases } from './phrases';
import { practiceFixture } from './practice.fixture';
import { ReceptionistConversationFactory } from './receptionist-conversation-factory';

const NOW = new Date('2026-03-03T15:00:00.000Z');
const GREETING = 'Thank you for calling Maple Street Dental. This is the virtual receptionist. How can I help you today?';

interface Setup {
  handlers?: Record<string, ToolHandler>;
  practice?: Practice;
  maxToolRounds?: number;
}

function setup(rounds: ScriptedRound[], options: Setup = {}) {
  const model = new ScriptedLanguageModel(rounds);
  const tools = new RecordingToolRunner(options.handlers);
  const logger = new RecordingLogger();
  const callLog = new MemoryCallLog();
  const factory = new ReceptionistConversationFactory({
    model,
    tools,
    toolDefinitions: TOOL_DEFINITIONS,
    callLog,
    clock: fixedClock(NOW),
    logger,
    ...(options.maxToolRounds ? { maxToolRounds: options.maxToolRounds } : {}),
  });
  const conversation = factory.start({
    callId: 'call-1',
    practice: options.practice ?? practiceFixture(),
    channel: 'simulator',
    callerNumber: '+15551230000',
  });
  return { conversation, model, tools, logger, callLog };
}

function turn(transcript: Utterance[], options: Partial<ConversationTurn> = {}): ConversationTurn {
  return { transcript, reminder: false, signal: new AbortController().signal, ...options };
}

const slots: ToolResult = {
  ok: true,
  tool: 'check_availability',
  appointmentType: 'cleaning',
  slots: [{ start: '2026-03-10T10:00', spoken: 'Tuesday, March 10 at 10 AM with Sam Kim', provider: 'Sam Kim' }],
};
const checkAvailability: ToolHandler = async () => execution(slots);

const bookedCleaning: ToolResult = {
  ok: true,
  tool: 'book_appointment',
  newPatient: false,
  appointment: { ref: 'appt-1', type: 'cleaning', start: '2026-03-10T10:00', spoken: 'Tuesday, March 10 at 10 AM', status: 'scheduled' },
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('ReceptionistConversation', () => {
  describe('start and greeting', () => {
    it('opens a call session stamped with the clock', () => {
      const { conversation } = setup([]);
      expect(conversation.session).toMatchObject({
        callId: 'call-1',
        channel: 'simulator',
        callerNumber: '+15551230000',
        startedAt: '2026-03-03T15:00:00.000Z',
        outcomes: [],
        appointmentIds: [],
      });
      expect(conversation.session.practice.id).toBe('practice-maple');
    });

    it("greets in the practice's name, or with the practice's own greeting when it has one", () => {
      expect(setup([]).conversation.greeting()).toBe(GREETING);
      const custom = setup([], { practice: practiceFixture({ greeting: 'Maple Street Dental, this is Ava.' }) });
      expect(custom.conversation.greeting()).toBe('Maple Street Dental, this is Ava.');
    });
  });

  describe('speaking', () => {
    it("streams the model's text in order and gives the model the call so far", async () => {
      const { conversation, model } = setup([[say('Sure, '), say(''), say('I can help with that.')]]);
      const transcript = [agent(GREETING), caller('I need a cleaning.')];

      expect(await collect(conversation.respond(turn(transcript)))).toEqual([
        { type: 'text', text: 'Sure, ' },
        { type: 'text', text: 'I can help with that.' },
      ]);

      const [request] = model.requests;
      expect(request?.tools).toBe(TOOL_DEFINITIONS);
      expect(request?.messages.slice(1)).toEqual([
        { role: 'assistant', content: GREETING },
        { role: 'user', content: 'I need a cleaning.' },
      ]);
      expect(request?.messages[0]).toMatchObject({ role: 'system' });
      expect(request?.messages[0]?.content).toContain('Tuesday, March 3, 2026');
      expect(request?.context).toEqual({
        practiceName: 'Maple Street Dental',
        timeZone: 'America/New_York',
        now: '2026-03-03T15:00:00.000Z',
        appointmentTypes: [
          { code: 'cleaning', name: 'Cleaning', durationMinutes: 60 },
          { code: 'exam', name: 'Exam', durationMinutes: 30 },
          { code: 'new_patient', name: 'New patient visit', durationMinutes: 90 },
        ],
        reminder: false,
      });
    });

    it('passes the reminder flag to the model when the caller has gone quiet', async () => {
      const { conversation, model } = setup([[say('Are you still there?')]]);
      await collect(conversation.respond(turn([agent(GREETING)], { reminder: true })));
      expect(model.requests[0]?.context.reminder).toBe(true);
      expect(model.requests[0]?.messages[0]?.content).toContain('The caller has been silent');
    });
  });

  describe('tool loop', () => {
    it('runs a tool call, reports it, and lets the model speak about the result in a second round', async () => {
      const { conversation, model, tools } = setup(
        [
          [say('Let me check. '), callTool('c1', 'check_availability', { appointment_type: 'cleaning' })],
          [say('Tuesday, March 10 at 10 AM is open.')],
        ],
        { handlers: { check_availability: checkAvailability } },
      );
      const transcript = [agent(GREETING), caller('Any cleanings next week?')];

      expect(await collect(conversation.respond(turn(transcript)))).toEqual([
        { type: 'text', text: 'Let me check. ' },
        { type: 'tool_invocation', toolCallId: 'c1', name: 'check_availability', arguments: '{"appointment_type":"cleaning"}' },
        { type: 'tool_result', toolCallId: 'c1', content: JSON.stringify(slots), successful: true },
        { type: 'text', text: 'Tuesday, March 10 at 10 AM is open.' },
      ]);

      expect(tools.runs).toHaveLength(1);
      expect(tools.runs[0]?.session).toBe(conversation.session);
      expect(tools.runs[0]?.call).toEqual({ id: 'c1', name: 'check_availability', arguments: '{"appointment_type":"cleaning"}' });
      expect(model.requests).toHaveLength(2);
      expect(model.requests[1]?.messages.slice(1)).toEqual([
        { role: 'assistant', content: GREETING },
        { role: 'user', content: 'Any cleanings next week?' },
        {
          role: 'assistant',
          content: 'Let me check. ',
          toolCalls: [{ id: 'c1', name: 'check_availability', arguments: '{"appointment_type":"cleaning"}' }],
        },
        { role: 'tool', toolCallId: 'c1', content: JSON.stringify(slots) },
      ]);
    });

    it('separates the speech of two rounds with a space so words are not glued together', async () => {
      const { conversation } = setup(
        [
          [say('Let me check.'), callTool('c1', 'check_availability', { appointment_type: 'cleaning' })],
          [say('Good news.')],
        ],
        { handlers: { check_availability: checkAvailability } },
      );
      const outputs = await collect(conversation.respond(turn([agent(GREETING), caller('Any cleanings?')])));
      const spoken = outputs.flatMap((output) => (output.type === 'text' ? [output.text] : [])).join('');
      expect(spoken).toBe('Let me check. Good news.');
    });

    it('keeps the exchange where it happened in later turns, without repeating the spoken words', async () => {
      const { conversation, model } = setup(
        [
          [say('Let me check. '), callTool('c1', 'check_availability', { appointment_type: 'cleaning' })],
          [say('Tuesday at 10 AM is open.')],
          [say('Which name should I book it under?')],
        ],
        { handlers: { check_availability: checkAvailability } },
      );
      const first = [agent(GREETING), caller('Any cleanings next week?')];
      await collect(conversation.respond(turn(first)));

      const second = [...first, agent('Let me check. Tuesday at 10 AM is open.'), caller('Yes please.')];
      await collect(conversation.respond(turn(second)));

      expect(model.requests[2]?.messages.slice(1).map((message) => [message.role, message.content])).toEqual([
        ['assistant', GREETING],
        ['user', 'Any cleanings next week?'],
        ['assistant', ''],
        ['tool', JSON.stringify(slots)],
        ['assistant', 'Let me check. Tuesday at 10 AM is open.'],
        ['user', 'Yes please.'],
      ]);
    });

    it('reports a failed tool result as unsuccessful and still lets the model explain', async () => {
      const { conversation } = setup(
        [[callTool('c1', 'check_availability', { appointment_type: 'root_canal' })], [say("We don't book that by phone.")]],
        {
          handlers: {
            check_availability: async () =>
              execution({ ok: false, error: 'unknown_appointment_type', message: 'Unknown appointment type' }),
          },
        },
      );
      const outputs = await collect(conversation.respond(turn([caller('A root canal please.')])));
      expect(outputs.map((output) => output.type)).toEqual(['tool_invocation', 'tool_result', 'text']);
      expect(outputs[1]).toMatchObject({ successful: false });
    });

    it('hands the caller to the front desk when the model keeps calling tools past the limit', async () => {
      const loop = (id: string): ModelEvent[] => [callTool(id, 'check_availability', { appointment_type: 'cleaning' })];
      const { conversation, model, tools, logger } = setup([loop('c1'), loop('c2'), [say('One more. '), ...loop('c3')]], {
        handlers: { check_availability: checkAvailability },
        maxToolRounds: 2,
      });

      const outputs = await collect(conversation.respond(turn([caller('Any cleanings?')])));

      expect(model.requests).toHaveLength(3);
      expect(tools.runs.map((run) => run.call.id)).toEqual(['c1', 'c2']);
      expect(outputs.slice(-3)).toEqual([
        { type: 'text', text: 'One more. ' },
        { type: 'text', text: Phrases.troubleTransfer, uninterruptible: true },
        { type: 'transfer', number: '+15550001111', reason: 'staff' },
      ]);
      expect(conversation.session.outcomes).toEqual(['transferred']);
      expect(logger.entries.filter((entry) => entry.level === 'error').map((entry) => entry.message)).toEqual([
        'too many tool rounds in one turn',
      ]);
    });

    it('defaults to four tool rounds per turn', async () => {
      const rounds: ScriptedRound[] = ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => [callTool(id, 'check_availability')]);
      const { conversation, tools } = setup(rounds, { handlers: { check_availability: checkAvailability } });
      const outputs = await collect(conversation.respond(turn([caller('Any cleanings?')])));
      expect(tools.runs).toHaveLength(4);
      expect(outputs.at(-1)).toEqual({ type: 'transfer', number: '+15550001111', reason: 'staff' });
    });
  });

  describe('call effects', () => {
    const endCall: ToolHandler = async () => execution({ ok: true, tool: 'end_call' }, { type: 'end_call' });
    const transferTo =
      (number: string): ToolHandler =>
      async () =>
        execution({ ok: true, tool: 'transfer_to_staff', department: 'billing' }, { type: 'transfer', number, reason: 'staff' });

    it("ends the call after the round's speech, without another model round", async () => {
      const { conversation, model } = setup([[say('Have a great day. '), callTool('e1', 'end_call'), say('Goodbye!')]], {
        handlers: { end_call: endCall },
      });
      const outputs = await collect(conversation.respond(turn([caller("That's all, thanks.")])));
      expect(outputs).toEqual([
        { type: 'text', text: 'Have a great day. ' },
        { type: 'tool_invocation', toolCallId: 'e1', name: 'end_call', arguments: '{}' },
        { type: 'tool_result', toolCallId: 'e1', content: '{"ok":true,"tool":"end_call"}', successful: true },
        { type: 'text', text: 'Goodbye!' },
        { type: 'end_call' },
      ]);
      expect(model.requests).toHaveLength(1);
    });

    it('ignores tool calls made after the call was ended', async () => {
      const { conversation, tools } = setup([[say('Bye. '), callTool('e1', 'end_call'), callTool('b1', 'book_appointment')]], {
        handlers: { end_call: endCall },
      });
      const outputs = await collect(conversation.respond(turn([caller('Bye.')])));
      expect(tools.runs.map((run) => run.call.name)).toEqual(['end_call']);
      expect(outputs.at(-1)).toEqual({ type: 'end_call' });
    });

    it('announces a transfer when nothing was said yet, then transfers and records it', async () => {
      const { conversation, model } = setup([[callTool('t1', 'transfer_to_staff', { department: 'billing' })]], {
        handlers: { transfer_to_staff: transferTo('+15550002222') },
      });
      const outputs = await collect(conversation.respond(turn([caller('I have a billing question.')])));
      expect(outputs.slice(2)).toEqual([
        { type: 'text', text: Phrases.transfer, uninterruptible: true },
        { type: 'transfer', number: '+15550002222', reason: 'staff' },
      ]);
      expect(conversation.session.outcomes).toEqual(['transferred']);
      expect(model.requests).toHaveLength(1);
    });

    it('transfers without another announcement when the model already spoke', async () => {
      const { conversation } = setup(
        [[say('Connecting you with billing.'), callTool('t1', 'transfer_to_staff', { department: 'billing' })]],
        { handlers: { transfer_to_staff: transferTo('+15550002222') } },
      );
      const outputs = await collect(conversation.respond(turn([caller('Billing please.')])));
      expect(outputs.filter((output) => output.type === 'text')).toEqual([{ type: 'text', text: 'Connecting you with billing.' }]);
      expect(outputs.at(-1)).toEqual({ type: 'transfer', number: '+15550002222', reason: 'staff' });
    });
  });

  describe('failures', () => {
    it('apologises and transfers to the front desk when the model fails, logging no speech', async () => {
      const { conversation, logger } = setup([{ events: [say('Let me')], then: { fail: new Error('upstream 503') } }]);
      const outputs = await collect(conversation.respond(turn([caller('My name is Jane Roe, I need a cleaning.')])));

      expect(outputs).toEqual([
        { type: 'text', text: 'Let me' },
        { type: 'text', text: Phrases.troubleTransfer, uninterruptible: true },
        { type: 'transfer', number: '+15550001111', reason: 'staff' },
      ]);
      expect(conversation.session.outcomes).toEqual(['transferred']);
      const errors = logger.entries.filter((entry) => entry.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.fields).toMatchObject({ callId: 'call-1', practiceId: 'practice-maple', error: 'upstream 503', source: 'model' });
      expect(JSON.stringify(logger.entries)).not.toMatch(/Jane|Roe|cleaning|Let me/);
    });

    it('treats a model that says nothing and calls nothing as a failure', async () => {
      const { conversation, logger } = setup([[say('   ')]]);
      const outputs = await collect(conversation.respond(turn([caller('Hello?')])));
      expect(outputs.slice(-2)).toEqual([
        { type: 'text', text: Phrases.troubleTransfer, uninterruptible: true },
        { type: 'transfer', number: '+15550001111', reason: 'staff' },
      ]);
      expect(logger.entries.some((entry) => entry.level === 'error' && entry.fields['callId'] === 'call-1')).toBe(true);
    });

    it('treats silence after tool results as a failure rather than leaving the caller waiting', async () => {
      const { conversation } = setup([[say('Let me check. '), callTool('c1', 'check_availability')], []], {
        handlers: { check_availability: checkAvailability },
      });
      const outputs = await collect(conversation.respond(turn([caller('Any cleanings?')])));
      expect(outputs.map((output) => output.type)).toEqual(['text', 'tool_invocation', 'tool_result', 'text', 'transfer']);
      expect(outputs[3]).toEqual({ type: 'text', text: Phrases.troubleTransfer, uninterruptible: true });
    });

    it('treats a throwing tool runner as a failure', async () => {
      const { conversation, model, logger } = setup([[callTool('c1', 'check_availability')]], {
        handlers: {
          check_availability: async () => {
            throw new Error('runner bug');
          },
        },
      });
      const outputs = await collect(conversation.respond(turn([caller('Any cleanings?')])));
      expect(outputs.map((output) => output.type)).toEqual(['tool_invocation', 'text', 'transfer']);
      expect(model.requests).toHaveLength(1);
      expect(logger.entries.find((entry) => entry.level === 'error')?.fields).toMatchObject({
        source: 'tool',
        tool: 'check_availability',
        error: 'runner bug',
      });
    });

    it('apologises and ends the call when the practice has nobody to transfer to', async () => {
      const { conversation } = setup([{ events: [], then: { fail: new Error('timeout') } }], {
        practice: practiceFixture({ transferTargets: [] }),
      });
      const outputs = await collect(conversation.respond(turn([caller('Hello?')])));
      expect(outputs).toEqual([{ type: 'text', text: Phrases.troubleEnd }, { type: 'end_call' }]);
      expect(conversation.session.outcomes).toEqual([]);
    });
  });

  describe('abort', () => {
    it('stops mid-stream, yields nothing more and aborts the model request', async () => {
      const controller = new AbortController();
      const { conversation, model } = setup([[say('Hello'), say(' there'), callTool('c1', 'check_availability')]]);
      const outputs = conversation.respond(turn([caller('Hi')], { signal: controller.signal }))[Symbol.asyncIterator]();

      expect(await outputs.next()).toEqual({ done: false, value: { type: 'text', text: 'Hello' } });
      controller.abort();
      expect(await outputs.next()).toEqual({ done: true, value: undefined });
      expect(model.requests[0]?.signal.aborted).toBe(true);
    });

    it('stops at once even when the model ignores the signal and stalls', async () => {
      const controller = new AbortController();
      const { conversation } = setup([{ events: [say('Hold on')], then: 'stall' }]);
      const outputs = conversation.respond(turn([caller('Hi')], { signal: controller.signal }))[Symbol.asyncIterator]();
      await outputs.next();
      const pending = outputs.next();
      controller.abort();
      expect(await pending).toEqual({ done: true, value: undefined });
    });

    it('yields nothing for a turn that is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const { conversation, model } = setup([[say('Hello')]]);
      expect(await collect(conversation.respond(turn([caller('Hi')], { signal: controller.signal })))).toEqual([]);
      expect(model.requests).toHaveLength(0);
    });

    it('stops during a tool run, aborts the tool, and keeps its late result for the next turn', async () => {
      const controller = new AbortController();
      const booking = deferred<ToolExecution>();
      const { conversation, model, tools } = setup(
        [[callTool('b1', 'book_appointment', { appointment_type: 'cleaning' })], [say('You are booked.')]],
        { handlers: { book_appointment: () => booking.promise } },
      );
      const transcript = [caller('Book it.')];
      const outputs = conversation.respond(turn(transcript, { signal: controller.signal }))[Symbol.asyncIterator]();
      expect((await outputs.next()).value).toMatchObject({ type: 'tool_invocation' });
      const pending = outputs.next();
      controller.abort();
      expect(await pending).toEqual({ done: true, value: undefined });
      expect(tools.runs[0]?.signal.aborted).toBe(true);

      booking.resolve(execution(bookedCleaning));
      await tools.runs[0]?.result;

      await collect(conversation.respond(turn([...transcript, caller('Hello?')])));
      expect(model.requests[1]?.messages.slice(1).map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'user']);
      expect(model.requests[1]?.messages[3]).toEqual({ role: 'tool', toolCallId: 'b1', content: JSON.stringify(bookedCleaning) });
    });
  });

  describe('emergencies', () => {
    it.each([
      'My face is really swollen and it hurts',
      'My son fell off his bike and knocked out a tooth',
      "I had a tooth pulled this morning and the bleeding won't stop",
      'The pain is unbearable, I have not slept at all',
    ])('routes "%s" to the on-call dentist without asking the model', async (words) => {
      const { conversation, model, logger } = setup([[say('Would you like to book an appointment?')]]);
      const outputs = await collect(conversation.respond(turn([agent(GREETING), caller(words)])));
      expect(outputs).toEqual([
        { type: 'text', text: Phrases.emergency, uninterruptible: true },
        { type: 'transfer', number: '+15550009111', reason: 'emergency' },
      ]);
      expect(model.requests).toHaveLength(0);
      expect(conversation.session.outcomes).toEqual(['emergency_routed']);
      expect(JSON.stringify(logger.entries)).not.toContain(words);
    });

    it.each(['No swelling and no pain, I just want my cleaning', "I'm not in severe pain, it's for a checkup"])(
      'leaves "%s" to the model',
      async (words) => {
        const { conversation, model } = setup([[say('Happy to help.')]]);
        const outputs = await collect(conversation.respond(turn([caller(words)])));
        expect(outputs).toEqual([{ type: 'text', text: 'Happy to help.' }]);
        expect(model.requests).toHaveLength(1);
      },
    );

    it('routes an emergency only once per call', async () => {
      const { conversation, model } = setup([[say('The on-call line is busy, can I help meanwhile?')]]);
      const first = [caller('My tooth got knocked out.')];
      const routed = await collect(conversation.respond(turn(first)));
      expect(routed.at(-1)).toMatchObject({ type: 'transfer', reason: 'emergency' });

      const second = [...first, agent(Phrases.emergency), caller('Hello? The bleeding will not stop.')];
      const outputs = await collect(conversation.respond(turn(second)));
      expect(outputs).toEqual([{ type: 'text', text: 'The on-call line is busy, can I help meanwhile?' }]);
      expect(model.requests).toHaveLength(1);
    });

    it('routes an emergency whose routing was interrupted on the next turn', async () => {
      const controller = new AbortController();
      const { conversation } = setup([]);
      const transcript = [caller('My jaw is broken, I was hit playing hockey.')];
      const outputs = conversation.respond(turn(transcript, { signal: controller.signal }))[Symbol.asyncIterator]();
      expect((await outputs.next()).value).toEqual({ type: 'text', text: Phrases.emergency, uninterruptible: true });
      controller.abort();
      expect((await outputs.next()).done).toBe(true);
      expect(conversation.session.outcomes).toEqual([]);

      const retry = await collect(conversation.respond(turn([...transcript, caller('Hello?')])));
      expect(retry.at(-1)).toEqual({ type: 'transfer', number: '+15550009111', reason: 'emergency' });
    });
  });

  describe('finish', () => {
    const book: ToolHandler = async (_call, session) => {
      session.outcomes.push('booked');
      session.appointmentIds.push('appt-100');
      return execution(bookedCleaning);
    };

    it('records the call once, with the strongest outcome, however often it is called', async () => {
      const { conversation, callLog } = setup(
        [[callTool('b1', 'book_appointment')], [say('You are booked.')], [callTool('t1', 'transfer_to_staff')]],
        {
          handlers: {
            book_appointment: book,
            transfer_to_staff: async () =>
              execution(
                { ok: true, tool: 'transfer_to_staff', department: 'front_desk' },
                { type: 'transfer', number: '+15550001111', reason: 'staff' },
              ),
          },
        },
      );
      const transcript = [agent(GREETING), caller('Book me a cleaning.')];
      await collect(conversation.respond(turn(transcript)));
      await collect(conversation.respond(turn([...transcript, agent('You are booked.'), caller('Now billing, please.')])));

      const final = [...transcript, agent('You are booked.'), caller('Now billing, please.')];
      const [first, second] = await Promise.all([
        conversation.finish(final, new Date('2026-03-03T15:03:00Z')),
        conversation.finish([], new Date('2026-03-03T16:00:00Z')),
      ]);
      const later = await conversation.finish(final);

      expect(callLog.records).toHaveLength(1);
      expect(second).toBe(first);
      expect(later).toBe(first);
      expect(first).toEqual({
        callId: 'call-1',
        practiceId: 'practice-maple',
        channel: 'simulator',
        callerNumber: '+15551230000',
        startedAt: '2026-03-03T15:00:00.000Z',
        endedAt: '2026-03-03T15:03:00.000Z',
        transcript: final,
        outcome: 'booked',
        summary: 'Booked 1 appointment; transferred to staff',
        appointmentIds: ['appt-100'],
      });
    });

    it("ends the record at the clock's time when no end is given", async () => {
      const { conversation } = setup([]);
      const record = await conversation.finish([agent(GREETING)]);
      expect(record).toMatchObject({ endedAt: '2026-03-03T15:00:00.000Z', outcome: 'no_action', summary: 'No action taken' });
    });

    it('logs and propagates a failure to write the record, without retrying it', async () => {
      const { conversation, callLog, logger } = setup([]);
      callLog.failWith = new Error('disk full');
      const failing = conversation.finish([agent(GREETING)]);
      await expect(failing).rejects.toThrow('Could not record call call-1');
      await expect(failing).rejects.toMatchObject({ cause: callLog.failWith });
      callLog.failWith = undefined;
      await expect(conversation.finish([agent(GREETING)])).rejects.toThrow('Could not record call call-1');
      expect(callLog.records).toHaveLength(0);
      expect(logger.entries.find((entry) => entry.level === 'error')).toMatchObject({
        fields: { callId: 'call-1', error: 'disk full' },
      });
    });

    it('does not respond once the call is finished', async () => {
      const { conversation, model } = setup([[say('Hello?')]]);
      await conversation.finish([]);
      expect(await collect(conversation.respond(turn([caller('Hi')])))).toEqual([]);
      expect(model.requests).toHaveLength(0);
    });
  });
});
