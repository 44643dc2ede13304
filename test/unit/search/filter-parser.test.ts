import { describe, expect, it } from 'vitest';
import { describeFilter, FilterSyntaxError, parseFilter } from '../../../src/search/filter-parser';
import { isEmptyFilter } from '../../../src/model/filter';

describe('parseFilter', () => {
  it('reads the example from the search box', () => {
    const filter = parseFilter('host:storage-* level>=warn service:rsync "free text"');
    expect(filter.hosts).toEqual(['storage-*']);
    expect(filter.services).toEqual(['rsync']);
    expect(filter.levelAtLeast).toBe('warn');
    expect(filter.words).toEqual(['free text']);
  });

  it('treats an empty or blank box as no filter', () => {
    expect(isEmptyFilter(parseFilter(''))).toBe(true);
    expect(isEmptyFilter(parseFilter('   '))).toBe(true);
  });

  it('collects repeated fields as alternatives and plain words as terms', () => {
    const filter = parseFilter('host:api-01 host:api-02 panic rsync');
    expect(filter.hosts).toEqual(['api-01', 'api-02']);
    expect(filter.words).toEqual(['panic', 'rsync']);
  });

  it('accepts level:x, level=x and "warning"', () => {
    expect(parseFilter('level:error').levelAtLeast).toBe('error');
    expect(parseFilter('LEVEL=Warning').levelAtLeast).toBe('warn');
  });

  it('reads a time range in UTC unless an offset is given', () => {
    const filter = parseFilter('after:2024-03-12T14:00:00 before:2024-03-12T16:00:00+01:00');
    expect(filter.fromMs).toBe(Date.UTC(2024, 2, 12, 14));
    expect(filter.toMs).toBe(Date.UTC(2024, 2, 12, 15));
  });

  it('keeps URLs as text rather than treating the scheme as a field', () => {
    expect(parseFilter('https://example.com/x').words).toEqual(['https://example.com/x']);
  });

  it('refuses what it cannot read, saying how to fix it', () => {
    expect(() => parseFilter('level>=loud')).toThrow(/not a level; use one of/);
    expect(() => parseFilter('colour:red')).toThrow(FilterSyntaxError);
    expect(() => parseFilter('"unclosed')).toThrow(/unclosed double quote/);
    expect(() => parseFilter('after:yesterday')).toThrow(/not a time/);
    expect(() => parseFilter('host:')).toThrow(/needs a value/);
    expect(() => parseFilter('after:2024-03-12T15:00:00Z before:2024-03-12T14:00:00Z')).toThrow(/swap them/);
  });

  it('describes a filter in words', () => {
    expect(describeFilter(parseFilter('host:storage-* level>=warn rsync'))).toBe('host storage-*, level at least warn, text "rsync"');
    expect(describeFilter(parseFilter(''))).toBe('every event');
  });
});
