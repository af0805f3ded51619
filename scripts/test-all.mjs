#!/usr/bin/env node
/**
 * `npm test`: unit tests, a production build, then browser tests against that build.
 * Prints one closing line, `N passed, N failed`, counted from vitest's JSON reports, and exits
 * non-zero if anything failed or a stage could not run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const onlyUnit = process.argv.includes('--unit');

// A fresh clone: install the locked dependencies first, so `npx` never fetches a tool on its own.
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  if (!run('install', 'npm', ['ci', '--no-audit', '--no-fund'])) process.exit(1);
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The browser tests' build publishes the handles they reach into the page with (src/ui/testHooks.ts);
// a normal build has none.
const TEST_BUILD_ENV = { VITE_TEST_HOOKS: 'true' };
let passed = 0;
let failed = 0;
let broken = false;

function run(label, command, args, env = {}) {
  const shown = Object.entries(env).map(([k, v]) => `${k}=${v} `).join('');
  console.log(`\n=== ${label}: ${shown}${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function vitest(label, config, reportName) {
  const out = join(reports, reportName);
  run(label, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A file that fails to load has no test results but counts as a failed suite.
    if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) failed += report.numFailedTestSuites;
    if (report.numTotalTests === 0) broken = true;
  } catch {
    console.error(`${label}: no JSON report was written`);
    broken = true;
  }
}

// Static checks count as one test each, so a type error or lint error shows in the closing line.
for (const [label, script] of [['typecheck', 'typecheck'], ['lint', 'lint']]) {
  if (run(label, 'npm', ['run', '--silent', script])) passed += 1;
  else failed += 1;
}

/** Whether a font for Chinese is installed (the browser tests render Chinese labels and read them). */
function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/**
 * On a fresh Debian machine, as root with apt: installs Debian's Chromium and the CJK fonts the
 * browser tests need (what .ci/run does). Anyone else is told the one command to run.
 */
function ensureBrowser() {
  const missing = [...(existsSync(chromium) ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-noto-cjk'])];
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  if (asRoot && existsSync('/usr/bin/apt-get') && process.env.CHROMIUM_PATH === undefined) {
    run('install browser', 'sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`]);
  } else {
    console.error(`\nThe browser tests need ${missing.join(' and ')}: run  sudo apt-get install -y ${missing.join(' ')}`);
  }
}

vitest('unit tests', 'vitest.config.ts', 'unit.json');
if (!onlyUnit) {
  ensureBrowser();
  if (!existsSync(chromium)) {
    console.error(`\nBrowser tests need Debian's Chromium at ${chromium}: apt-get install -y chromium fonts-noto-cjk`);
    console.error('(or set CHROMIUM_PATH to another Chromium binary).');
    broken = true;
    failed += 1;
  } else if (run('build', 'npx', ['vite', 'build', '--logLevel', 'warn'], TEST_BUILD_ENV)) {
    vitest('browser tests', 'vitest.e2e.config.ts', 'e2e.json');
  } else {
    console.error('build failed: browser tests not run');
    broken = true;
    failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
