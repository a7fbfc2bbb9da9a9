// Runs in the page after guide-client.js (the guide's class, compiled unchanged to a plain script, so
// PromptCraftWebSocket is a global). Uses only the class's public API, fetch for the sign-in, and the
// class's socket to see the pong, which the guide's client only logs.
// run-guide-browser.mjs calls window.__run(config) and reads window.__results once window.__done is set.

interface BrowserRunConfig {
  userId: string;               // what a frontend passes as userId (the session id is built from it)
  api: string;                  // the REST API's base, as a frontend has it: http://localhost:8000
  signIn: 'rest' | 'token';     // rest: POST /api/auth/token/; token: one handed in (PC_SIGNIN=token)
  username?: string;
  password?: string;
  token?: string;
  chats: string[];              // the user's requests, sent one after the other
  timeoutMs: number;            // per awaited event
}

interface CheckResult { name: string; ok: boolean; detail?: string }

const pcResults: CheckResult[] = [];
(window as any).__results = pcResults;
(window as any).__done = false;

function pcCheck(name: string, ok: boolean, detail?: string): boolean {
  pcResults.push({ name, ok: !!ok, detail });
  document.getElementById('status')!.textContent = `${pcResults.length} checks`;
  return !!ok;
}

// Records every event the client emits from the moment it is made, so none is missed while the driver
// awaits something else (the guide's emitter has no off(), so each event gets one listener).
class PcEventLog {
  private seen: { [event: string]: any[] } = {};
  private wake: Array<() => void> = [];

  constructor(client: PromptCraftWebSocket, events: string[]) {
    for (const event of events) {
      this.seen[event] = [];
      client.on(event, (data: any) => {
        this.seen[event].push(data);
        for (const w of this.wake.splice(0)) w();
      });
    }
  }

  all(event: string): any[] { return this.seen[event]; }

  // The count-th event of that name (1-based), waiting for it when it has not come yet.
  nth(event: string, count: number, ms: number): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for '${event}' #${count}`)), ms);
      const test = () => {
        if (this.seen[event].length >= count) {
          clearTimeout(timer);
          resolve(this.seen[event][count - 1]);
        } else {
          this.wake.push(test);
        }
      };
      test();
    });
  }
}

async function pcPostJson(url: string, body: any): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  let json: any = null;
  try { json = await response.json(); } catch { json = null; }
  return { status: response.status, json };
}

// Signs in as a web frontend for djangorestframework-simplejwt does, cross-origin (the page is served
// from another origin than the engine's, so this goes through CORS).
async function pcSignIn(config: BrowserRunConfig): Promise<string | null> {
  if (config.signIn === 'token') {
    pcCheck('sign-in: token handed in (PC_SIGNIN=token, no REST sign-in)', !!config.token);
    return config.token || null;
  }
  const url = `${config.api}/api/auth/token/`;
  const wrong = await pcPostJson(url, { username: config.username, password: config.password + 'x' });
  pcCheck('sign-in with a wrong password answers 401', wrong.status === 401,
    `${wrong.status} ${JSON.stringify(wrong.json)}`);
  const signedIn = await pcPostJson(url, { username: config.username, password: config.password });
  const ok = signedIn.status === 200 && signedIn.json && typeof signedIn.json.access === 'string' &&
    typeof signedIn.json.refresh === 'string';
  pcCheck('sign-in through POST /api/auth/token/ answers 200 with access and refresh', ok,
    ok ? undefined : `${signedIn.status} ${JSON.stringify(signedIn.json)}`);
  return ok ? signedIn.json.access : null;
}

async function pcScenario(config: BrowserRunConfig) {
  const ms = config.timeoutMs;
  const token = await pcSignIn(config);
  if (!token) throw new Error('no access token; cannot go on');

  // As the guide's getAuthToken() + <PromptCraftChat userId token>: the class appends ?token=.
  const client = new PromptCraftWebSocket(config.userId, token);
  const log = new PcEventLog(client, ['connected', 'ai_response', 'template_opportunity', 'template_created', 'error']);

  pcCheck('connect() resolves true', (await client.connect()) === true);
  const socket: WebSocket = (client as any).socket;
  const url = new URL(socket.url);
  pcCheck('the socket URL carries ?token= on /ws/chat/<session>/',
    url.searchParams.get('token') === token && /^\/ws\/chat\/session_user_[^/]+_\d+\/$/.test(url.pathname),
    url.pathname);

  const ack = await log.nth('connected', 1, ms);
  pcCheck('connection_ack: authenticated', ack.authenticated === true, `user_id ${JSON.stringify(ack.user_id)}`);
  pcCheck('connection_ack: the session id of the URL',
    typeof ack.session_id === 'string' && ack.session_id.startsWith(`session_user_${config.userId}_`), ack.session_id);
  pcCheck('connection_ack: the guide\'s feature flags',
    !!ack.features && ['template_creation', 'ai_optimization', 'langchain_fallback']
      .every((k) => typeof ack.features[k] === 'boolean'), JSON.stringify(ack.features));

  // Ping: the guide's client only logs the pong (default branch), so watch its socket for it.
  const pong = new Promise<any>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no pong')), ms);
    socket.addEventListener('message', (e: MessageEvent) => {
      const m = JSON.parse(e.data);
      if (m.type === 'pong') { clearTimeout(timer); resolve(m); }
    });
  });
  pcCheck('ping sent', client.sendMessage('ping', {}));
  const p = await pong;
  pcCheck('pong received', p.type === 'pong' && typeof p.timestamp === 'string', p.timestamp);

  // Chat, as the guide's hook sends it: content + a crypto.randomUUID() message id.
  for (let i = 0; i < config.chats.length; ++i) {
    const messageId = crypto.randomUUID();
    pcCheck(`chat_message ${i + 1} sent`, client.sendMessage('chat_message', { content: config.chats[i], message_id: messageId }));
    const a = await log.nth('ai_response', i + 1, ms);
    pcCheck(`ai_response ${i + 1}: assistant content`, a.role === 'assistant' && typeof a.content === 'string' &&
      a.content.length > 0, `status ${a.status}, ${String(a.content).length} chars`);
    pcCheck(`ai_response ${i + 1}: answers message ${i + 1}`, a.reply_to === messageId, `reply_to ${a.reply_to}`);
    pcCheck(`ai_response ${i + 1}: processing_time_ms`, typeof a.processing_time_ms === 'number', String(a.processing_time_ms));
  }

  const opportunity = await log.nth('template_opportunity', 1, ms);
  const s = opportunity.suggestion || {};
  pcCheck('template_opportunity: a suggestion with title, category, description and reasoning',
    typeof s.title === 'string' && s.title.length > 0 && typeof s.category === 'string' && s.category.length > 0 &&
    typeof s.description === 'string' && typeof s.reasoning === 'string',
    `"${s.title}" (${s.category}); ${log.all('template_opportunity').length} received`);
  pcCheck('template_opportunity: confidence in 0..1',
    typeof s.confidence === 'number' && s.confidence >= 0 && s.confidence <= 1, String(s.confidence));

  // Save it as the guide's acceptTemplateOpportunity() does.
  pcCheck('save_conversation_as_template sent', client.sendMessage('save_conversation_as_template', {
    title: s.title, category: s.category, include_ai_responses: true,
  }));
  const created = await log.nth('template_created', 1, ms);
  const t = created.template || {};
  pcCheck('template_created: a template id', typeof t.id === 'string' && t.id.length > 0, t.id);
  pcCheck('template_created: the title asked for', t.title === s.title, `"${t.title}"`);
  pcCheck('template_created: category and message', typeof t.category === 'string' && typeof created.message === 'string',
    `${t.category}; ${created.message}`);

  pcCheck('no error events', log.all('error').length === 0, JSON.stringify(log.all('error')));
  client.disconnect();
}

(window as any).__run = async (config: BrowserRunConfig) => {
  try {
    await pcScenario(config);
  } catch (e) {
    pcCheck('scenario completed', false, String(e && (e as any).message ? (e as any).message : e));
  } finally {
    (window as any).__done = true;
  }
};
