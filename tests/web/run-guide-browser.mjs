// Runs the TypeScript client of the integration guide (shared/reference/websocket-integration-guide.md),
// compiled unchanged to a plain browser script, in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) against a real promptcraft-engine on ws://localhost:8000 (the guide's address).
//
//   node run-guide-browser.mjs <path to promptcraft-engine>
//
// The page (browser/index.html + browser/driver.ts) is served by a small HTTP server on
// http://127.0.0.1:<free port>, another origin than the engine's, which is started with that origin in
// --allowed-origin. The page signs in through POST /api/auth/token/ with fetch (a user made with
// `promptcraft-engine user add --password-stdin`), connects with ?token=, pings, chats, receives a
// template_opportunity, saves it and receives template_created.
// PC_SIGNIN=token skips the REST sign-in: the page gets a token from `promptcraft-engine token` instead
// (for engines without accounts; the output says so).
//
// Exit codes: 0 passed, 1 failed, 2 usage, 77 skipped (no Chromium at /usr/bin/chromium or PC_CHROMIUM).
// Environment: PC_CHROMIUM (browser), PC_GUIDE (guide markdown), PC_SIGNIN=rest (default) or token,
// PC_KEEP_WORK=1 (keeps the temporary folder), PC_VERBOSE=1 (prints the page's console also on success).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import net from 'node:net';

const started = Date.now();
const here = dirname(fileURLToPath(import.meta.url));
const engine = process.argv[2];
if (!engine || !existsSync(engine)) {
  console.error(`usage: node run-guide-browser.mjs <promptcraft-engine>; got ${engine}`);
  process.exit(2);
}

const chromiumPath = process.env.PC_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`SKIPPED: no Chromium at ${chromiumPath}. Install Debian's chromium package ` +
    '(apt-get install --no-install-recommends chromium; scripts/promptcraft.sh installs it) to run the ' +
    'guide client in a browser.');
  process.exit(77);
}
for (const dep of ['typescript', 'playwright-core']) {
  if (!existsSync(join(here, 'node_modules', dep))) {
    console.error(`tests/web/node_modules/${dep} is missing: run \`npm ci\` in tests/web (the test command does it)`);
    process.exit(1);
  }
}
const { chromium } = createRequire(import.meta.url)('playwright-core');

// The guide: shared/ beside the project root, else the copy kept with the tests.
const guidePath = [
  process.env.PC_GUIDE,
  resolve(here, '../../../shared/reference/websocket-integration-guide.md'),
  join(here, 'guide', 'websocket-integration-guide.md'),
].filter(Boolean).find((p) => existsSync(p));
const guide = readFileSync(guidePath, 'utf8');
const clientCode = [...guide.matchAll(/```typescript\n([\s\S]*?)```/g)].map((m) => m[1])
  .find((b) => b.includes('class PromptCraftWebSocket'));
if (!clientCode) {
  console.error(`no PromptCraftWebSocket class found in ${guidePath}`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'promptcraft-browser-'));
const cleanup = [];
process.on('exit', () => {
  for (const fn of cleanup.reverse()) {
    try { fn(); } catch { /* already gone */ }
  }
  if (process.env.PC_KEEP_WORK === '1') console.log(`work folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
});
const fail = (message) => { console.error(message); process.exit(1); };

// Compile the guide's class as it is, and the driver, to plain scripts (no module system): files without
// import/export are scripts to tsc, and the class declaration becomes a global the driver script sees.
mkdirSync(join(work, 'src'));
writeFileSync(join(work, 'src', 'guide-client.ts'), clientCode);
copyFileSync(join(here, 'browser', 'driver.ts'), join(work, 'src', 'driver.ts'));
writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    target: 'ES2020', lib: ['ES2020', 'DOM', 'DOM.Iterable'], strict: false, noImplicitAny: false,
    skipLibCheck: true, outDir: 'out', rootDir: 'src', types: [], moduleDetection: 'legacy',
  },
  files: ['src/guide-client.ts', 'src/driver.ts'],
}));
const tsc = spawnSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', work],
  { encoding: 'utf8' });
if (tsc.status !== 0) fail('the guide client or the driver does not compile:\n' + tsc.stdout + tsc.stderr);
const scripts = {
  '/guide-client.js': readFileSync(join(work, 'out', 'guide-client.js'), 'utf8'),
  '/driver.js': readFileSync(join(work, 'out', 'driver.js'), 'utf8'),
};
for (const [name, js] of Object.entries(scripts)) {
  if (/\bexports\b|\brequire\(|^\s*(import|export)\s/m.test(js)) fail(`${name} is not a plain script`);
}
const compiledAt = Date.now();

// The page, from its own origin.
const page = readFileSync(join(here, 'browser', 'index.html'), 'utf8');
const pageServer = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/' || path === '/index.html') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
  } else if (scripts[path]) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(scripts[path]);
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});
await new Promise((res) => pageServer.listen(0, '127.0.0.1', res));
cleanup.push(() => pageServer.close());
const pageOrigin = `http://127.0.0.1:${pageServer.address().port}`;

// A port the guide's hard-coded ws://localhost:8000 can reach.
const portFree = await new Promise((res) => {
  const s = net.createServer().once('error', () => res(false)).once('listening', () => s.close(() => res(true)));
  s.listen(8000, '127.0.0.1');
});
if (!portFree) fail('port 8000 on 127.0.0.1 is in use; the guide client only connects to ws://localhost:8000');

// No AI provider from the caller's environment: the engine answers offline, so the run is the same
// everywhere and never calls a paid API.
const env = { ...process.env, PROMPTCRAFT_JWT_SECRET: 'guide-browser-secret-0123456789abcdefghijklmn' };
for (const name of Object.keys(env)) {
  if (/^(DEEPSEEK_|PROMPTCRAFT_FALLBACK_)/.test(name)) delete env[name];
}
const dataDir = join(work, 'data');
mkdirSync(dataDir);
const engineArgs = (args) => [...args, '--data-dir', dataDir];

// Sign-in path: REST (as a web frontend does) unless PC_SIGNIN=token asks for a minted token.
const signIn = process.env.PC_SIGNIN || 'rest';
const config = {
  userId: 'guide-user', api: 'http://localhost:8000', signIn, chats: [
    'Write a product description for the AeroPress coffee maker, highlighting portability, in 100 words',
    'Write a product description for the Kindle Paperwhite e-reader, highlighting its glare-free screen, in 80 words',
  ], timeoutMs: 20000,
};
if (signIn === 'rest') {
  console.log('sign-in: REST, POST http://localhost:8000/api/auth/token/ from the page ' +
    '(user made with `promptcraft-engine user add guide-user --password-stdin`)');
  const password = `guide-browser-${process.pid}-${Date.now()}`;
  const added = spawnSync(engine, engineArgs(['user', 'add', 'guide-user', '--password-stdin']),
    { env, input: password + '\n', encoding: 'utf8' });
  if (added.status !== 0) {
    fail('could not create the user with `promptcraft-engine user add --password-stdin` (an engine without ' +
      'accounts can be tested with PC_SIGNIN=token): ' + added.stdout + added.stderr);
  }
  Object.assign(config, { username: 'guide-user', password });
} else if (signIn === 'token') {
  console.log('sign-in: FALLBACK (PC_SIGNIN=token), a token minted with `promptcraft-engine token --user ' +
    'guide-user`; the REST sign-in is not exercised');
  const token = spawnSync(engine, engineArgs(['token', '--user', 'guide-user', '--ttl', '10m']),
    { env, encoding: 'utf8' });
  if (token.status !== 0) fail('could not mint a token: ' + token.stderr);
  config.token = token.stdout.trim();
} else {
  console.error(`PC_SIGNIN must be rest or token, not ${signIn}`);
  process.exit(2);
}

const server = spawn(engine, engineArgs(['--listen', '127.0.0.1:8000', '--allowed-origin', pageOrigin]),
  { env, stdio: ['ignore', 'pipe', 'pipe'] });
let serverExit = null;
const serverExited = new Promise((res) => server.once('exit', (code, signal) => { serverExit = { code, signal }; res(); }));
cleanup.push(() => { if (!serverExit) server.kill('SIGKILL'); });
let serverLog = '';
server.stdout.on('data', (d) => { serverLog += d; });
server.stderr.on('data', (d) => { serverLog += d; });
await new Promise((res, rej) => {
  const deadline = setTimeout(() => rej(new Error('engine did not start:\n' + serverLog)), 15000);
  const check = () => {
    if (serverLog.includes('listening on')) { clearTimeout(deadline); res(); }
    else if (serverExit) { clearTimeout(deadline); rej(new Error('engine exited:\n' + serverLog)); }
    else setTimeout(check, 50);
  };
  check();
}).catch((e) => fail(String(e)));
const engineUpAt = Date.now();

// Chromium as the machine's notes say it runs here; Playwright adds a fresh empty --user-data-dir
// (its own temporary profile) and removes it on close.
const redact = (text) => String(text).replace(/(token=)[^&\s"'`]+/g, '$1<redacted>');
const consoleLines = [];
let browser;
const results = [];
let browserStartedAt, scenarioDoneAt;
try {
  browser = await chromium.launch({
    executablePath: chromiumPath, headless: true, timeout: 60000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  browserStartedAt = Date.now();
  const context = await browser.newContext();
  const tab = await context.newPage();
  tab.on('console', (m) => consoleLines.push(`[page ${m.type()}] ${redact(m.text())}`));
  tab.on('pageerror', (e) => {
    consoleLines.push(`[page exception] ${redact(e.message)}`);
    results.push({ name: 'no uncaught exception in the page', ok: false, detail: redact(e.message) });
  });
  const response = await tab.goto(pageOrigin + '/', { waitUntil: 'load', timeout: 30000 });
  results.push({ name: 'page loads', ok: response.ok(), detail: `${pageOrigin}/ ${response.status()}` });
  const ready = await tab.evaluate(() => typeof window.__run === 'function' && typeof PromptCraftWebSocket === 'function');
  results.push({ name: 'the guide class and the driver are loaded as plain scripts', ok: ready });
  if (ready) {
    tab.evaluate((c) => { window.__run(c); }, config).catch(() => {});
    await tab.waitForFunction(() => window.__done === true, null, { timeout: 150000, polling: 100 })
      .catch((e) => results.push({ name: 'scenario finished in time', ok: false, detail: e.message }));
    results.push(...await tab.evaluate(() => window.__results));
  }
  scenarioDoneAt = Date.now();
  await browser.close();
  browser = null;
} catch (e) {
  results.push({ name: 'Chromium runs the page', ok: false, detail: redact(e && e.message ? e.message : e) });
  if (browser) await browser.close().catch(() => {});
}

server.kill('SIGTERM');
await Promise.race([serverExited, new Promise((res) => setTimeout(res, 10000))]);
results.push({ name: 'engine exits cleanly after SIGTERM', ok: !!serverExit && serverExit.code === 0,
  detail: JSON.stringify(serverExit) });

for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${r.detail ? ': ' + redact(r.detail) : ''}`);
const failed = results.filter((r) => !r.ok).length;
const end = Date.now();
console.log(`timing: compile ${compiledAt - started} ms, engine start ${engineUpAt - compiledAt} ms, ` +
  (browserStartedAt ? `chromium launch ${browserStartedAt - engineUpAt} ms, ` : '') +
  (scenarioDoneAt ? `page scenario ${scenarioDoneAt - browserStartedAt} ms, ` : '') + `total ${end - started} ms`);
if (failed > 0 || process.env.PC_VERBOSE === '1') {
  console.log('page console:\n' + consoleLines.map((l) => '  ' + l).join('\n'));
}
if (failed > 0) console.log('engine log:\n' + redact(serverLog));
console.log(`guide client in Chromium (sign-in: ${signIn === 'rest' ? 'REST' : 'minted token, FALLBACK'}): ` +
  `${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
