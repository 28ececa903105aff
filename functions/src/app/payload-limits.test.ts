import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, MAX_PAYLOAD_DEPTH, payloadProblem } from './payload-limits';

/** `levels` objects inside each other. */
const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('payloadProblem', () => {
  it('accepts ordinary payloads up to the depth limit', () => {
    expect(payloadProblem({ id: 'x', newsletter: { sections: [{ markdown: 'm' }] } }, 100)).toBeNull();
    expect(payloadProblem(nested(MAX_PAYLOAD_DEPTH), 100)).toBeNull();
    expect(payloadProblem(null, 4)).toBeNull();
  });

  it('refuses a payload one level too deep, nested arrays too, however deep', () => {
    expect(payloadProblem(nested(MAX_PAYLOAD_DEPTH + 1), 100)).toMatch(/nests too deeply/);
    let arrays: unknown = [];
    for (let i = 0; i < 100_000; i++) arrays = [arrays];
    expect(payloadProblem(arrays, 100)).toMatch(/nests too deeply/);
  });

  it('refuses a payload over the byte limit', () => {
    expect(payloadProblem({}, MAX_PAYLOAD_BYTES)).toBeNull();
    expect(payloadProblem({}, MAX_PAYLOAD_BYTES + 1)).toMatch(/too large/);
  });
});
