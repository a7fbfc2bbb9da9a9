
// ---- driver: uses only the public API of the guide's class ----
const results: { name: string; ok: boolean; detail?: string }[] = [];
function check(name: string, ok: boolean, detail?: string) {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
}
function waitForEvent(client: PromptCraftWebSocket, event: string, ms = 10000): Promise<any> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for '${event}'`)), ms);
    client.on(event, (data: any) => { clearTimeout(timer); resolve(data); });
  });
}

// Node 18+ has fetch; the DOM lib types it.
async function postJson(url: string, body: any): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

// Signs in as a web frontend would (djangorestframework-simplejwt's endpoints), then hands the access
// token to the guide's client like the guide's getAuthToken() does.
async function signIn(): Promise<string> {
  const api: string = process.env.PC_API;
  const username: string = process.env.PC_USERNAME;
  const password: string = process.env.PC_PASSWORD;

  const wrong = await postJson(`${api}/api/auth/token/`, { username, password: password + 'x' });
  check('wrong password is refused with 401', wrong.status === 401 && typeof wrong.json.detail === 'string',
    `${wrong.status} ${JSON.stringify(wrong.json)}`);

  const signedIn = await postJson(`${api}/api/auth/token/`, { username, password });
  check('sign-in answers 200 with access and refresh', signedIn.status === 200 &&
    typeof signedIn.json.access === 'string' && typeof signedIn.json.refresh === 'string', String(signedIn.status));

  const refreshed = await postJson(`${api}/api/auth/token/refresh/`, { refresh: signedIn.json.refresh });
  check('refresh answers a new access token', refreshed.status === 200 && typeof refreshed.json.access === 'string',
    String(refreshed.status));

  const templates = await fetch(`${api}/api/templates/`, { headers: { Authorization: `Bearer ${signedIn.json.access}` } });
  const list = await templates.json();
  check('templates API accepts the access token', templates.status === 200 && Array.isArray(list.results),
    `${templates.status} ${JSON.stringify(list)}`);
  return refreshed.json.access || signedIn.json.access;
}

async function main() {
  const rest = process.env.PC_SCENARIO === 'rest';
  const token: string = rest ? await signIn() : process.env.PC_TOKEN;
  const client = new PromptCraftWebSocket('guide-user', token);
  const connected = waitForEvent(client, 'connected');
  check('connect() resolves', (await client.connect()) === true);
  const ack = await connected;
  check('connection_ack is authenticated', ack.authenticated === true, JSON.stringify(ack.features));
  check('connection_ack echoes the session', typeof ack.session_id === 'string' && ack.session_id.startsWith('session_user_guide-user_'));
  check('features carry the guide\'s flags', ['template_creation', 'ai_optimization', 'langchain_fallback']
    .every((k) => typeof ack.features[k] === 'boolean'));

  // The guide's client logs types it does not handle (pong); listen on its socket to see them.
  const socket: WebSocket = (client as any).socket;
  const pong = new Promise<any>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no pong')), 10000);
    socket.addEventListener('message', (e: MessageEvent) => {
      const m = JSON.parse(e.data);
      if (m.type === 'pong') { clearTimeout(timer); resolve(m); }
    });
  });
  check('ping sent', client.sendMessage('ping', {}));
  const p = await pong;
  check('pong received', p.type === 'pong' && typeof p.timestamp === 'string');

  const answer = waitForEvent(client, 'ai_response');
  check('chat_message sent', client.sendMessage('chat_message', {
    content: 'Hello, can you help me create a template?', message_id: 'guide-' + Date.now(),
  }));
  const a = await answer;
  check('ai_response has content', typeof a.content === 'string' && a.content.length > 0, a.status);
  check('ai_response has processing_time_ms', typeof a.processing_time_ms === 'number');
  check('ai_response is from the assistant', a.role === 'assistant');

  client.disconnect();
  const failed = results.filter((r) => !r.ok).length;
  console.log(`guide client: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.log(`FAIL ${String(e && e.message ? e.message : e)}`);
  process.exit(1);
});
