<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>确定(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Ctrl</source>
        <translation>Ctrl</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>回车</translation>
    </message>
</context>
<context>
    <name>TemplateFormat</name>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>%1 (%2): triple braces are not supported</source>
        <translation>%1（%2）：不支持三重花括号</translation>
    </message>
    <message>
        <source>%1 (%2): &quot;{{&quot; is never closed</source>
        <translation>%1（%2）：&quot;{{&quot; 没有闭合</translation>
    </message>
    <message>
        <source>%1 (%2): empty tag</source>
        <translation>%1（%2）：空标签</translation>
    </message>
    <message>
        <source>%1 (%2): &quot;%3&quot;: sections, partials, comments and other Mustache tags are not supported, only {{name}}</source>
        <translation>%1（%2）：&quot;%3&quot;：不支持节、局部模板、注释等其他 Mustache 标签，只支持 {{name}}</translation>
    </message>
    <message>
        <source>%1 (%2): &quot;%3&quot; is not a valid tag; names match [A-Za-z_][A-Za-z0-9_]*</source>
        <translation>%1（%2）：&quot;%3&quot; 不是有效的标签；名称须匹配 [A-Za-z_][A-Za-z0-9_]*</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required</source>
        <translation>&quot;%1&quot; 为必填项</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>&quot;%1&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an array of strings</source>
        <translation>&quot;%1&quot; 必须是字符串数组</translation>
    </message>
    <message>
        <source>&quot;%1[%2]&quot; must be a string</source>
        <translation>&quot;%1[%2]&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false</source>
        <translation>&quot;%1&quot; 必须是 true 或 false</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number</source>
        <translation>&quot;%1&quot; 必须是数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an array</source>
        <translation>&quot;%1&quot; 必须是数组</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has %2 entries; at most %3 are allowed</source>
        <translation>&quot;%1&quot; 有 %2 个条目；最多允许 %3 个</translation>
    </message>
    <message>
        <source>&quot;%1[%2]&quot; must be an object</source>
        <translation>&quot;%1[%2]&quot; 必须是对象</translation>
    </message>
    <message>
        <source>variables[%1]</source>
        <translation>variables[%1]</translation>
    </message>
    <message>
        <source>variable &quot;%1&quot;</source>
        <translation>变量 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a valid name; names match [A-Za-z_][A-Za-z0-9_]* (at most %3 characters)</source>
        <translation>%1：&quot;%2&quot; 不是有效的名称；名称须匹配 [A-Za-z_][A-Za-z0-9_]*（最多 %3 个字符）</translation>
    </message>
    <message>
        <source>%1: an enum needs options</source>
        <translation>%1：枚举类型需要选项</translation>
    </message>
    <message>
        <source>%1: at most %2 options are allowed</source>
        <translation>%1：最多允许 %2 个选项</translation>
    </message>
    <message>
        <source>%1: options must not be empty</source>
        <translation>%1：选项不能为空</translation>
    </message>
    <message>
        <source>%1: option &quot;%2&quot; appears twice</source>
        <translation>%1：选项 &quot;%2&quot; 出现了两次</translation>
    </message>
    <message>
        <source>%1: only enum variables have options</source>
        <translation>%1：只有枚举类型的变量才有选项</translation>
    </message>
    <message>
        <source>%1: the default must be a string</source>
        <translation>%1：默认值必须是字符串</translation>
    </message>
    <message>
        <source>%1: the default &quot;%2&quot; is not one of the options</source>
        <translation>%1：默认值 &quot;%2&quot; 不在选项之中</translation>
    </message>
    <message>
        <source>%1: the default must be a number</source>
        <translation>%1：默认值必须是数字</translation>
    </message>
    <message>
        <source>%1: the default must be true or false</source>
        <translation>%1：默认值必须是 true 或 false</translation>
    </message>
    <message numerus="yes">
        <source>and %n more problem(s)</source>
        <translation>
            <numerusform>以及另外 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>Invalid template: %1.</source>
        <translation>无效的模板：%1。</translation>
    </message>
    <message>
        <source>the title is missing or empty</source>
        <translation>标题缺失或为空</translation>
    </message>
    <message>
        <source>the title is longer than %1 characters</source>
        <translation>标题超过 %1 个字符</translation>
    </message>
    <message>
        <source>the body is missing or empty</source>
        <translation>正文缺失或为空</translation>
    </message>
    <message>
        <source>the body is longer than %1 characters</source>
        <translation>正文超过 %1 个字符</translation>
    </message>
    <message>
        <source>the system prompt is longer than %1 characters</source>
        <translation>系统提示词超过 %1 个字符</translation>
    </message>
    <message>
        <source>the version must be 1 or more</source>
        <translation>版本必须大于或等于 1</translation>
    </message>
    <message>
        <source>%1 variables; at most %2 are allowed</source>
        <translation>共 %1 个变量；最多允许 %2 个</translation>
    </message>
    <message>
        <source>variable &quot;%1&quot; is declared twice</source>
        <translation>变量 &quot;%1&quot; 被声明了两次</translation>
    </message>
    <message>
        <source>{{%1}} is used but not declared</source>
        <translation>{{%1}} 被使用但未声明</translation>
    </message>
    <message>
        <source>variable &quot;%1&quot; is declared but never used</source>
        <translation>变量 &quot;%1&quot; 已声明但从未使用</translation>
    </message>
    <message>
        <source>%1 examples; at most %2 are allowed</source>
        <translation>共 %1 个示例；最多允许 %2 个</translation>
    </message>
    <message>
        <source>examples[%1] sets &quot;%2&quot;, which is not a variable</source>
        <translation>examples[%1] 设置了 &quot;%2&quot;，但它不是变量</translation>
    </message>
    <message>
        <source>source.confidence must be between 0 and 1</source>
        <translation>source.confidence 必须介于 0 和 1 之间</translation>
    </message>
    <message>
        <source>&quot;schema&quot; is &quot;%1&quot;, expected &quot;%2&quot;</source>
        <translation>&quot;schema&quot; 为 &quot;%1&quot;，应为 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number of 1 or more</source>
        <translation>&quot;version&quot; 必须是大于或等于 1 的整数</translation>
    </message>
    <message>
        <source>&quot;%1type&quot; is &quot;%2&quot;; expected text, multiline, enum, number or bool</source>
        <translation>&quot;%1type&quot; 为 &quot;%2&quot;；应为 text、multiline、enum、number 或 bool</translation>
    </message>
    <message>
        <source>&quot;%1default&quot; must be a string, number or bool</source>
        <translation>&quot;%1default&quot; 必须是字符串、数字或布尔值</translation>
    </message>
    <message>
        <source>&quot;%1inputs&quot; must be an object</source>
        <translation>&quot;%1inputs&quot; 必须是对象</translation>
    </message>
    <message>
        <source>&quot;source&quot; must be an object</source>
        <translation>&quot;source&quot; 必须是对象</translation>
    </message>
    <message>
        <source>The template file is larger than %1 bytes.</source>
        <translation>模板文件大于 %1 字节。</translation>
    </message>
    <message>
        <source>The template is not valid JSON: %1 at offset %2.</source>
        <translation>模板不是有效的 JSON：%1（位置 %2）。</translation>
    </message>
    <message>
        <source>The template must be a JSON object.</source>
        <translation>模板必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be one of: %2</source>
        <translation>&quot;%1&quot; 必须是以下值之一：%2</translation>
    </message>
    <message>
        <source>missing required values: %1</source>
        <translation>缺少必填值：%1</translation>
    </message>
    <message>
        <source>Cannot fill in the template: %1.</source>
        <translation>无法填写模板：%1。</translation>
    </message>
</context>
<context>
    <name>pc::Application</name>
    <message>
        <source>PromptCraft: a native AI chat client that turns good conversations into reusable prompt templates. Without a display it serves its engine on the console.</source>
        <translation>PromptCraft：原生 AI 聊天客户端，可将优质对话转化为可复用的提示词模板。没有显示器时，它会在控制台中运行引擎。</translation>
    </message>
    <message>
        <source>Open a demo conversation and every dialog, save PNG screenshots to &lt;dir&gt;, and quit.</source>
        <translation>打开一个演示对话和所有对话框，将 PNG 截图保存到 &lt;dir&gt;，然后退出。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>dir</translation>
    </message>
    <message>
        <source>PromptCraft: no display found; serving the headless engine instead (Ctrl+C to stop).</source>
        <translation>PromptCraft：未找到显示器，改为运行无界面引擎（按 Ctrl+C 停止）。</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1): secrets are kept in memory for this run.</source>
        <translation>系统密钥环不可用（%1）：本次运行期间机密信息仅保存在内存中。</translation>
    </message>
    <message>
        <source>Engine listening on %1 (data in %2).</source>
        <translation>引擎正在监听 %1（数据位于 %2）。</translation>
    </message>
    <message>
        <source>The engine could not start: %1</source>
        <translation>引擎无法启动：%1</translation>
    </message>
    <message>
        <source>PromptCraft</source>
        <translation>PromptCraft</translation>
    </message>
    <message>
        <source>PromptCraft is already running</source>
        <translation>PromptCraft 已在运行</translation>
    </message>
    <message>
        <source>PromptCraft cannot open its history</source>
        <translation>PromptCraft 无法打开历史记录</translation>
    </message>
    <message>
        <source>History recovered</source>
        <translation>历史记录已恢复</translation>
    </message>
    <message>
        <source>The local engine could not start: %1</source>
        <translation>本地引擎无法启动：%1</translation>
    </message>
    <message>
        <source>No system keychain</source>
        <translation>没有系统密钥环</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). PromptCraft keeps keys and sign-ins in memory for this session only: they are forgotten when it quits.</source>
        <translation>系统密钥环不可用（%1）。PromptCraft 仅在本次会话中将密钥和登录信息保存在内存里：退出后它们将被遗忘。</translation>
    </message>
    <message>
        <source>the sign-in expired or was ended on the server.</source>
        <translation>登录已过期或已在服务器上被终止。</translation>
    </message>
</context>
<context>
    <name>pc::ChainJob</name>
    <message>
        <source>The answer from %1 was interrupted (%2).</source>
        <translation>来自 %1 的回答被中断（%2）。</translation>
    </message>
    <message>
        <source>No AI provider is configured.</source>
        <translation>尚未配置 AI 提供商。</translation>
    </message>
    <message>
        <source>No AI provider could answer: %1.</source>
        <translation>没有 AI 提供商能够回答：%1。</translation>
    </message>
    <message>
        <source>%1 is paused after repeated failures</source>
        <translation>%1 多次失败后已暂停</translation>
    </message>
    <message>
        <source>%1 rejected the API key</source>
        <translation>%1 拒绝了 API 密钥</translation>
    </message>
    <message>
        <source>%1 balance exhausted</source>
        <translation>%1 余额已用尽</translation>
    </message>
    <message>
        <source>%1 is busy</source>
        <translation>%1 繁忙</translation>
    </message>
    <message>
        <source>%1 is unavailable (%2)</source>
        <translation>%1 不可用（%2）</translation>
    </message>
    <message>
        <source>%1; answered by %2</source>
        <translation>%1；由 %2 回答</translation>
    </message>
</context>
<context>
    <name>pc::ChatMessageDelegate</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Offline answer: no AI provider was reachable</source>
        <translation>离线回答：无法连接任何 AI 提供商</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Queued: will send when connected</source>
        <translation>排队中：连接后发送</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Hide reasoning</source>
        <translation>隐藏推理过程</translation>
    </message>
    <message>
        <source>Show reasoning</source>
        <translation>显示推理过程</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>pc::ChatMessageModel</name>
    <message>
        <source>You: %1</source>
        <translation>你：%1</translation>
    </message>
    <message>
        <source>PromptCraft: %1</source>
        <translation>PromptCraft：%1</translation>
    </message>
    <message>
        <source>%1 → %2 tokens</source>
        <translation>%1 → %2 个 token</translation>
    </message>
    <message>
        <source>%1 (%2 cached)</source>
        <translation>%1（%2 个来自缓存）</translation>
    </message>
</context>
<context>
    <name>pc::ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>消息操作</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation>复制为 Markdown(&amp;M)</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>Hide r&amp;easoning</source>
        <translation>隐藏推理过程(&amp;E)</translation>
    </message>
    <message>
        <source>Show r&amp;easoning</source>
        <translation>显示推理过程(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>重新生成(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit and resend</source>
        <translation>编辑并重新发送(&amp;E)</translation>
    </message>
    <message>
        <source>Copy co&amp;de</source>
        <translation>复制代码(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;%1: %2</source>
        <translation>&amp;%1：%2</translation>
    </message>
</context>
<context>
    <name>pc::Composer</name>
    <message>
        <source>Message composer</source>
        <translation>消息编辑器</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Message PromptCraft (Enter sends, Shift+Enter starts a new line)</source>
        <translation>给 PromptCraft 发消息（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>Insert template</source>
        <translation>插入模板</translation>
    </message>
    <message>
        <source>Fill in a prompt template</source>
        <translation>填写提示词模板</translation>
    </message>
    <message>
        <source>Optimize prompt</source>
        <translation>优化提示词</translation>
    </message>
    <message>
        <source>Let PromptCraft suggest a clearer version of this prompt</source>
        <translation>让 PromptCraft 为这条提示词建议一个更清晰的版本</translation>
    </message>
    <message>
        <source>Offline: your message will send when connected.</source>
        <translation>离线：连接后将发送你的消息。</translation>
    </message>
    <message>
        <source>Connection hint</source>
        <translation>连接提示</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>已用字符数</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Too long to send: shorten the message.</source>
        <translation>内容过长，无法发送：请缩短消息。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop generating (Esc)</source>
        <translation>停止生成（Esc）</translation>
    </message>
    <message>
        <source>Stop generating</source>
        <translation>停止生成</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
</context>
<context>
    <name>pc::ConnectionBanner</name>
    <message>
        <source>Connection status</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Retry connecting now</source>
        <translation>立即重新连接</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>1 message will be sent when connected.</source>
        <translation>连接后将发送 1 条消息。</translation>
    </message>
    <message numerus="yes">
        <source>%n messages will be sent when connected.</source>
        <translation>
            <numerusform>连接后将发送 %n 条消息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s…</source>
        <translation>
            <numerusform>连接已断开。%n 秒后重新连接…</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation>连接已断开。正在重新连接…</translation>
    </message>
    <message>
        <source>Offline.</source>
        <translation>离线。</translation>
    </message>
    <message>
        <source>Messages you send will wait until the connection is back.</source>
        <translation>你发送的消息将在连接恢复后发出。</translation>
    </message>
    <message>
        <source>Signed out. Sign in to keep chatting.</source>
        <translation>已退出登录。请登录以继续对话。</translation>
    </message>
    <message>
        <source>Signed out: %1 Sign in to keep chatting.</source>
        <translation>已退出登录：%1 请登录以继续对话。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>one sentence after another</comment>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>pc::ConversationListModel</name>
    <message>
        <source>Untitled chat</source>
        <translation>未命名对话</translation>
    </message>
    <message>
        <source>Pinned, last active %1</source>
        <translation>已置顶，最后活动于 %1</translation>
    </message>
    <message>
        <source>Last active %1</source>
        <translation>最后活动于 %1</translation>
    </message>
    <message>
        <source>Archived, last active %1</source>
        <translation>已归档，最后活动于 %1</translation>
    </message>
</context>
<context>
    <name>pc::ConversationSync</name>
    <message>
        <source>The connection is gone.</source>
        <translation>连接已断开。</translation>
    </message>
    <message>
        <source>The server address must be a ws:// or wss:// URL, and the session id valid.</source>
        <translation>服务器地址必须是 ws:// 或 wss:// URL，且会话 ID 必须有效。</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>消息为空。</translation>
    </message>
    <message>
        <source>The message is too long (at most %1 characters).</source>
        <translation>消息过长（最多 %1 个字符）。</translation>
    </message>
</context>
<context>
    <name>pc::EndpointUrls</name>
    <message>
        <source>The address is empty.</source>
        <translation>地址为空。</translation>
    </message>
    <message>
        <source>The address is not a valid URL.</source>
        <translation>地址不是有效的 URL。</translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss:// (servers) or with http:// or https:// (providers).</source>
        <translation>地址必须以 ws:// 或 wss://（服务器）开头，或者以 http:// 或 https://（提供商）开头。</translation>
    </message>
    <message>
        <source>The address has no host name.</source>
        <translation>地址中没有主机名。</translation>
    </message>
    <message>
        <source>The address contains a user name or password; sign in separately instead.</source>
        <translation>地址中包含用户名或密码；请改为单独登录。</translation>
    </message>
    <message>
        <source>A server address may not contain &apos;?&apos; or &apos;#&apos; parts.</source>
        <translation>服务器地址不能包含 &apos;?&apos; 或 &apos;#&apos; 部分。</translation>
    </message>
    <message>
        <source>The address seems to contain a key or token; enter keys in the key field.</source>
        <translation>地址中似乎包含密钥或令牌；请在密钥字段中输入密钥。</translation>
    </message>
</context>
<context>
    <name>pc::HistoryExporter</name>
    <message>
        <source>Could not write the export: %1</source>
        <translation>无法写入导出文件：%1</translation>
    </message>
    <message>
        <source>write failed</source>
        <translation>写入失败</translation>
    </message>
    <message>
        <source>A conversation has no id.</source>
        <translation>有对话没有 ID。</translation>
    </message>
    <message>
        <source>The conversation %1 has a field of the wrong type.</source>
        <translation>对话 %1 中有字段的类型错误。</translation>
    </message>
    <message>
        <source>The messages of conversation %1 are not a list.</source>
        <translation>对话 %1 的消息不是列表。</translation>
    </message>
    <message>
        <source>A message has no valid id.</source>
        <translation>有消息没有有效的 ID。</translation>
    </message>
    <message>
        <source>The message %1 has an unknown role or status.</source>
        <translation>消息 %1 的角色或状态未知。</translation>
    </message>
    <message>
        <source>The message %1 has no text.</source>
        <translation>消息 %1 没有文本。</translation>
    </message>
    <message>
        <source>The message %1 has no valid time.</source>
        <translation>消息 %1 没有有效的时间。</translation>
    </message>
    <message>
        <source>The file is not valid JSON (%1 at offset %2).</source>
        <translation>该文件不是有效的 JSON（%1，位置 %2）。</translation>
    </message>
    <message>
        <source>The file is not a PromptCraft history export.</source>
        <translation>该文件不是 PromptCraft 的历史记录导出文件。</translation>
    </message>
    <message>
        <source>The file holds no list of conversations.</source>
        <translation>该文件中没有对话列表。</translation>
    </message>
    <message>
        <source>A conversation is not an object.</source>
        <translation>有对话不是对象。</translation>
    </message>
    <message>
        <source>A message is not an object.</source>
        <translation>有消息不是对象。</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>offline answer</source>
        <translation>离线回答</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>未命名对话</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>开始于 %1</translation>
    </message>
    <message>
        <source>The message %1 has reasoning that is not text.</source>
        <translation>消息 %1 的推理过程不是文本。</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理过程</translation>
    </message>
</context>
<context>
    <name>pc::HistoryStore</name>
    <message>
        <source>The history is not open.</source>
        <translation>历史记录未打开。</translation>
    </message>
    <message>
        <source>Could not create the folder %1 for the history.</source>
        <translation>无法为历史记录创建文件夹 %1。</translation>
    </message>
    <message>
        <source>A new history file could not be created.</source>
        <translation>无法创建新的历史记录文件。</translation>
    </message>
    <message>
        <source>Could not open the history</source>
        <translation>无法打开历史记录</translation>
    </message>
    <message>
        <source>Could not check the history</source>
        <translation>无法检查历史记录</translation>
    </message>
    <message>
        <source>The history file %1 is damaged and could not be moved aside.</source>
        <translation>历史记录文件 %1 已损坏，且无法移到一旁。</translation>
    </message>
    <message>
        <source>The history file was damaged. It has been set aside as %1 and a new, empty history was started.</source>
        <translation>历史记录文件已损坏。它已另存为 %1，并已新建一个空的历史记录。</translation>
    </message>
    <message>
        <source>Could not upgrade the history</source>
        <translation>无法升级历史记录</translation>
    </message>
    <message>
        <source>The history was written by a newer version of PromptCraft (schema %1); this version understands schema %2.</source>
        <translation>历史记录由更新版本的 PromptCraft 写入（架构 %1）；此版本只能识别架构 %2。</translation>
    </message>
    <message>
        <source>Could not recover interrupted messages</source>
        <translation>无法恢复被中断的消息</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the history file is read-only</source>
        <translation>历史记录文件为只读</translation>
    </message>
    <message>
        <source>the history is in use by another program</source>
        <translation>历史记录正被另一个程序使用</translation>
    </message>
    <message>
        <source>the disk reported an input/output error</source>
        <translation>磁盘报告了输入/输出错误</translation>
    </message>
    <message>
        <source>the history file cannot be opened</source>
        <translation>无法打开历史记录文件</translation>
    </message>
    <message>
        <source>the history file is damaged</source>
        <translation>历史记录文件已损坏</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <source>Could not write to the history</source>
        <translation>无法写入历史记录</translation>
    </message>
    <message>
        <source>Could not save to the history</source>
        <translation>无法保存到历史记录</translation>
    </message>
    <message>
        <source>Could not read the history</source>
        <translation>无法读取历史记录</translation>
    </message>
    <message>
        <source>The conversation %1 does not exist.</source>
        <translation>对话 %1 不存在。</translation>
    </message>
    <message>
        <source>Could not create the conversation</source>
        <translation>无法创建对话</translation>
    </message>
    <message>
        <source>Could not read the conversation</source>
        <translation>无法读取对话</translation>
    </message>
    <message>
        <source>Could not list the conversations</source>
        <translation>无法列出对话</translation>
    </message>
    <message>
        <source>Could not rename the conversation</source>
        <translation>无法重命名对话</translation>
    </message>
    <message>
        <source>Could not update the conversation</source>
        <translation>无法更新对话</translation>
    </message>
    <message>
        <source>Could not pin the conversation</source>
        <translation>无法置顶对话</translation>
    </message>
    <message>
        <source>Could not archive the conversation</source>
        <translation>无法归档对话</translation>
    </message>
    <message>
        <source>Could not delete the conversation</source>
        <translation>无法删除对话</translation>
    </message>
    <message>
        <source>Could not restore the conversation</source>
        <translation>无法恢复对话</translation>
    </message>
    <message>
        <source>There is no deleted conversation %1.</source>
        <translation>不存在已删除的对话 %1。</translation>
    </message>
    <message>
        <source>Could not remove deleted conversations</source>
        <translation>无法清除已删除的对话</translation>
    </message>
    <message>
        <source>A message id must have 1 to %1 characters.</source>
        <translation>消息 ID 必须为 1 到 %1 个字符。</translation>
    </message>
    <message>
        <source>Could not save the message</source>
        <translation>无法保存消息</translation>
    </message>
    <message>
        <source>The message id %1 is already used by another message.</source>
        <translation>消息 ID %1 已被另一条消息使用。</translation>
    </message>
    <message>
        <source>Could not read the outbox</source>
        <translation>无法读取发件箱</translation>
    </message>
    <message>
        <source>Could not update the message</source>
        <translation>无法更新消息</translation>
    </message>
    <message>
        <source>There is no user message %1.</source>
        <translation>不存在用户消息 %1。</translation>
    </message>
    <message>
        <source>There is no message %1.</source>
        <translation>不存在消息 %1。</translation>
    </message>
    <message>
        <source>Could not update the outbox</source>
        <translation>无法更新发件箱</translation>
    </message>
    <message>
        <source>The message %1 is not in the outbox.</source>
        <translation>消息 %1 不在发件箱中。</translation>
    </message>
    <message>
        <source>The answer has no message id.</source>
        <translation>该回答没有消息 ID。</translation>
    </message>
    <message>
        <source>Could not save the answer</source>
        <translation>无法保存回答</translation>
    </message>
    <message>
        <source>Could not read the message</source>
        <translation>无法读取消息</translation>
    </message>
    <message>
        <source>Could not read the messages</source>
        <translation>无法读取消息列表</translation>
    </message>
    <message>
        <source>Could not count the messages</source>
        <translation>无法统计消息数量</translation>
    </message>
    <message>
        <source>Could not read the draft</source>
        <translation>无法读取草稿</translation>
    </message>
    <message>
        <source>Could not save the draft</source>
        <translation>无法保存草稿</translation>
    </message>
    <message>
        <source>A template needs an id and a version of at least 1.</source>
        <translation>模板需要 ID，且版本至少为 1。</translation>
    </message>
    <message>
        <source>Could not save the template</source>
        <translation>无法保存模板</translation>
    </message>
    <message>
        <source>Could not list the templates</source>
        <translation>无法列出模板</translation>
    </message>
    <message>
        <source>Could not read the template</source>
        <translation>无法读取模板</translation>
    </message>
    <message>
        <source>Could not delete the template</source>
        <translation>无法删除模板</translation>
    </message>
    <message>
        <source>There is no template %1.</source>
        <translation>不存在模板 %1。</translation>
    </message>
    <message>
        <source>Could not search the history</source>
        <translation>无法搜索历史记录</translation>
    </message>
    <message>
        <source>The conversation has no id.</source>
        <translation>该对话没有 ID。</translation>
    </message>
    <message>
        <source>Could not import the conversation</source>
        <translation>无法导入对话</translation>
    </message>
</context>
<context>
    <name>pc::KeychainTokenStore</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>The system keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>系统密钥环在 %n 秒内没有响应。</numerusform>
        </translation>
    </message>
    <message>
        <source>No system keychain is available: there is no D-Bus session bus.</source>
        <translation>没有可用的系统密钥环：没有 D-Bus 会话总线。</translation>
    </message>
    <message>
        <source>No system keychain is available: nothing provides the Secret Service (for example gnome-keyring or KeePassXC).</source>
        <translation>没有可用的系统密钥环：没有程序提供 Secret Service（例如 gnome-keyring 或 KeePassXC）。</translation>
    </message>
</context>
<context>
    <name>pc::LocalEngine</name>
    <message>
        <source>The secret store is gone.</source>
        <translation>机密存储已不可用。</translation>
    </message>
    <message>
        <source>No DeepSeek API key is stored in the keychain.</source>
        <translation>密钥环中没有存储 DeepSeek API 密钥。</translation>
    </message>
    <message>
        <source>Cannot create the engine&apos;s data folder %1.</source>
        <translation>无法创建引擎的数据文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>pc::MainWindow</name>
    <message>
        <source>PromptCraft</source>
        <translation>PromptCraft</translation>
    </message>
    <message>
        <source>The key could not be stored: %1</source>
        <translation>无法存储密钥：%1</translation>
    </message>
    <message>
        <source>Key stored in the system keychain.</source>
        <translation>密钥已存储到系统密钥环。</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Search all chats</source>
        <translation>搜索所有对话</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>搜索状态</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Sidebar and conversation</source>
        <translation>侧边栏和对话</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>新建对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation>搜索对话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Focus the message box</source>
        <translation>跳到消息输入框(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Copy the last answer</source>
        <translation>复制最后一条回答(&amp;C)</translation>
    </message>
    <message>
        <source>Answer copied.</source>
        <translation>回答已复制。</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>对话(&amp;C)</translation>
    </message>
    <message>
        <source>S&amp;top generating</source>
        <translation>停止生成(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Insert template…</source>
        <translation>插入模板(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Optimize prompt</source>
        <translation>优化提示词(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About PromptCraft</source>
        <translation>关于 PromptCraft(&amp;A)</translation>
    </message>
    <message>
        <source>About PromptCraft</source>
        <translation>关于 PromptCraft</translation>
    </message>
    <message>
        <source>PromptCraft %1
A native AI chat client that turns good conversations into reusable prompt templates.</source>
        <translation>PromptCraft %1
原生 AI 聊天客户端，可将优质对话转化为可复用的提示词模板。</translation>
    </message>
    <message>
        <source>%1 — PromptCraft</source>
        <translation>%1 — PromptCraft</translation>
    </message>
    <message>
        <source>The message will be sent again shortly: %1</source>
        <translation>消息稍后将重新发送：%1</translation>
    </message>
    <message>
        <source>The history could not be saved: %1</source>
        <translation>无法保存历史记录：%1</translation>
    </message>
    <message>
        <source>Chat archived.</source>
        <translation>对话已归档。</translation>
    </message>
    <message>
        <source>Chat deleted.</source>
        <translation>对话已删除。</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>已撤销。</translation>
    </message>
    <message>
        <source>Chat actions</source>
        <translation>对话操作</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No messages match “%1”.</source>
        <translation>没有与“%1”匹配的消息。</translation>
    </message>
    <message>
        <source>Messages found: %1</source>
        <translation>找到的消息：%1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Not connected: the answer cannot be stopped now.</source>
        <translation>未连接：现在无法停止回答。</translation>
    </message>
    <message>
        <source>The question of this answer is no longer in the history.</source>
        <translation>这条回答对应的问题已不在历史记录中。</translation>
    </message>
    <message>
        <source>Not connected: try again when the connection is back.</source>
        <translation>未连接：请在连接恢复后重试。</translation>
    </message>
    <message>
        <source>Write a prompt first, then optimize it.</source>
        <translation>请先写好提示词，再进行优化。</translation>
    </message>
    <message>
        <source>Optimizing the prompt…</source>
        <translation>正在优化提示词…</translation>
    </message>
    <message>
        <source>Optimized prompt in the message box.</source>
        <translation>优化后的提示词已放入消息输入框。</translation>
    </message>
    <message>
        <source>Creating the template “%1”…</source>
        <translation>正在创建模板“%1”…</translation>
    </message>
    <message>
        <source>Template “%1” saved to your library.</source>
        <translation>模板“%1”已保存到你的模板库。</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>已登录。</translation>
    </message>
    <message>
        <source>Summarize the recipe as a checklist</source>
        <translation>把这个菜谱总结成一份清单</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation>服务器的证书不受信任：%1</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <source>The sign-in could not be stored: %1</source>
        <translation>无法保存登录信息：%1</translation>
    </message>
    <message>
        <source>Wait for the current answer, or stop it, before asking again.</source>
        <translation>请等待当前回答完成，或先停止它，再重新提问。</translation>
    </message>
    <message>
        <source>Enter your DeepSeek API key first: the list comes from DeepSeek.</source>
        <translation>请先输入您的 DeepSeek API 密钥：模型列表来自 DeepSeek。</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>正在加载模型列表…</translation>
    </message>
    <message>
        <source>DeepSeek lists no models for this key.</source>
        <translation>DeepSeek 没有为此密钥提供任何模型。</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>有 %n 个模型可用。</numerusform>
        </translation>
    </message>
    <message>
        <source>DeepSeek refused the API key.</source>
        <translation>DeepSeek 拒绝了该 API 密钥。</translation>
    </message>
    <message>
        <source>DeepSeek could not be reached.</source>
        <translation>无法连接到 DeepSeek。</translation>
    </message>
    <message>
        <source>DeepSeek asks to wait a moment; try again shortly.</source>
        <translation>DeepSeek 请求稍候；请稍后再试。</translation>
    </message>
    <message>
        <source>DeepSeek did not send a model list (HTTP %1).</source>
        <translation>DeepSeek 未返回模型列表（HTTP %1）。</translation>
    </message>
    <message>
        <source>DeepSeek did not send a model list.</source>
        <translation>DeepSeek 未返回模型列表。</translation>
    </message>
    <message numerus="yes">
        <source>DeepSeek does not offer “%1” for this key; choose one of its %n model(s).</source>
        <translation>
            <numerusform>DeepSeek 不为此密钥提供“%1”；请从它的 %n 个模型中选择一个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Hide archived chats</source>
        <translation>隐藏已归档的对话</translation>
    </message>
    <message>
        <source>Chat back in the list.</source>
        <translation>对话已回到列表中。</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>取消归档</translation>
    </message>
    <message>
        <source>Show archived chats (%1)</source>
        <translation>显示已归档的对话（%1）</translation>
    </message>
</context>
<context>
    <name>pc::MarkdownRenderer</name>
    <message>
        <source>Image not loaded: %1</source>
        <translation>图片未加载：%1</translation>
    </message>
    <message>
        <source>Message truncated in view: showing the first %1 of %2 characters. &quot;Copy as Markdown&quot; copies all of it.</source>
        <translation>消息在视图中已截断：显示了 %2 个字符中的前 %1 个。“复制为 Markdown”会复制全部内容。</translation>
    </message>
</context>
<context>
    <name>pc::ProfileLock</name>
    <message>
        <source>Could not create the profile folder %1.</source>
        <translation>无法创建配置文件目录 %1。</translation>
    </message>
    <message>
        <source>PromptCraft is already running with this profile. Switch to that window, or close it first.</source>
        <translation>PromptCraft 已在使用此配置文件运行。请切换到该窗口，或先将其关闭。</translation>
    </message>
    <message>
        <source>PromptCraft is already running with this profile (process %1 on %2). Switch to that window, or close it first.</source>
        <translation>PromptCraft 已在使用此配置文件运行（%2 上的进程 %1）。请切换到该窗口，或先将其关闭。</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Could not create the lock file %1: permission denied.</source>
        <translation>无法创建锁文件 %1：权限不足。</translation>
    </message>
    <message>
        <source>Could not create the lock file %1.</source>
        <translation>无法创建锁文件 %1。</translation>
    </message>
</context>
<context>
    <name>pc::PromptOptimizerDialog</name>
    <message>
        <source>Optimized prompt</source>
        <translation>优化后的提示词</translation>
    </message>
    <message>
        <source>Prompt optimizer</source>
        <translation>提示词优化器</translation>
    </message>
    <message>
        <source>Original prompt, removed words struck through</source>
        <translation>原始提示词，删除的词已划掉</translation>
    </message>
    <message>
        <source>Optimized prompt, added words highlighted</source>
        <translation>优化后的提示词，新增的词已高亮</translation>
    </message>
    <message>
        <source>Improvements</source>
        <translation>改进</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>&amp;Original</source>
        <translation>原始(&amp;O)</translation>
    </message>
    <message>
        <source>O&amp;ptimized</source>
        <translation>优化后(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Improvements</source>
        <translation>改进(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>建议(&amp;S)</translation>
    </message>
    <message>
        <source>Use optimized</source>
        <translation>使用优化版本</translation>
    </message>
    <message>
        <source>Use the optimized prompt</source>
        <translation>使用优化后的提示词</translation>
    </message>
    <message>
        <source>Keep original</source>
        <translation>保留原文</translation>
    </message>
    <message>
        <source>Keep the original prompt</source>
        <translation>保留原始提示词</translation>
    </message>
    <message>
        <source>None listed.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Confidence: %1%</source>
        <translation>置信度：%1%</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>pc::ServerSession</name>
    <message>
        <source>The server refused the renewed sign-in.</source>
        <translation>服务器拒绝了续期后的登录。</translation>
    </message>
</context>
<context>
    <name>pc::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Fallback providers</source>
        <translation>备用提供商(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation>保存并关闭</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>关闭且不保存</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>&amp;Local engine on this computer</source>
        <translation>本机上的本地引擎(&amp;L)</translation>
    </message>
    <message>
        <source>Use the local engine</source>
        <translation>使用本地引擎</translation>
    </message>
    <message>
        <source>&amp;Remote server</source>
        <translation>远程服务器(&amp;R)</translation>
    </message>
    <message>
        <source>Use a remote server</source>
        <translation>使用远程服务器</translation>
    </message>
    <message>
        <source>Local engine port</source>
        <translation>本地引擎端口</translation>
    </message>
    <message>
        <source>Browser frontends on this computer can use the same port.</source>
        <translation>本机上的浏览器前端也可以使用这个端口。</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <source>Sign in to the server</source>
        <translation>登录服务器</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Paste an access token</source>
        <translation>粘贴访问令牌</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>Sign in with token</source>
        <translation>使用令牌登录</translation>
    </message>
    <message>
        <source>Sign in with the access token</source>
        <translation>使用访问令牌登录</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in with user name and password</source>
        <translation>使用用户名和密码登录</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Sign out of the server</source>
        <translation>从服务器退出登录</translation>
    </message>
    <message>
        <source>DeepSeek API key</source>
        <translation>DeepSeek API 密钥</translation>
    </message>
    <message>
        <source>DeepSeek &amp;API key:</source>
        <translation>DeepSeek API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>移除密钥</translation>
    </message>
    <message>
        <source>Remove the stored API key</source>
        <translation>移除已保存的 API 密钥</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation>模型(&amp;O)：</translation>
    </message>
    <message>
        <source>Refresh list</source>
        <translation>刷新列表</translation>
    </message>
    <message>
        <source>Refresh the list of models</source>
        <translation>刷新模型列表</translation>
    </message>
    <message>
        <source>&amp;Thinking: let the model reason before answering</source>
        <translation>思考(&amp;T)：让模型先推理再回答</translation>
    </message>
    <message>
        <source>Thinking mode</source>
        <translation>思考模式</translation>
    </message>
    <message>
        <source>OpenAI-compatible services tried in order when DeepSeek is unavailable (another cloud, or Ollama, llama.cpp and LM Studio on this computer). Keys are kept in the system keychain.</source>
        <translation>DeepSeek 不可用时按顺序尝试的 OpenAI 兼容服务（其他云服务，或本机上的 Ollama、llama.cpp 和 LM Studio）。密钥保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Fallback providers</source>
        <translation>备用提供商</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;N)</translation>
    </message>
    <message>
        <source>Add a provider</source>
        <translation>添加提供商</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected provider</source>
        <translation>移除所选提供商</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Try the selected provider earlier</source>
        <translation>提前尝试所选提供商</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Try the selected provider later</source>
        <translation>推后尝试所选提供商</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The new language is used as soon as the settings are saved.</source>
        <translation>保存设置后立即使用新语言。</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>API key for this provider</source>
        <translation>此提供商的 API 密钥</translation>
    </message>
    <message>
        <source>Stored in keychain</source>
        <translation>已保存在密钥环中</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Choose a model.</source>
        <translation>请选择模型。</translation>
    </message>
    <message>
        <source>That looks like an API key: put it in the API key field, not the model.</source>
        <translation>这看起来像是 API 密钥：请填入 API 密钥字段，而不是模型字段。</translation>
    </message>
    <message>
        <source>Provider %1 needs a name.</source>
        <translation>提供商 %1 需要名称。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The server list could not be saved: an address is invalid or listed twice.</source>
        <translation>无法保存服务器列表：有地址无效或重复。</translation>
    </message>
    <message>
        <source>The server address could not be saved.</source>
        <translation>无法保存服务器地址。</translation>
    </message>
    <message>
        <source>The providers could not be saved: names must be different from each other, without &quot;/&quot;, and must not look like keys.</source>
        <translation>无法保存提供商：名称必须互不相同、不含 &quot;/&quot;，且不能看起来像密钥。</translation>
    </message>
    <message>
        <source>This model name cannot be saved.</source>
        <translation>无法保存此模型名称。</translation>
    </message>
    <message>
        <source>This port cannot be used.</source>
        <translation>无法使用此端口。</translation>
    </message>
    <message>
        <source>This language cannot be saved.</source>
        <translation>无法保存此语言。</translation>
    </message>
    <message>
        <source>The settings file could not be written: %1</source>
        <translation>无法写入设置文件：%1</translation>
    </message>
    <message>
        <source>The local engine needs no sign-in.</source>
        <translation>本地引擎无需登录。</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>未登录。</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>已登录。</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>已以 %1 的身份登录。</translation>
    </message>
    <message>
        <source>Stored in keychain (type a new key to replace it)</source>
        <translation>已保存在密钥环中（输入新密钥即可替换）</translation>
    </message>
    <message>
        <source>sk-…</source>
        <translation>sk-…</translation>
    </message>
    <message>
        <source>The new key is saved to the system keychain when you press OK or Apply.</source>
        <translation>点击“确定”或“应用”后，新密钥将保存到系统密钥环中。</translation>
    </message>
    <message>
        <source>A key is stored in the system keychain. It is never shown.</source>
        <translation>系统密钥环中已保存密钥。密钥永远不会显示。</translation>
    </message>
    <message>
        <source>No key stored. Without one, answers come from fallback providers or the offline responder.</source>
        <translation>未保存密钥。没有密钥时，回答将来自备用提供商或离线应答器。</translation>
    </message>
</context>
<context>
    <name>pc::ShortcutsDialog</name>
    <message>
        <source>New chat</source>
        <translation>新建对话</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Focus the message box</source>
        <translation>跳到消息输入框</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Stop generating</source>
        <translation>停止生成</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>复制最后一条回答</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>在消息中换行</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>pc::SignInClient</name>
    <message>
        <source>The server address must be a ws:// or wss:// URL.</source>
        <translation>服务器地址必须是 ws:// 或 wss:// URL。</translation>
    </message>
    <message>
        <source>The secret store is gone.</source>
        <translation>机密存储已不可用。</translation>
    </message>
    <message>
        <source>You are not signed in to this server.</source>
        <translation>你尚未登录此服务器。</translation>
    </message>
    <message>
        <source>The server sent an unexpectedly large answer.</source>
        <translation>服务器发送的响应意外地过大。</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified, so nothing was sent: %1</source>
        <translation>无法验证服务器的身份，因此未发送任何内容：%1</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>服务器未及时响应。</translation>
    </message>
    <message>
        <source>Could not reach the server: %1</source>
        <translation>无法连接到服务器：%1</translation>
    </message>
    <message>
        <source>The server&apos;s answer has no token; is this a PromptCraft server?</source>
        <translation>服务器的响应中没有令牌；这是 PromptCraft 服务器吗？</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>服务器拒绝了登录：%1</translation>
    </message>
    <message numerus="yes">
        <source>Too many sign-in attempts; try again in %n second(s).</source>
        <translation>
            <numerusform>登录尝试次数过多，请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many sign-in attempts; try again later.</source>
        <translation>登录尝试次数过多，请稍后再试。</translation>
    </message>
    <message>
        <source>The server redirected the sign-in (HTTP %1); check the server address.</source>
        <translation>服务器重定向了登录（HTTP %1），请检查服务器地址。</translation>
    </message>
    <message>
        <source>The server failed (HTTP %1).</source>
        <translation>服务器出错（HTTP %1）。</translation>
    </message>
    <message>
        <source>The server failed (HTTP %1): %2</source>
        <translation>服务器出错（HTTP %1）：%2</translation>
    </message>
</context>
<context>
    <name>pc::TemplateFormDialog</name>
    <message>
        <source>Fill in template</source>
        <translation>填写模板</translation>
    </message>
    <message>
        <source>Fill in: %1</source>
        <translation>填写：%1</translation>
    </message>
    <message>
        <source>This template has no fields to fill in.</source>
        <translation>此模板没有需要填写的字段。</translation>
    </message>
    <message>
        <source>Template fields</source>
        <translation>模板字段</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Preview of the filled prompt</source>
        <translation>填写后的提示词预览</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Use the filled prompt</source>
        <translation>使用填写后的提示词</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>A number, e.g. 42 or 3.5</source>
        <translation>数字，例如 42 或 3.5</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>Enter a number, like 42 or 3.5.</source>
        <translation>请输入数字，例如 42 或 3.5。</translation>
    </message>
    <message>
        <source>Choose one of the options.</source>
        <translation>请从选项中选择一个。</translation>
    </message>
    <message>
        <source>‹%1›</source>
        <translation>‹%1›</translation>
    </message>
</context>
<context>
    <name>pc::TemplateLibraryDialog</name>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>long text</source>
        <translation>长文本</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>以下之一：%1</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation>是或否</translation>
    </message>
    <message>
        <source>Template library</source>
        <translation>模板库</translation>
    </message>
    <message>
        <source>Search templates</source>
        <translation>搜索模板</translation>
    </message>
    <message>
        <source>Search titles, descriptions, tags and text</source>
        <translation>搜索标题、描述、标签和正文</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>Template text</source>
        <translation>模板正文</translation>
    </message>
    <message>
        <source>Use…</source>
        <translation>使用…</translation>
    </message>
    <message>
        <source>Use this template</source>
        <translation>使用此模板</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export this template to a file</source>
        <translation>将此模板导出到文件</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Refresh the library</source>
        <translation>刷新模板库</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a template from a file</source>
        <translation>从文件导入模板</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Uncategorized</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>All templates (%1)</source>
        <translation>全部模板（%1）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>No templates yet</source>
        <translation>还没有模板</translation>
    </message>
    <message>
        <source>No template matches</source>
        <translation>没有匹配的模板</translation>
    </message>
    <message>
        <source>Templates you create from conversations or import appear here.</source>
        <translation>你从对话创建或导入的模板会显示在这里。</translation>
    </message>
    <message>
        <source>Try other words or another category.</source>
        <translation>请尝试其他关键词或其他类别。</translation>
    </message>
    <message>
        <source>Version %1, %2</source>
        <translation>版本 %1，%2</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation>系统：%1</translation>
    </message>
    <message>
        <source>%1 (%2, required)</source>
        <translation>%1（%2，必填）</translation>
    </message>
    <message>
        <source>No fields to fill in.</source>
        <translation>没有需要填写的字段。</translation>
    </message>
    <message>
        <source>Fields: %1</source>
        <translation>字段：%1</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large to be a template.</source>
        <translation>%1 太大，不可能是模板。</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>Imported “%1”.</source>
        <translation>已导入“%1”。</translation>
    </message>
    <message>
        <source>Select a template to export.</source>
        <translation>请选择要导出的模板。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported “%1” to %2.</source>
        <translation>已将“%1”导出到 %2。</translation>
    </message>
    <message>
        <source>Import template</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <source>PromptCraft templates (*.json);;All files (*)</source>
        <translation>PromptCraft 模板 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export template</source>
        <translation>导出模板</translation>
    </message>
    <message>
        <source>PromptCraft templates (*.json)</source>
        <translation>PromptCraft 模板 (*.json)</translation>
    </message>
</context>
<context>
    <name>pc::TemplateOpportunityDialog</name>
    <message>
        <source>General</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>写作</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>编程</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>商务</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>教育</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>创意</translation>
    </message>
    <message>
        <source>Save as a template?</source>
        <translation>保存为模板？</translation>
    </message>
    <message>
        <source>Template suggestion</source>
        <translation>模板建议</translation>
    </message>
    <message>
        <source>This conversation looks reusable. Save it as a prompt template?</source>
        <translation>这段对话看起来可以复用。要将它保存为提示词模板吗？</translation>
    </message>
    <message>
        <source>Template title</source>
        <translation>模板标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Why this was suggested</source>
        <translation>建议的原因</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>置信度：</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Create template</source>
        <translation>创建模板</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Don&apos;t suggest for this chat</source>
        <translation>此对话不再建议</translation>
    </message>
    <message>
        <source>Don&apos;t suggest templates for this chat</source>
        <translation>不再为此对话建议模板</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>pc::ThinkingIndicator</name>
    <message>
        <source>PromptCraft is thinking…</source>
        <translation>PromptCraft 正在思考…</translation>
    </message>
</context>
<context>
    <name>pc::TokenStore</name>
    <message>
        <source>The secret has no name; nothing was stored or read.</source>
        <translation>该机密没有名称；未存储或读取任何内容。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Nothing is stored under this name.</source>
        <translation>此名称下没有存储任何内容。</translation>
    </message>
    <message>
        <source>No system keychain (Secret Service) is available.</source>
        <translation>没有可用的系统密钥环（Secret Service）。</translation>
    </message>
    <message>
        <source>The system keychain is locked or refused access.</source>
        <translation>系统密钥环已锁定或拒绝访问。</translation>
    </message>
    <message>
        <source>The system keychain did not answer in time.</source>
        <translation>系统密钥环未及时响应。</translation>
    </message>
    <message>
        <source>The system keychain reported an error.</source>
        <translation>系统密钥环报告了错误。</translation>
    </message>
</context>
</TS>
