import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInvalidRunbook, parseRunbook, stepsOfRunbookText } from '../../../src/runbooks/parse-runbook';

const origin = { file: '/rb/test.md', folder: '/rb', isShipped: false };

const VALID = `---
id: disk-full
title: Disk full
summary: A volume ran out of space.
owner: storage-oncall
tags: [disk]
severity: medium
services: [segment-store]
match:
  all:
    - level: [error, fatal]
    - any:
        - message: "No space left on device"
        - regex: "/disk .* full/i"
    - not:
        host: "canary-*"
window:
  after: { kind: rollout.started }
  margin: 5m
---

# Disk full

## Check
- [ ] Look at \`df -h\`.
- [x] Find the biggest files:
  \`\`\`
  du -xh /data | sort -h | tail
  \`\`\`
- Not a step.

## Act
- [ ] Free space.
`;

function problem(text: string) {
  const result = parseRunbook(text, origin);
  if (!isInvalidRunbook(result)) throw new Error('expected the runbook to be refused');
  return result;
}

function withFrontMatter(lines: string[]): string {
  return ['---', ...lines, '---', '', '- [ ] step'].join('\n');
}

const BASE = ['id: x', 'title: X', 'summary: S', 'owner: o', 'severity: low'];

describe('parseRunbook', () => {
  it('reads the front matter, the rules, and the checklist steps with their sections', () => {
    const result = parseRunbook(VALID, origin);
    if (isInvalidRunbook(result)) throw new Error(result.reason);
    expect(result.detail).toMatchObject({ id: 'disk-full', severity: 'medium', tags: ['disk'], services: ['segment-store'], hasMatch: true, stepCount: 3 });
    expect(result.detail.steps.map((step) => [step.index, step.section, step.text])).toEqual([
      [0, 'Check', 'Look at `df -h`.'],
      [1, 'Check', 'Find the biggest files:'],
      [2, 'Act', 'Free space.'],
    ]);
    expect(result.match?.type).toBe('all');
    expect(result.window?.marginMs).toBe(300_000);
    expect(stepsOfRunbookText(VALID)).toEqual(result.detail.steps);
  });

  it('reports a missing front matter, an unclosed one, and YAML syntax errors with their line', () => {
    expect(problem('# Just markdown')).toMatchObject({ line: 1, reason: expect.stringMatching(/does not start with YAML front matter/) });
    expect(problem('---\nid: x\n')).toMatchObject({ line: 1, reason: expect.stringMatching(/never closed/) });
    expect(problem(withFrontMatter([...BASE, 'tags: [a, b']))).toMatchObject({ reason: expect.stringMatching(/not valid YAML/) });
  });

  it('reports missing and wrong fields with the line of the field', () => {
    expect(problem(withFrontMatter(BASE.filter((line) => !line.startsWith('owner'))))).toMatchObject({ reason: expect.stringMatching(/"owner"/) });
    expect(problem(withFrontMatter([...BASE.slice(0, 4), 'severity: urgent']))).toMatchObject({ line: 6, reason: expect.stringMatching(/"severity"/) });
    expect(problem(withFrontMatter([...BASE, 'colour: red']))).toMatchObject({ line: 7, reason: expect.stringMatching(/unknown field "colour"/) });
    expect(problem(withFrontMatter(['id: Not An Id', ...BASE.slice(1)]))).toMatchObject({ line: 2, reason: expect.stringMatching(/"id"/) });
  });

  it('reports bad rules with the line of the rule', () => {
    const bad = problem(withFrontMatter([...BASE, 'match:', '  any:', '    - kind: a', '    - colour: red']));
    expect(bad).toMatchObject({ line: 10, reason: expect.stringMatching(/unknown rule key "colour"/) });
    const level = problem(withFrontMatter([...BASE, 'match:', '  level: loud']));
    expect(level.reason).toMatch(/"loud" is not a level/);
    const empty = problem(withFrontMatter([...BASE, 'match: {}']));
    expect(empty.reason).toMatch(/match every event/);
    const mixed = problem(withFrontMatter([...BASE, 'match:', '  all: [{ kind: a }]', '  kind: b']));
    expect(mixed.reason).toMatch(/only key/);
    const window = problem(withFrontMatter([...BASE, 'match: { kind: a }', 'window: { after: { kind: b }, margin: soon }']));
    expect(window.reason).toMatch(/not a duration/);
  });

  it('refuses a catastrophic regex at load time, naming the line', () => {
    const bad = problem(withFrontMatter([...BASE, 'match:', '  regex: "(a+)+$"']));
    expect(bad).toMatchObject({ line: 8, reason: expect.stringMatching(/regex "\(a\+\)\+\$" is refused: .*exponential time/) });
  });

  it('loads every shipped runbook, each with match rules and steps', () => {
    const dir = join(__dirname, '..', '..', '..', 'runbooks');
    const files = readdirSync(dir).filter((name) => name.endsWith('.md'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const name of files) {
      const result = parseRunbook(readFileSync(join(dir, name), 'utf8'), { file: join(dir, name), folder: dir, isShipped: true });
      if (isInvalidRunbook(result)) throw new Error(`${name}:${result.line}: ${result.reason}`);
      expect(result.detail.id).toBe(name.replace(/\.md$/, ''));
      expect(result.detail.hasMatch).toBe(true);
      expect(result.detail.stepCount).toBeGreaterThan(3);
    }
  });
});
