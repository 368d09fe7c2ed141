import { describe, expect, it } from 'vitest';
import { MemoryQueueStore } from './MemoryQueueStore.ts';
import { runQueueFuzz } from './queueFuzz.ts';

describe('randomised queue (memory store)', () => {
  it.each([1, 2, 3])('keeps every invariant over 3,000 random steps (seed %i)', { timeout: 60_000 }, async (seed) => {
    const r = await runQueueFuzz([new MemoryQueueStore()], { steps: 3_000, seed });
    expect(r.answered).toBeGreaterThan(50);
    expect(r.abandoned).toBeGreaterThan(20);
  });
});
