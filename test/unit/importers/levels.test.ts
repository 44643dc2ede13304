import { describe, expect, it } from 'vitest';
import { normaliseLevel } from '../../../src/importers/levels';

describe('normaliseLevel', () => {
  it.each<[unknown, string]>([
    ['WARNING', 'warn'], ['warn', 'warn'], ['err', 'error'], ['Error', 'error'], ['critical', 'fatal'], ['crit', 'fatal'],
    ['emerg', 'fatal'], ['alert', 'fatal'], ['panic', 'fatal'], ['DEBUG5', 'debug'], ['trace', 'trace'], ['notice', 'notice'],
    ['informational', 'info'], [' info ', 'info'],
    [10, 'trace'], [20, 'debug'], [30, 'info'], [40, 'warn'], [50, 'error'], [60, 'fatal'],
    [0, 'fatal'], [3, 'error'], [4, 'warn'], [5, 'notice'], [6, 'info'], [7, 'debug'], ['1', 'fatal'], ['6', 'info'],
    ['STATS', 'unknown'], [8, 'unknown'], [3.5, 'unknown'], [null, 'unknown'], [true, 'unknown'],
  ])('%j → %s', (value, level) => {
    expect(normaliseLevel(value)).toBe(level);
  });
});
