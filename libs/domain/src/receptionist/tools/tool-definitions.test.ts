import { describe, expect, it } from 'vitest';
import { TOOL_NAMES, toolArgumentSchemas } from '../tool-contract';
import { receptionistToolDefinitions } from './tool-definitions';

describe('receptionistToolDefinitions', () => {
  const definitions = receptionistToolDefinitions();

  it('defines the eight tools of the contract, each described', () => {
    expect(definitions.map((definition) => definition.name)).toEqual([...TOOL_NAMES]);
    for (const definition of definitions) expect(definition.description.length, definition.name).toBeGreaterThan(30);
  });

  it('tells the model how to speak of a booking pending confirmation', () => {
    const book = definitions.find((definition) => definition.name === 'book_appointment');
    expect(book?.description).toContain('If the result has pendingConfirmation');
    expect(book?.description).toContain('the office will call to confirm; tell the caller exactly that and never say it is booked');
  });

  it('gives OpenAI-function parameters generated from the argument schemas', () => {
    for (const definition of definitions) {
      const parameters = definition.parameters as { type: string; properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
      expect(parameters.type).toBe('object');
      expect(parameters.additionalProperties).toBe(false);
      expect(parameters).not.toHaveProperty('$schema');
      const shape = toolArgumentSchemas[definition.name as keyof typeof toolArgumentSchemas].shape;
      expect(Object.keys(parameters.properties).sort(), definition.name).toEqual(Object.keys(shape).sort());
      expect(Array.isArray(parameters.required)).toBe(true);
    }
  });

  it('carries the contract constraints', () => {
    const book = definitions.find((definition) => definition.name === 'book_appointment')?.parameters as {
      required: string[];
      properties: Record<string, { pattern?: string }>;
    };
    expect(book.required.sort()).toEqual(['appointment_type', 'date_of_birth', 'full_name', 'start']);
    expect(book.properties['start']?.pattern).toBe('^\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d$');
    const availability = definitions.find((definition) => definition.name === 'check_availability')?.parameters as {
      properties: Record<string, { enum?: string[] }>;
    };
    expect(availability.properties['part_of_day']?.enum).toEqual(['morning', 'afternoon', 'any']);
    expect(definitions.find((definition) => definition.name === 'end_call')?.parameters).toEqual({
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
    });
  });
});
