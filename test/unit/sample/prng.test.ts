import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/sample/prng';

describe('Prng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((prng) => () => prng.next())(new Prng(seed)));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps int() inside its inclusive bounds and reaches both ends', () => {
    const prng = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(prng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('gives forks independent streams that depend on the label', () => {
    expect(new Prng(5).fork('a').next()).toBe(new Prng(5).fork('a').next());
    expect(new Prng(5).fork('a').next()).not.toBe(new Prng(5).fork('b').next());
    expect(new Prng(9).hex(12)).toMatch(/^[0-9a-f]{12}$/);
  });
});
