
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

async function main() {
  const token: string = process.env.PC_TOKEN;
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
