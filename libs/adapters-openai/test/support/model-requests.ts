import type { LanguageModel, ModelEvent, ModelRequest, ToolDefinition } from '@crowndesk/domain';

export const CONTEXT: ModelRequest['context'] = {
  practiceName: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  now: '2026-03-02T14:00:00.000Z',
  appointmentTypes: [{ code: 'CLEAN', name: 'Cleaning', durationMinutes: 60 }],
  reminder: false,
};

export const FIND_SLOTS_TOOL: ToolDefinition = {
  name: 'find_slots',
  description: 'Find open appointment slots.',
  parameters: {
    type: 'object',
    properties: { appointmentType: { type: 'string' }, date: { type: 'string', format: 'date' } },
    required: ['appointmentType'],
    additionalProperties: false,
  },
};

export const LOOKUP_PATIENT_TOOL: ToolDefinition = {
  name: 'lookup_patient',
  description: 'Find the caller in the practice records.',
  parameters: {
    type: 'object',
    properties: { lastName: { type: 'string' }, dateOfBirth: { type: 'string' } },
    required: ['lastName', 'dateOfBirth'],
  },
};

/** A one-line user turn with both tools available. */
export function userTurn(text: string, signal: AbortSignal = new AbortController().signal): ModelRequest {
  return {
    messages: [
      { role: 'system', content: 'You are the receptionist of Bright Smile Dental.' },
      { role: 'user', content: text },
    ],
    tools: [FIND_SLOTS_TOOL, LOOKUP_PATIENT_TOOL],
    context: CONTEXT,
    signal,
  };
}

export async function collect(model: LanguageModel, request: ModelRequest): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of model.stream(request)) events.push(event);
  return events;
}
