import { describe, expect, it } from 'vitest';
import { MalformedStreamError } from './completion-error';
import { ToolCallAssembler } from './tool-call-assembler';

describe('ToolCallAssembler', () => {
  it('keeps one call when a server repeats the id and name on every fragment', () => {
    const assembler = new ToolCallAssembler();
    assembler.add({ index: 0, id: 'call_1', function: { name: 'find_slots', arguments: '{"a":' } }, 0);
    assembler.add({ index: 0, id: 'call_1', function: { name: 'find_slots', arguments: '1}' } }, 0);

    expect(assembler.drain()).toEqual([{ id: 'call_1', name: 'find_slots', arguments: '{"a":1}' }]);
  });

  it('uses the position in the delta when a server omits the index', () => {
    const assembler = new ToolCallAssembler();
    assembler.add({ id: 'call_1', function: { name: 'find_slots', arguments: '{}' } }, 0);
    assembler.add({ id: 'call_2', function: { name: 'lookup_patient', arguments: '{}' } }, 1);

    expect(assembler.drain().map((call) => call.id)).toEqual(['call_1', 'call_2']);
  });

  it('orders calls by index, whatever order their first fragments came in', () => {
    const assembler = new ToolCallAssembler();
    assembler.add({ index: 1, id: 'call_2', function: { name: 'lookup_patient', arguments: '{}' } }, 0);
    assembler.add({ index: 0, id: 'call_1', function: { name: 'find_slots', arguments: '{}' } }, 0);

    expect(assembler.drain().map((call) => call.id)).toEqual(['call_1', 'call_2']);
  });

  it('drains once: calls already handed out are not emitted again', () => {
    const assembler = new ToolCallAssembler();
    assembler.add({ index: 0, id: 'call_1', function: { name: 'find_slots', arguments: '{}' } }, 0);

    expect(assembler.drain()).toHaveLength(1);
    expect(assembler.drain()).toEqual([]);
  });

  it('rejects a call that never got an id', () => {
    const assembler = new ToolCallAssembler();
    assembler.add({ index: 0, function: { name: 'find_slots', arguments: '{}' } }, 0);

    expect(() => assembler.drain()).toThrow(new MalformedStreamError('tool call at index 0 has no id'));
  });
});
