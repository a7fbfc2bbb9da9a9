// Runs the TypeScript client of the integration guide (shared/reference/websocket-integration-guide.md),
// compiled unchanged, against a real promptcraft-engine on ws://localhost:8000 (the address the guide's
// client has built in).
//
//   node run-guide-client.mjs <path to promptcraft-engine> [scenario]
//
// The client class is extracted verbatim from the guide; only a prelude (WebSocket for Node.js) and a
// driver that calls its public methods are added around it. Scenarios (PC_SCENARIO for the driver):
//   chat  a token from `promptcraft-engine token`, then a chat over the guide's client
//   rest  a user made with `promptcraft-engine user add`, signed in through POST /api/auth/token/ with
//         fetch, then the guide's client constructed with the access token
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
const engine = process.argv[2];
const scenario = process.argv[3] || 'chat';
const scenarios = ['chat', 'rest'];
if (!scenarios.includes(scenario)) {
  console.error(`unknown scenario '${scenario}'; one of: ${scenarios.join(', ')}`);
  process.exit(2);
}
if (!engine || !existsSync(engine)) {
  console.error(`usage: node run-guide-client.mjs <promptcraft-engine> [scenario]; got ${engine}`);
  process.exit(2);
}
if (!existsSync(join(here, 'node_modules', 'typescript')) || !existsSync(join(here, 'node_modules', 'ws'))) {
  console.error('tests/web/node_modules is missing: run `npm ci` in tests/web (the test command does it)');
  process.exit(1);
}

// The guide: shared/ beside the project root, else the copy kept with the tests.
const guideCandidates = [
  process.env.PC_GUIDE,
  resolve(here, '../../../shared/reference/websocket-integration-guide.md'),
  join(here, 'guide', 'websocket-integration-guide.md'),
].filter(Boolean);
const guidePath = guideCandidates.find((p) => existsSync(p));
const guide = readFileSync(guidePath, 'utf8');
const blocks = [...guide.matchAll(/```typescript\n([\s\S]*?)```/g)].map((m) => m[1]);
const clientCode = blocks.find((b) => b.includes('class PromptCraftWebSocket'));
if (!clientCode) {
  console.error(`no PromptCraftWebSocket class found in ${guidePath}`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'promptcraft-guide-'));
const cleanup = [];
process.on('exit', () => {
  for (const fn of cleanup) fn();
  rmSync(work, { recursive: true, force: true });
});

const prelude = `// Node.js has no browser WebSocket: the ws package provides the same API.
declare const process: any;
declare function require(name: string): any;
(globalThis as any).WebSocket = require('ws');
`;
const driver = readFileSync(join(here, 'guide-driver.ts'), 'utf8');
mkdirSync(join(work, 'src'));
writeFileSync(join(work, 'src', 'guide-client.ts'), prelude + '\n' + clientCode + '\n' + driver);
writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    target: 'ES2020', module: 'commonjs', lib: ['ES2020', 'DOM'], strict: false, noImplicitAny: false,
    skipLibCheck: true, outDir: 'out', rootDir: 'src', types: [],
  },
  include: ['src'],
}));
const tsc = spawnSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', work],
  { encoding: 'utf8' });
if (tsc.status !== 0) {
  console.error('the guide client does not compile:\n' + tsc.stdout + tsc.stderr);
  process.exit(1);
}

// A port the guide's hard-coded ws://localhost:8000 can reach.
const portFree = await new Promise((res) => {
  const s = net.createServer().once('error', () => res(false)).once('listening', () => s.close(() => res(true)));
  s.listen(8000, '127.0.0.1');
});
if (!portFree) {
  console.error('port 8000 on 127.0.0.1 is in use; the guide client only connects to ws://localhost:8000');
  process.exit(1);
}

const dataDir = join(work, 'data');
const env = { ...process.env, PROMPTCRAFT_JWT_SECRET: 'guide-test-secret-0123456789abcdefghijklmnop' };
const extraArgs = JSON.parse(process.env.PC_ENGINE_ARGS || '[]');
const server = spawn(engine, ['--listen', '127.0.0.1:8000', '--data-dir', dataDir, ...extraArgs],
  { env, stdio: ['ignore', 'pipe', 'pipe'] });
cleanup.push(() => server.kill('SIGTERM'));
let serverLog = '';
server.stdout.on('data', (d) => { serverLog += d; });
server.stderr.on('data', (d) => { serverLog += d; });
await new Promise((res, rej) => {
  const deadline = setTimeout(() => rej(new Error('engine did not start:\n' + serverLog)), 15000);
  const check = () => (serverLog.includes('listening on') ? (clearTimeout(deadline), res()) : setTimeout(check, 50));
  check();
}).catch((e) => { console.error(String(e)); process.exit(1); });

const driverEnv = { ...env, NODE_PATH: join(here, 'node_modules'), PC_SCENARIO: scenario };
if (scenario === 'rest') {
  // An account as an operator makes one; the password goes in on standard input.
  const password = 'guide-password-' + process.pid;
  const added = spawnSync(engine, ['user', 'add', 'guide-user', '--password-stdin', '--data-dir', dataDir],
    { env, input: password + '\n', encoding: 'utf8' });
  if (added.status !== 0) {
    console.error('could not create the user: ' + added.stderr);
    process.exit(1);
  }
  Object.assign(driverEnv, { PC_USERNAME: 'guide-user', PC_PASSWORD: password, PC_API: 'http://127.0.0.1:8000' });
} else {
  const token = spawnSync(engine, ['token', '--user', 'guide-user', '--ttl', '10m', '--data-dir', dataDir],
    { env, encoding: 'utf8' });
  if (token.status !== 0) {
    console.error('could not mint a token: ' + token.stderr);
    process.exit(1);
  }
  driverEnv.PC_TOKEN = token.stdout.trim();
}

const run = spawnSync(process.execPath, [join(work, 'out', 'guide-client.js')], {
  env: driverEnv, encoding: 'utf8', timeout: 60000,
});
process.stdout.write(run.stdout || '');
process.stderr.write(run.stderr || '');
if (run.status !== 0) {
  console.error('engine log:\n' + serverLog);
  process.exit(1);
}
server.kill('SIGTERM');
const exitCode = await new Promise((res) => server.once('exit', (code) => res(code)));
if (exitCode !== 0) {
  console.error(`engine exited with ${exitCode} after SIGTERM:\n${serverLog}`);
  process.exit(1);
}
