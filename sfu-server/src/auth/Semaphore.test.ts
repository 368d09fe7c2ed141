import { describe, expect, it } from 'vitest';
import { Semaphore } from './Semaphore.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most its slots at once, the rest in arrival order, and refuses beyond its queue', async () => {
    const gate = new Semaphore(2, 2, () => new Error('full'));
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const task = (n: number) => () =>
      new Promise<number>((resolve) => {
        started.push(n);
        finish[n] = () => resolve(n);
      });
    const runs = [0, 1, 2, 3].map((n) => gate.run(task(n)));
    await expect(gate.run(task(4))).rejects.toThrow('full');
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.active).toBe(2);
    finish[1]!();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(gate.active).toBe(2);
    finish[0]!();
    finish[2]!();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    finish[3]!();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(gate.active).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const gate = new Semaphore(1, 0, () => new Error('full'));
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.active).toBe(0);
    expect(await gate.run(() => Promise.resolve('ok'))).toBe('ok');
  });
});
