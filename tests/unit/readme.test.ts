import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../server/config';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  scripts: Record<string, string>;
}).scripts;

describe('README', () => {
  it('documents every configuration variable the server reads', () => {
    for (const variable of CONFIG_VARIABLES) expect(readme).toContain(`| \`${variable.name}\` |`);
  });

  it('keeps its two set-up commands, and the scripts they run exist', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(scripts.start).toBeTruthy();
    expect(scripts.test).toContain('test:e2e');
  });
});
