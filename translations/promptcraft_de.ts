<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Ctrl</source>
        <translation>Strg</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Umschalt</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Eingabe</translation>
    </message>
</context>
<context>
    <name>TemplateFormat</name>
    <message>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <source>%1 (%2): triple braces are not supported</source>
        <translation>%1 (%2): Dreifache geschweifte Klammern werden nicht unterstützt</translation>
    </message>
    <message>
        <source>%1 (%2): &quot;{{&quot; is never closed</source>
        <translation>%1 (%2): &quot;{{&quot; wird nirgends geschlossen</translation>
    </message>
    <message>
        <source>%1 (%2): empty tag</source>
        <translation>%1 (%2): leeres Tag</translation>
    </message>
    <message>
        <source>%1 (%2): &quot;%3&quot;: sections, partials, comments and other Mustache tags are not supported, only {{name}}</source>
        <translation>%1 (%2): &quot;%3&quot;: Abschnitte, Partials, Kommentare und andere Mustache-Tags werden nicht unterstützt, nur {{name}}</translation>
    </message>
    <message>
        <source>%1 (%2): &quot;%3&quot; is not a valid tag; names match [A-Za-z_][A-Za-z0-9_]*</source>
        <translation>%1 (%2): &quot;%3&quot; ist kein gültiges Tag; Namen entsprechen [A-Za-z_][A-Za-z0-9_]*</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required</source>
        <translation>&quot;%1&quot; ist erforderlich</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>&quot;%1&quot; muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an array of strings</source>
        <translation>&quot;%1&quot; muss ein Array aus Zeichenketten sein</translation>
    </message>
    <message>
        <source>&quot;%1[%2]&quot; must be a string</source>
        <translation>&quot;%1[%2]&quot; muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false</source>
        <translation>&quot;%1&quot; muss true oder false sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number</source>
        <translation>&quot;%1&quot; muss eine Zahl sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an array</source>
        <translation>&quot;%1&quot; muss ein Array sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has %2 entries; at most %3 are allowed</source>
        <translation>&quot;%1&quot; hat %2 Einträge; höchstens %3 sind erlaubt</translation>
    </message>
    <message>
        <source>&quot;%1[%2]&quot; must be an object</source>
        <translation>&quot;%1[%2]&quot; muss ein Objekt sein</translation>
    </message>
    <message>
        <source>variables[%1]</source>
        <translation>variables[%1]</translation>
    </message>
    <message>
        <source>variable &quot;%1&quot;</source>
        <translation>Variable &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a valid name; names match [A-Za-z_][A-Za-z0-9_]* (at most %3 characters)</source>
        <translation>%1: &quot;%2&quot; ist kein gültiger Name; Namen entsprechen [A-Za-z_][A-Za-z0-9_]* (höchstens %3 Zeichen)</translation>
    </message>
    <message>
        <source>%1: an enum needs options</source>
        <translation>%1: Eine Auswahlliste (enum) braucht Optionen</translation>
    </message>
    <message>
        <source>%1: at most %2 options are allowed</source>
        <translation>%1: Höchstens %2 Optionen sind erlaubt</translation>
    </message>
    <message>
        <source>%1: options must not be empty</source>
        <translation>%1: Optionen dürfen nicht leer sein</translation>
    </message>
    <message>
        <source>%1: option &quot;%2&quot; appears twice</source>
        <translation>%1: Die Option &quot;%2&quot; kommt doppelt vor</translation>
    </message>
    <message>
        <source>%1: only enum variables have options</source>
        <translation>%1: Nur Variablen vom Typ enum haben Optionen</translation>
    </message>
    <message>
        <source>%1: the default must be a string</source>
        <translation>%1: Der Standardwert muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>%1: the default &quot;%2&quot; is not one of the options</source>
        <translation>%1: Der Standardwert &quot;%2&quot; ist keine der Optionen</translation>
    </message>
    <message>
        <source>%1: the default must be a number</source>
        <translation>%1: Der Standardwert muss eine Zahl sein</translation>
    </message>
    <message>
        <source>%1: the default must be true or false</source>
        <translation>%1: Der Standardwert muss true oder false sein</translation>
    </message>
    <message numerus="yes">
        <source>and %n more problem(s)</source>
        <translation>
            <numerusform>und %n weiteres Problem</numerusform>
            <numerusform>und %n weitere Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>Invalid template: %1.</source>
        <translation>Ungültige Vorlage: %1.</translation>
    </message>
    <message>
        <source>the title is missing or empty</source>
        <translation>der Titel fehlt oder ist leer</translation>
    </message>
    <message>
        <source>the title is longer than %1 characters</source>
        <translation>der Titel ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>the body is missing or empty</source>
        <translation>der Vorlagentext fehlt oder ist leer</translation>
    </message>
    <message>
        <source>the body is longer than %1 characters</source>
        <translation>der Vorlagentext ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>the system prompt is longer than %1 characters</source>
        <translation>der System-Prompt ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>the version must be 1 or more</source>
        <translation>die Version muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>%1 variables; at most %2 are allowed</source>
        <translation>%1 Variablen; höchstens %2 sind erlaubt</translation>
    </message>
    <message>
        <source>variable &quot;%1&quot; is declared twice</source>
        <translation>die Variable &quot;%1&quot; ist doppelt deklariert</translation>
    </message>
    <message>
        <source>{{%1}} is used but not declared</source>
        <translation>{{%1}} wird verwendet, ist aber nicht deklariert</translation>
    </message>
    <message>
        <source>variable &quot;%1&quot; is declared but never used</source>
        <translation>die Variable &quot;%1&quot; ist deklariert, wird aber nie verwendet</translation>
    </message>
    <message>
        <source>%1 examples; at most %2 are allowed</source>
        <translation>%1 Beispiele; höchstens %2 sind erlaubt</translation>
    </message>
    <message>
        <source>examples[%1] sets &quot;%2&quot;, which is not a variable</source>
        <translation>examples[%1] setzt &quot;%2&quot;, das keine Variable ist</translation>
    </message>
    <message>
        <source>source.confidence must be between 0 and 1</source>
        <translation>source.confidence muss zwischen 0 und 1 liegen</translation>
    </message>
    <message>
        <source>&quot;schema&quot; is &quot;%1&quot;, expected &quot;%2&quot;</source>
        <translation>&quot;schema&quot; ist &quot;%1&quot;, erwartet wurde &quot;%2&quot;</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number of 1 or more</source>
        <translation>&quot;version&quot; muss eine ganze Zahl ab 1 sein</translation>
    </message>
    <message>
        <source>&quot;%1type&quot; is &quot;%2&quot;; expected text, multiline, enum, number or bool</source>
        <translation>&quot;%1type&quot; ist &quot;%2&quot;; erwartet wird text, multiline, enum, number oder bool</translation>
    </message>
    <message>
        <source>&quot;%1default&quot; must be a string, number or bool</source>
        <translation>&quot;%1default&quot; muss eine Zeichenkette, eine Zahl oder ein Wahrheitswert sein</translation>
    </message>
    <message>
        <source>&quot;%1inputs&quot; must be an object</source>
        <translation>&quot;%1inputs&quot; muss ein Objekt sein</translation>
    </message>
    <message>
        <source>&quot;source&quot; must be an object</source>
        <translation>&quot;source&quot; muss ein Objekt sein</translation>
    </message>
    <message>
        <source>The template file is larger than %1 bytes.</source>
        <translation>Die Vorlagendatei ist größer als %1 Bytes.</translation>
    </message>
    <message>
        <source>The template is not valid JSON: %1 at offset %2.</source>
        <translation>Die Vorlage ist kein gültiges JSON: %1 an Position %2.</translation>
    </message>
    <message>
        <source>The template must be a JSON object.</source>
        <translation>Die Vorlage muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be one of: %2</source>
        <translation>&quot;%1&quot; muss einer dieser Werte sein: %2</translation>
    </message>
    <message>
        <source>missing required values: %1</source>
        <translation>fehlende Pflichtwerte: %1</translation>
    </message>
    <message>
        <source>Cannot fill in the template: %1.</source>
        <translation>Die Vorlage kann nicht ausgefüllt werden: %1.</translation>
    </message>
</context>
<context>
    <name>pc::Application</name>
    <message>
        <source>PromptCraft: a native AI chat client that turns good conversations into reusable prompt templates. Without a display it serves its engine on the console.</source>
        <translation>PromptCraft: ein nativer KI-Chat-Client, der gelungene Unterhaltungen in wiederverwendbare Prompt-Vorlagen verwandelt. Ohne Bildschirm stellt er seine Engine auf der Konsole bereit.</translation>
    </message>
    <message>
        <source>Open a demo conversation and every dialog, save PNG screenshots to &lt;dir&gt;, and quit.</source>
        <translation>Eine Beispielunterhaltung und alle Dialoge öffnen, PNG-Bildschirmfotos in &lt;dir&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>dir</translation>
    </message>
    <message>
        <source>PromptCraft: no display found; serving the headless engine instead (Ctrl+C to stop).</source>
        <translation>PromptCraft: Kein Bildschirm gefunden; stattdessen läuft die Engine ohne Oberfläche (Strg+C zum Beenden).</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1): secrets are kept in memory for this run.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar (%1): Geheimnisse werden für diesen Lauf nur im Arbeitsspeicher gehalten.</translation>
    </message>
    <message>
        <source>Engine listening on %1 (data in %2).</source>
        <translation>Engine wartet auf %1 (Daten in %2).</translation>
    </message>
    <message>
        <source>The engine could not start: %1</source>
        <translation>Die Engine konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>PromptCraft</source>
        <translation>PromptCraft</translation>
    </message>
    <message>
        <source>PromptCraft is already running</source>
        <translation>PromptCraft läuft bereits</translation>
    </message>
    <message>
        <source>PromptCraft cannot open its history</source>
        <translation>PromptCraft kann seinen Verlauf nicht öffnen</translation>
    </message>
    <message>
        <source>History recovered</source>
        <translation>Verlauf wiederhergestellt</translation>
    </message>
    <message>
        <source>The local engine could not start: %1</source>
        <translation>Die lokale Engine konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>No system keychain</source>
        <translation>Kein Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). PromptCraft keeps keys and sign-ins in memory for this session only: they are forgotten when it quits.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar (%1). PromptCraft hält Schlüssel und Anmeldungen nur für diese Sitzung im Arbeitsspeicher: Beim Beenden werden sie vergessen.</translation>
    </message>
    <message>
        <source>the sign-in expired or was ended on the server.</source>
        <translation>Die Anmeldung ist abgelaufen oder wurde auf dem Server beendet.</translation>
    </message>
</context>
<context>
    <name>pc::ChainJob</name>
    <message>
        <source>The answer from %1 was interrupted (%2).</source>
        <translation>Die Antwort von %1 wurde unterbrochen (%2).</translation>
    </message>
    <message>
        <source>No AI provider is configured.</source>
        <translation>Es ist kein KI-Anbieter eingerichtet.</translation>
    </message>
    <message>
        <source>No AI provider could answer: %1.</source>
        <translation>Kein KI-Anbieter konnte antworten: %1.</translation>
    </message>
    <message>
        <source>%1 is paused after repeated failures</source>
        <translation>%1 ist nach wiederholten Fehlern pausiert</translation>
    </message>
    <message>
        <source>%1 rejected the API key</source>
        <translation>%1 hat den API-Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>%1 balance exhausted</source>
        <translation>Guthaben bei %1 aufgebraucht</translation>
    </message>
    <message>
        <source>%1 is busy</source>
        <translation>%1 ist ausgelastet</translation>
    </message>
    <message>
        <source>%1 is unavailable (%2)</source>
        <translation>%1 ist nicht erreichbar (%2)</translation>
    </message>
    <message>
        <source>%1; answered by %2</source>
        <translation>%1; geantwortet hat %2</translation>
    </message>
</context>
<context>
    <name>pc::ChatMessageDelegate</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Offline answer: no AI provider was reachable</source>
        <translation>Offline-Antwort: Kein KI-Anbieter war erreichbar</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Queued: will send when connected</source>
        <translation>Wartet: wird gesendet, sobald die Verbindung steht</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Wird generiert…</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Hide reasoning</source>
        <translation>Gedankengang ausblenden</translation>
    </message>
    <message>
        <source>Show reasoning</source>
        <translation>Gedankengang anzeigen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>pc::ChatMessageModel</name>
    <message>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <source>PromptCraft: %1</source>
        <translation>PromptCraft: %1</translation>
    </message>
    <message>
        <source>%1 → %2 tokens</source>
        <translation>%1 → %2 Tokens</translation>
    </message>
    <message>
        <source>%1 (%2 cached)</source>
        <translation>%1 (%2 aus dem Cache)</translation>
    </message>
</context>
<context>
    <name>pc::ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>Nachrichtenaktionen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation>Als &amp;Markdown kopieren</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Hide r&amp;easoning</source>
        <translation>Gedankengang &amp;ausblenden</translation>
    </message>
    <message>
        <source>Show r&amp;easoning</source>
        <translation>Gedankengang &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu generieren</translation>
    </message>
    <message>
        <source>&amp;Edit and resend</source>
        <translation>&amp;Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Copy co&amp;de</source>
        <translation>Co&amp;de kopieren</translation>
    </message>
    <message>
        <source>&amp;%1: %2</source>
        <translation>&amp;%1: %2</translation>
    </message>
</context>
<context>
    <name>pc::Composer</name>
    <message>
        <source>Message composer</source>
        <translation>Nachrichteneingabe</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Message PromptCraft (Enter sends, Shift+Enter starts a new line)</source>
        <translation>Nachricht an PromptCraft (Eingabetaste sendet, Umschalt+Eingabetaste beginnt eine neue Zeile)</translation>
    </message>
    <message>
        <source>Insert template</source>
        <translation>Vorlage einfügen</translation>
    </message>
    <message>
        <source>Fill in a prompt template</source>
        <translation>Eine Prompt-Vorlage ausfüllen</translation>
    </message>
    <message>
        <source>Optimize prompt</source>
        <translation>Prompt optimieren</translation>
    </message>
    <message>
        <source>Let PromptCraft suggest a clearer version of this prompt</source>
        <translation>PromptCraft eine klarere Fassung dieses Prompts vorschlagen lassen</translation>
    </message>
    <message>
        <source>Offline: your message will send when connected.</source>
        <translation>Offline: Ihre Nachricht wird später gesendet.</translation>
    </message>
    <message>
        <source>Connection hint</source>
        <translation>Verbindungshinweis</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>Verwendete Zeichen</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Too long to send: shorten the message.</source>
        <translation>Zu lang zum Senden: Bitte kürzen Sie die Nachricht.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop generating (Esc)</source>
        <translation>Generierung stoppen (Esc)</translation>
    </message>
    <message>
        <source>Stop generating</source>
        <translation>Generierung stoppen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabetaste)</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
</context>
<context>
    <name>pc::ConnectionBanner</name>
    <message>
        <source>Connection status</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Retry connecting now</source>
        <translation>Jetzt erneut verbinden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>1 message will be sent when connected.</source>
        <translation>1 Nachricht wird gesendet, sobald die Verbindung steht.</translation>
    </message>
    <message numerus="yes">
        <source>%n messages will be sent when connected.</source>
        <translation>
            <numerusform>%n Nachricht wird gesendet, sobald die Verbindung steht.</numerusform>
            <numerusform>%n Nachrichten werden gesendet, sobald die Verbindung steht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s…</source>
        <translation>
            <numerusform>Verbindung unterbrochen. Neuer Versuch in %n s…</numerusform>
            <numerusform>Verbindung unterbrochen. Neuer Versuch in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation>Verbindung unterbrochen. Neuer Verbindungsversuch…</translation>
    </message>
    <message>
        <source>Offline.</source>
        <translation>Offline.</translation>
    </message>
    <message>
        <source>Messages you send will wait until the connection is back.</source>
        <translation>Gesendete Nachrichten warten, bis die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>Signed out. Sign in to keep chatting.</source>
        <translation>Abgemeldet. Melden Sie sich an, um weiterzuchatten.</translation>
    </message>
    <message>
        <source>Signed out: %1 Sign in to keep chatting.</source>
        <translation>Abgemeldet: %1 Melden Sie sich an, um weiterzuchatten.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>one sentence after another</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>pc::ConversationListModel</name>
    <message>
        <source>Untitled chat</source>
        <translation>Unbenannte Unterhaltung</translation>
    </message>
    <message>
        <source>Pinned, last active %1</source>
        <translation>Angeheftet, zuletzt aktiv %1</translation>
    </message>
    <message>
        <source>Last active %1</source>
        <translation>Zuletzt aktiv %1</translation>
    </message>
    <message>
        <source>Archived, last active %1</source>
        <translation>Archiviert, zuletzt aktiv %1</translation>
    </message>
</context>
<context>
    <name>pc::ConversationSync</name>
    <message>
        <source>The connection is gone.</source>
        <translation>Die Verbindung ist weg.</translation>
    </message>
    <message>
        <source>The server address must be a ws:// or wss:// URL, and the session id valid.</source>
        <translation>Die Serveradresse muss eine ws://- oder wss://-URL sein und die Sitzungs-ID gültig.</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>Die Nachricht ist leer.</translation>
    </message>
    <message>
        <source>The message is too long (at most %1 characters).</source>
        <translation>Die Nachricht ist zu lang (höchstens %1 Zeichen).</translation>
    </message>
</context>
<context>
    <name>pc::EndpointUrls</name>
    <message>
        <source>The address is empty.</source>
        <translation>Die Adresse ist leer.</translation>
    </message>
    <message>
        <source>The address is not a valid URL.</source>
        <translation>Die Adresse ist keine gültige URL.</translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss:// (servers) or with http:// or https:// (providers).</source>
        <translation>Die Adresse muss mit ws:// oder wss:// (Server) bzw. mit http:// oder https:// (Anbieter) beginnen.</translation>
    </message>
    <message>
        <source>The address has no host name.</source>
        <translation>Die Adresse enthält keinen Hostnamen.</translation>
    </message>
    <message>
        <source>The address contains a user name or password; sign in separately instead.</source>
        <translation>Die Adresse enthält einen Benutzernamen oder ein Passwort; melden Sie sich stattdessen separat an.</translation>
    </message>
    <message>
        <source>A server address may not contain &apos;?&apos; or &apos;#&apos; parts.</source>
        <translation>Eine Serveradresse darf keine Teile mit &apos;?&apos; oder &apos;#&apos; enthalten.</translation>
    </message>
    <message>
        <source>The address seems to contain a key or token; enter keys in the key field.</source>
        <translation>Die Adresse scheint einen Schlüssel oder ein Token zu enthalten; geben Sie Schlüssel im Schlüsselfeld ein.</translation>
    </message>
</context>
<context>
    <name>pc::HistoryExporter</name>
    <message>
        <source>Could not write the export: %1</source>
        <translation>Der Export konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>write failed</source>
        <translation>Schreiben fehlgeschlagen</translation>
    </message>
    <message>
        <source>A conversation has no id.</source>
        <translation>Eine Unterhaltung hat keine ID.</translation>
    </message>
    <message>
        <source>The conversation %1 has a field of the wrong type.</source>
        <translation>Die Unterhaltung %1 hat ein Feld mit falschem Typ.</translation>
    </message>
    <message>
        <source>The messages of conversation %1 are not a list.</source>
        <translation>Die Nachrichten der Unterhaltung %1 sind keine Liste.</translation>
    </message>
    <message>
        <source>A message has no valid id.</source>
        <translation>Eine Nachricht hat keine gültige ID.</translation>
    </message>
    <message>
        <source>The message %1 has an unknown role or status.</source>
        <translation>Die Nachricht %1 hat eine unbekannte Rolle oder einen unbekannten Status.</translation>
    </message>
    <message>
        <source>The message %1 has no text.</source>
        <translation>Die Nachricht %1 hat keinen Text.</translation>
    </message>
    <message>
        <source>The message %1 has no valid time.</source>
        <translation>Die Nachricht %1 hat keine gültige Zeitangabe.</translation>
    </message>
    <message>
        <source>The file is not valid JSON (%1 at offset %2).</source>
        <translation>Die Datei ist kein gültiges JSON (%1 an Position %2).</translation>
    </message>
    <message>
        <source>The file is not a PromptCraft history export.</source>
        <translation>Die Datei ist kein Verlaufsexport von PromptCraft.</translation>
    </message>
    <message>
        <source>The file holds no list of conversations.</source>
        <translation>Die Datei enthält keine Liste von Unterhaltungen.</translation>
    </message>
    <message>
        <source>A conversation is not an object.</source>
        <translation>Eine Unterhaltung ist kein Objekt.</translation>
    </message>
    <message>
        <source>A message is not an object.</source>
        <translation>Eine Nachricht ist kein Objekt.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>offline answer</source>
        <translation>Offline-Antwort</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>wartet auf Versand</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>Unbenannte Unterhaltung</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Begonnen am %1</translation>
    </message>
    <message>
        <source>The message %1 has reasoning that is not text.</source>
        <translation>Die Nachricht %1 hat einen Gedankengang, der kein Text ist.</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Gedankengang</translation>
    </message>
</context>
<context>
    <name>pc::HistoryStore</name>
    <message>
        <source>The history is not open.</source>
        <translation>Der Verlauf ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Could not create the folder %1 for the history.</source>
        <translation>Der Ordner %1 für den Verlauf konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>A new history file could not be created.</source>
        <translation>Es konnte keine neue Verlaufsdatei angelegt werden.</translation>
    </message>
    <message>
        <source>Could not open the history</source>
        <translation>Der Verlauf konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Could not check the history</source>
        <translation>Der Verlauf konnte nicht geprüft werden</translation>
    </message>
    <message>
        <source>The history file %1 is damaged and could not be moved aside.</source>
        <translation>Die Verlaufsdatei %1 ist beschädigt und konnte nicht beiseitegelegt werden.</translation>
    </message>
    <message>
        <source>The history file was damaged. It has been set aside as %1 and a new, empty history was started.</source>
        <translation>Die Verlaufsdatei war beschädigt. Sie wurde als %1 beiseitegelegt, und ein neuer, leerer Verlauf wurde begonnen.</translation>
    </message>
    <message>
        <source>Could not upgrade the history</source>
        <translation>Der Verlauf konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <source>The history was written by a newer version of PromptCraft (schema %1); this version understands schema %2.</source>
        <translation>Der Verlauf wurde von einer neueren PromptCraft-Version geschrieben (Schema %1); diese Version versteht Schema %2.</translation>
    </message>
    <message>
        <source>Could not recover interrupted messages</source>
        <translation>Unterbrochene Nachrichten konnten nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>the history file is read-only</source>
        <translation>die Verlaufsdatei ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the history is in use by another program</source>
        <translation>der Verlauf wird von einem anderen Programm verwendet</translation>
    </message>
    <message>
        <source>the disk reported an input/output error</source>
        <translation>der Datenträger hat einen Ein-/Ausgabefehler gemeldet</translation>
    </message>
    <message>
        <source>the history file cannot be opened</source>
        <translation>die Verlaufsdatei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>the history file is damaged</source>
        <translation>die Verlaufsdatei ist beschädigt</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Could not write to the history</source>
        <translation>In den Verlauf konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Could not save to the history</source>
        <translation>Im Verlauf konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Could not read the history</source>
        <translation>Der Verlauf konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>The conversation %1 does not exist.</source>
        <translation>Die Unterhaltung %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Could not create the conversation</source>
        <translation>Die Unterhaltung konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>Could not read the conversation</source>
        <translation>Die Unterhaltung konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not list the conversations</source>
        <translation>Die Unterhaltungen konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Could not rename the conversation</source>
        <translation>Die Unterhaltung konnte nicht umbenannt werden</translation>
    </message>
    <message>
        <source>Could not update the conversation</source>
        <translation>Die Unterhaltung konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <source>Could not pin the conversation</source>
        <translation>Die Unterhaltung konnte nicht angeheftet werden</translation>
    </message>
    <message>
        <source>Could not archive the conversation</source>
        <translation>Die Unterhaltung konnte nicht archiviert werden</translation>
    </message>
    <message>
        <source>Could not delete the conversation</source>
        <translation>Die Unterhaltung konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Could not restore the conversation</source>
        <translation>Die Unterhaltung konnte nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>There is no deleted conversation %1.</source>
        <translation>Es gibt keine gelöschte Unterhaltung %1.</translation>
    </message>
    <message>
        <source>Could not remove deleted conversations</source>
        <translation>Gelöschte Unterhaltungen konnten nicht entfernt werden</translation>
    </message>
    <message>
        <source>A message id must have 1 to %1 characters.</source>
        <translation>Eine Nachrichten-ID muss 1 bis %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Could not save the message</source>
        <translation>Die Nachricht konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>The message id %1 is already used by another message.</source>
        <translation>Die Nachrichten-ID %1 wird bereits von einer anderen Nachricht verwendet.</translation>
    </message>
    <message>
        <source>Could not read the outbox</source>
        <translation>Der Postausgang konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not update the message</source>
        <translation>Die Nachricht konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <source>There is no user message %1.</source>
        <translation>Es gibt keine Benutzernachricht %1.</translation>
    </message>
    <message>
        <source>There is no message %1.</source>
        <translation>Es gibt keine Nachricht %1.</translation>
    </message>
    <message>
        <source>Could not update the outbox</source>
        <translation>Der Postausgang konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <source>The message %1 is not in the outbox.</source>
        <translation>Die Nachricht %1 ist nicht im Postausgang.</translation>
    </message>
    <message>
        <source>The answer has no message id.</source>
        <translation>Die Antwort hat keine Nachrichten-ID.</translation>
    </message>
    <message>
        <source>Could not save the answer</source>
        <translation>Die Antwort konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Could not read the message</source>
        <translation>Die Nachricht konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not read the messages</source>
        <translation>Die Nachrichten konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not count the messages</source>
        <translation>Die Nachrichten konnten nicht gezählt werden</translation>
    </message>
    <message>
        <source>Could not read the draft</source>
        <translation>Der Entwurf konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not save the draft</source>
        <translation>Der Entwurf konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>A template needs an id and a version of at least 1.</source>
        <translation>Eine Vorlage braucht eine ID und eine Version von mindestens 1.</translation>
    </message>
    <message>
        <source>Could not save the template</source>
        <translation>Die Vorlage konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Could not list the templates</source>
        <translation>Die Vorlagen konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Could not read the template</source>
        <translation>Die Vorlage konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not delete the template</source>
        <translation>Die Vorlage konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>There is no template %1.</source>
        <translation>Es gibt keine Vorlage %1.</translation>
    </message>
    <message>
        <source>Could not search the history</source>
        <translation>Der Verlauf konnte nicht durchsucht werden</translation>
    </message>
    <message>
        <source>The conversation has no id.</source>
        <translation>Die Unterhaltung hat keine ID.</translation>
    </message>
    <message>
        <source>Could not import the conversation</source>
        <translation>Die Unterhaltung konnte nicht importiert werden</translation>
    </message>
</context>
<context>
    <name>pc::KeychainTokenStore</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>The system keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>Der Schlüsselbund des Systems hat nicht innerhalb von %n Sekunde geantwortet.</numerusform>
            <numerusform>Der Schlüsselbund des Systems hat nicht innerhalb von %n Sekunden geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>No system keychain is available: there is no D-Bus session bus.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar: Es gibt keinen D-Bus-Sitzungsbus.</translation>
    </message>
    <message>
        <source>No system keychain is available: nothing provides the Secret Service (for example gnome-keyring or KeePassXC).</source>
        <translation>Kein Schlüsselbund des Systems verfügbar: Kein Programm stellt den Secret Service bereit (zum Beispiel gnome-keyring oder KeePassXC).</translation>
    </message>
</context>
<context>
    <name>pc::LocalEngine</name>
    <message>
        <source>The secret store is gone.</source>
        <translation>Der Geheimnisspeicher ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <source>No DeepSeek API key is stored in the keychain.</source>
        <translation>Im Schlüsselbund ist kein DeepSeek-API-Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>Cannot create the engine&apos;s data folder %1.</source>
        <translation>Der Datenordner der Engine %1 kann nicht angelegt werden.</translation>
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
        <translation>Der Schlüssel konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Key stored in the system keychain.</source>
        <translation>Schlüssel im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Search all chats</source>
        <translation>Alle Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Suchstatus</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Sidebar and conversation</source>
        <translation>Seitenleiste und Unterhaltung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Neue Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation>Unterhaltungen &amp;durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Focus the message box</source>
        <translation>Zum &amp;Nachrichtenfeld springen</translation>
    </message>
    <message>
        <source>&amp;Copy the last answer</source>
        <translation>Letzte Antwort &amp;kopieren</translation>
    </message>
    <message>
        <source>Answer copied.</source>
        <translation>Antwort kopiert.</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Unterhaltung</translation>
    </message>
    <message>
        <source>S&amp;top generating</source>
        <translation>Generieren &amp;stoppen</translation>
    </message>
    <message>
        <source>&amp;Insert template…</source>
        <translation>&amp;Vorlage einfügen…</translation>
    </message>
    <message>
        <source>&amp;Optimize prompt</source>
        <translation>Prompt &amp;optimieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About PromptCraft</source>
        <translation>Ü&amp;ber PromptCraft</translation>
    </message>
    <message>
        <source>About PromptCraft</source>
        <translation>Über PromptCraft</translation>
    </message>
    <message>
        <source>PromptCraft %1
A native AI chat client that turns good conversations into reusable prompt templates.</source>
        <translation>PromptCraft %1
Ein nativer KI-Chat-Client, der gelungene Unterhaltungen in wiederverwendbare Prompt-Vorlagen verwandelt.</translation>
    </message>
    <message>
        <source>%1 — PromptCraft</source>
        <translation>%1 — PromptCraft</translation>
    </message>
    <message>
        <source>The message will be sent again shortly: %1</source>
        <translation>Die Nachricht wird in Kürze erneut gesendet: %1</translation>
    </message>
    <message>
        <source>The history could not be saved: %1</source>
        <translation>Der Verlauf konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Chat archived.</source>
        <translation>Unterhaltung archiviert.</translation>
    </message>
    <message>
        <source>Chat deleted.</source>
        <translation>Unterhaltung gelöscht.</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>Rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Chat actions</source>
        <translation>Aktionen für die Unterhaltung</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>Unterhaltung umbenennen</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>No messages match “%1”.</source>
        <translation>Keine Nachricht passt zu „%1“.</translation>
    </message>
    <message>
        <source>Messages found: %1</source>
        <translation>Gefundene Nachrichten: %1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Not connected: the answer cannot be stopped now.</source>
        <translation>Nicht verbunden: Die Antwort kann jetzt nicht gestoppt werden.</translation>
    </message>
    <message>
        <source>The question of this answer is no longer in the history.</source>
        <translation>Die Frage zu dieser Antwort ist nicht mehr im Verlauf.</translation>
    </message>
    <message>
        <source>Not connected: try again when the connection is back.</source>
        <translation>Nicht verbunden: Versuchen Sie es erneut, sobald die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Write a prompt first, then optimize it.</source>
        <translation>Schreiben Sie zuerst einen Prompt und optimieren Sie ihn dann.</translation>
    </message>
    <message>
        <source>Optimizing the prompt…</source>
        <translation>Prompt wird optimiert…</translation>
    </message>
    <message>
        <source>Optimized prompt in the message box.</source>
        <translation>Der optimierte Prompt steht im Nachrichtenfeld.</translation>
    </message>
    <message>
        <source>Creating the template “%1”…</source>
        <translation>Vorlage „%1“ wird erstellt…</translation>
    </message>
    <message>
        <source>Template “%1” saved to your library.</source>
        <translation>Vorlage „%1“ in Ihrer Bibliothek gespeichert.</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Angemeldet.</translation>
    </message>
    <message>
        <source>Summarize the recipe as a checklist</source>
        <translation>Fassen Sie das Rezept als Checkliste zusammen</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation>Das Zertifikat des Servers ist nicht vertrauenswürdig: %1</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <source>The sign-in could not be stored: %1</source>
        <translation>Die Anmeldung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Wait for the current answer, or stop it, before asking again.</source>
        <translation>Warten Sie auf die aktuelle Antwort oder stoppen Sie sie, bevor Sie erneut fragen.</translation>
    </message>
    <message>
        <source>Enter your DeepSeek API key first: the list comes from DeepSeek.</source>
        <translation>Geben Sie zuerst Ihren DeepSeek-API-Schlüssel ein: Die Liste kommt von DeepSeek.</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>Modellliste wird geladen …</translation>
    </message>
    <message>
        <source>DeepSeek lists no models for this key.</source>
        <translation>DeepSeek bietet für diesen Schlüssel keine Modelle an.</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>%n Modell verfügbar.</numerusform>
            <numerusform>%n Modelle verfügbar.</numerusform>
        </translation>
    </message>
    <message>
        <source>DeepSeek refused the API key.</source>
        <translation>DeepSeek hat den API-Schlüssel abgelehnt.</translation>
    </message>
    <message>
        <source>DeepSeek could not be reached.</source>
        <translation>DeepSeek ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>DeepSeek asks to wait a moment; try again shortly.</source>
        <translation>DeepSeek bittet um etwas Geduld; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>DeepSeek did not send a model list (HTTP %1).</source>
        <translation>DeepSeek hat keine Modellliste gesendet (HTTP %1).</translation>
    </message>
    <message>
        <source>DeepSeek did not send a model list.</source>
        <translation>DeepSeek hat keine Modellliste gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>DeepSeek does not offer “%1” for this key; choose one of its %n model(s).</source>
        <translation>
            <numerusform>DeepSeek bietet „%1“ für diesen Schlüssel nicht an; wählen Sie sein %n Modell.</numerusform>
            <numerusform>DeepSeek bietet „%1“ für diesen Schlüssel nicht an; wählen Sie eines seiner %n Modelle.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hide archived chats</source>
        <translation>Archivierte Chats ausblenden</translation>
    </message>
    <message>
        <source>Chat back in the list.</source>
        <translation>Chat ist wieder in der Liste.</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>Aus dem Archiv holen</translation>
    </message>
    <message>
        <source>Show archived chats (%1)</source>
        <translation>Archivierte Chats anzeigen (%1)</translation>
    </message>
</context>
<context>
    <name>pc::MarkdownRenderer</name>
    <message>
        <source>Image not loaded: %1</source>
        <translation>Bild nicht geladen: %1</translation>
    </message>
    <message>
        <source>Message truncated in view: showing the first %1 of %2 characters. &quot;Copy as Markdown&quot; copies all of it.</source>
        <translation>Nachricht in der Ansicht gekürzt: Angezeigt werden die ersten %1 von %2 Zeichen. „Als Markdown kopieren“ kopiert alles.</translation>
    </message>
</context>
<context>
    <name>pc::ProfileLock</name>
    <message>
        <source>Could not create the profile folder %1.</source>
        <translation>Der Profilordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>PromptCraft is already running with this profile. Switch to that window, or close it first.</source>
        <translation>PromptCraft läuft bereits mit diesem Profil. Wechseln Sie zu diesem Fenster oder schließen Sie es zuerst.</translation>
    </message>
    <message>
        <source>PromptCraft is already running with this profile (process %1 on %2). Switch to that window, or close it first.</source>
        <translation>PromptCraft läuft bereits mit diesem Profil (Prozess %1 auf %2). Wechseln Sie zu diesem Fenster oder schließen Sie es zuerst.</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>diesem Computer</translation>
    </message>
    <message>
        <source>Could not create the lock file %1: permission denied.</source>
        <translation>Die Sperrdatei %1 konnte nicht angelegt werden: Zugriff verweigert.</translation>
    </message>
    <message>
        <source>Could not create the lock file %1.</source>
        <translation>Die Sperrdatei %1 konnte nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>pc::PromptOptimizerDialog</name>
    <message>
        <source>Optimized prompt</source>
        <translation>Optimierter Prompt</translation>
    </message>
    <message>
        <source>Prompt optimizer</source>
        <translation>Prompt-Optimierer</translation>
    </message>
    <message>
        <source>Original prompt, removed words struck through</source>
        <translation>Ursprünglicher Prompt, entfernte Wörter durchgestrichen</translation>
    </message>
    <message>
        <source>Optimized prompt, added words highlighted</source>
        <translation>Optimierter Prompt, hinzugefügte Wörter hervorgehoben</translation>
    </message>
    <message>
        <source>Improvements</source>
        <translation>Verbesserungen</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>&amp;Original</source>
        <translation>&amp;Original</translation>
    </message>
    <message>
        <source>O&amp;ptimized</source>
        <translation>O&amp;ptimiert</translation>
    </message>
    <message>
        <source>&amp;Improvements</source>
        <translation>&amp;Verbesserungen</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>Vor&amp;schläge</translation>
    </message>
    <message>
        <source>Use optimized</source>
        <translation>Optimierten verwenden</translation>
    </message>
    <message>
        <source>Use the optimized prompt</source>
        <translation>Den optimierten Prompt verwenden</translation>
    </message>
    <message>
        <source>Keep original</source>
        <translation>Original behalten</translation>
    </message>
    <message>
        <source>Keep the original prompt</source>
        <translation>Den ursprünglichen Prompt behalten</translation>
    </message>
    <message>
        <source>None listed.</source>
        <translation>Keine angegeben.</translation>
    </message>
    <message>
        <source>Confidence: %1%</source>
        <translation>Konfidenz: %1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>pc::ServerSession</name>
    <message>
        <source>The server refused the renewed sign-in.</source>
        <translation>Der Server hat die erneuerte Anmeldung abgelehnt.</translation>
    </message>
</context>
<context>
    <name>pc::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Einstellungsseiten</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>&amp;Verbindung</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>&amp;Fallback providers</source>
        <translation>&amp;Ersatzanbieter</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Darstellung</translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation>Speichern und schließen</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Ohne Speichern schließen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>&amp;Local engine on this computer</source>
        <translation>&amp;Lokale Engine auf diesem Computer</translation>
    </message>
    <message>
        <source>Use the local engine</source>
        <translation>Die lokale Engine verwenden</translation>
    </message>
    <message>
        <source>&amp;Remote server</source>
        <translation>Entfernter &amp;Server</translation>
    </message>
    <message>
        <source>Use a remote server</source>
        <translation>Einen entfernten Server verwenden</translation>
    </message>
    <message>
        <source>Local engine port</source>
        <translation>Port der lokalen Engine</translation>
    </message>
    <message>
        <source>Browser frontends on this computer can use the same port.</source>
        <translation>Browser-Oberflächen auf diesem Computer können denselben Port verwenden.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Ad&amp;resse:</translation>
    </message>
    <message>
        <source>Sign in to the server</source>
        <translation>Am Server anmelden</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Paste an access token</source>
        <translation>Zugriffstoken einfügen</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Sign in with token</source>
        <translation>Mit Token anmelden</translation>
    </message>
    <message>
        <source>Sign in with the access token</source>
        <translation>Mit dem Zugriffstoken anmelden</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in with user name and password</source>
        <translation>Mit Benutzername und Passwort anmelden</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Sign out of the server</source>
        <translation>Vom Server abmelden</translation>
    </message>
    <message>
        <source>DeepSeek API key</source>
        <translation>DeepSeek-API-Schlüssel</translation>
    </message>
    <message>
        <source>DeepSeek &amp;API key:</source>
        <translation>DeepSeek-API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Remove the stored API key</source>
        <translation>Den gespeicherten API-Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation>Mode&amp;ll:</translation>
    </message>
    <message>
        <source>Refresh list</source>
        <translation>Liste aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the list of models</source>
        <translation>Die Liste der Modelle aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Thinking: let the model reason before answering</source>
        <translation>&amp;Nachdenken: das Modell vor der Antwort überlegen lassen</translation>
    </message>
    <message>
        <source>Thinking mode</source>
        <translation>Denkmodus</translation>
    </message>
    <message>
        <source>OpenAI-compatible services tried in order when DeepSeek is unavailable (another cloud, or Ollama, llama.cpp and LM Studio on this computer). Keys are kept in the system keychain.</source>
        <translation>OpenAI-kompatible Dienste, die der Reihe nach versucht werden, wenn DeepSeek nicht erreichbar ist (eine andere Cloud oder Ollama, llama.cpp und LM Studio auf diesem Computer). Schlüssel werden im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>Fallback providers</source>
        <translation>Ersatzanbieter</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Add a provider</source>
        <translation>Einen Anbieter hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>Remove the selected provider</source>
        <translation>Den ausgewählten Anbieter entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach o&amp;ben</translation>
    </message>
    <message>
        <source>Try the selected provider earlier</source>
        <translation>Den ausgewählten Anbieter früher versuchen</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Try the selected provider later</source>
        <translation>Den ausgewählten Anbieter später versuchen</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>The new language is used as soon as the settings are saved.</source>
        <translation>Die neue Sprache gilt, sobald die Einstellungen gespeichert sind.</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>API key for this provider</source>
        <translation>API-Schlüssel für diesen Anbieter</translation>
    </message>
    <message>
        <source>Stored in keychain</source>
        <translation>Im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>Choose a model.</source>
        <translation>Wählen Sie ein Modell.</translation>
    </message>
    <message>
        <source>That looks like an API key: put it in the API key field, not the model.</source>
        <translation>Das sieht nach einem API-Schlüssel aus: Tragen Sie ihn in das Feld für den API-Schlüssel ein, nicht beim Modell.</translation>
    </message>
    <message>
        <source>Provider %1 needs a name.</source>
        <translation>Anbieter %1 braucht einen Namen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The server list could not be saved: an address is invalid or listed twice.</source>
        <translation>Die Serverliste konnte nicht gespeichert werden: Eine Adresse ist ungültig oder doppelt aufgeführt.</translation>
    </message>
    <message>
        <source>The server address could not be saved.</source>
        <translation>Die Serveradresse konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The providers could not be saved: names must be different from each other, without &quot;/&quot;, and must not look like keys.</source>
        <translation>Die Anbieter konnten nicht gespeichert werden: Die Namen müssen sich voneinander unterscheiden, dürfen kein &quot;/&quot; enthalten und nicht wie Schlüssel aussehen.</translation>
    </message>
    <message>
        <source>This model name cannot be saved.</source>
        <translation>Dieser Modellname kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>This port cannot be used.</source>
        <translation>Dieser Port kann nicht verwendet werden.</translation>
    </message>
    <message>
        <source>This language cannot be saved.</source>
        <translation>Diese Sprache kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The settings file could not be written: %1</source>
        <translation>Die Einstellungsdatei konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The local engine needs no sign-in.</source>
        <translation>Die lokale Engine braucht keine Anmeldung.</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Angemeldet.</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>Angemeldet als %1.</translation>
    </message>
    <message>
        <source>Stored in keychain (type a new key to replace it)</source>
        <translation>Im Schlüsselbund gespeichert (zum Ersetzen einen neuen Schlüssel eingeben)</translation>
    </message>
    <message>
        <source>sk-…</source>
        <translation>sk-…</translation>
    </message>
    <message>
        <source>The new key is saved to the system keychain when you press OK or Apply.</source>
        <translation>Der neue Schlüssel wird im Schlüsselbund des Systems gespeichert, wenn Sie auf „OK“ oder „Anwenden“ klicken.</translation>
    </message>
    <message>
        <source>A key is stored in the system keychain. It is never shown.</source>
        <translation>Im Schlüsselbund des Systems ist ein Schlüssel gespeichert. Er wird nie angezeigt.</translation>
    </message>
    <message>
        <source>No key stored. Without one, answers come from fallback providers or the offline responder.</source>
        <translation>Kein Schlüssel gespeichert. Ohne Schlüssel kommen die Antworten von den Ersatzanbietern oder vom Offline-Antwortgeber.</translation>
    </message>
</context>
<context>
    <name>pc::ShortcutsDialog</name>
    <message>
        <source>New chat</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Focus the message box</source>
        <translation>Zum Nachrichtenfeld springen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Stop generating</source>
        <translation>Generierung stoppen</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>Die letzte Antwort kopieren</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Die Nachricht senden</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>Neue Zeile in der Nachricht</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>pc::SignInClient</name>
    <message>
        <source>The server address must be a ws:// or wss:// URL.</source>
        <translation>Die Serveradresse muss eine ws://- oder wss://-URL sein.</translation>
    </message>
    <message>
        <source>The secret store is gone.</source>
        <translation>Der Geheimnisspeicher ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <source>You are not signed in to this server.</source>
        <translation>Sie sind bei diesem Server nicht angemeldet.</translation>
    </message>
    <message>
        <source>The server sent an unexpectedly large answer.</source>
        <translation>Der Server hat eine unerwartet große Antwort gesendet.</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified, so nothing was sent: %1</source>
        <translation>Die Identität des Servers konnte nicht überprüft werden, daher wurde nichts gesendet: %1</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Could not reach the server: %1</source>
        <translation>Der Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer has no token; is this a PromptCraft server?</source>
        <translation>Die Antwort des Servers enthält kein Token; ist das ein PromptCraft-Server?</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>Der Server hat die Anmeldung abgelehnt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Too many sign-in attempts; try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele Anmeldeversuche; versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele Anmeldeversuche; versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many sign-in attempts; try again later.</source>
        <translation>Zu viele Anmeldeversuche; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server redirected the sign-in (HTTP %1); check the server address.</source>
        <translation>Der Server hat die Anmeldung umgeleitet (HTTP %1); prüfen Sie die Serveradresse.</translation>
    </message>
    <message>
        <source>The server failed (HTTP %1).</source>
        <translation>Fehler auf dem Server (HTTP %1).</translation>
    </message>
    <message>
        <source>The server failed (HTTP %1): %2</source>
        <translation>Fehler auf dem Server (HTTP %1): %2</translation>
    </message>
</context>
<context>
    <name>pc::TemplateFormDialog</name>
    <message>
        <source>Fill in template</source>
        <translation>Vorlage ausfüllen</translation>
    </message>
    <message>
        <source>Fill in: %1</source>
        <translation>Ausfüllen: %1</translation>
    </message>
    <message>
        <source>This template has no fields to fill in.</source>
        <translation>Diese Vorlage hat keine Felder zum Ausfüllen.</translation>
    </message>
    <message>
        <source>Template fields</source>
        <translation>Vorlagenfelder</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>Preview of the filled prompt</source>
        <translation>Vorschau des ausgefüllten Prompts</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>Use the filled prompt</source>
        <translation>Den ausgefüllten Prompt verwenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>A number, e.g. 42 or 3.5</source>
        <translation>Eine Zahl, z. B. 42 oder 3.5</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Pflichtfeld.</translation>
    </message>
    <message>
        <source>Enter a number, like 42 or 3.5.</source>
        <translation>Geben Sie eine Zahl ein, etwa 42 oder 3.5.</translation>
    </message>
    <message>
        <source>Choose one of the options.</source>
        <translation>Wählen Sie eine der Optionen.</translation>
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
        <translation>Text</translation>
    </message>
    <message>
        <source>long text</source>
        <translation>langer Text</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>eines von: %1</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation>ja oder nein</translation>
    </message>
    <message>
        <source>Template library</source>
        <translation>Vorlagenbibliothek</translation>
    </message>
    <message>
        <source>Search templates</source>
        <translation>Vorlagen durchsuchen</translation>
    </message>
    <message>
        <source>Search titles, descriptions, tags and text</source>
        <translation>Titel, Beschreibungen, Schlagwörter und Text durchsuchen</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>Template text</source>
        <translation>Vorlagentext</translation>
    </message>
    <message>
        <source>Use…</source>
        <translation>Verwenden…</translation>
    </message>
    <message>
        <source>Use this template</source>
        <translation>Diese Vorlage verwenden</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export this template to a file</source>
        <translation>Diese Vorlage in eine Datei exportieren</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the library</source>
        <translation>Die Bibliothek aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import a template from a file</source>
        <translation>Eine Vorlage aus einer Datei importieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Uncategorized</source>
        <translation>Ohne Kategorie</translation>
    </message>
    <message>
        <source>All templates (%1)</source>
        <translation>Alle Vorlagen (%1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>No templates yet</source>
        <translation>Noch keine Vorlagen</translation>
    </message>
    <message>
        <source>No template matches</source>
        <translation>Keine passende Vorlage</translation>
    </message>
    <message>
        <source>Templates you create from conversations or import appear here.</source>
        <translation>Vorlagen, die Sie aus Unterhaltungen erstellen oder importieren, erscheinen hier.</translation>
    </message>
    <message>
        <source>Try other words or another category.</source>
        <translation>Versuchen Sie andere Wörter oder eine andere Kategorie.</translation>
    </message>
    <message>
        <source>Version %1, %2</source>
        <translation>Version %1, %2</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation>System: %1</translation>
    </message>
    <message>
        <source>%1 (%2, required)</source>
        <translation>%1 (%2, Pflichtfeld)</translation>
    </message>
    <message>
        <source>No fields to fill in.</source>
        <translation>Keine Felder zum Ausfüllen.</translation>
    </message>
    <message>
        <source>Fields: %1</source>
        <translation>Felder: %1</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a template.</source>
        <translation>%1 ist zu groß für eine Vorlage.</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Imported “%1”.</source>
        <translation>„%1“ importiert.</translation>
    </message>
    <message>
        <source>Select a template to export.</source>
        <translation>Wählen Sie eine Vorlage zum Exportieren aus.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported “%1” to %2.</source>
        <translation>„%1“ nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Import template</source>
        <translation>Vorlage importieren</translation>
    </message>
    <message>
        <source>PromptCraft templates (*.json);;All files (*)</source>
        <translation>PromptCraft-Vorlagen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export template</source>
        <translation>Vorlage exportieren</translation>
    </message>
    <message>
        <source>PromptCraft templates (*.json)</source>
        <translation>PromptCraft-Vorlagen (*.json)</translation>
    </message>
</context>
<context>
    <name>pc::TemplateOpportunityDialog</name>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>Programmieren</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Geschäftlich</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Bildung</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>Kreativ</translation>
    </message>
    <message>
        <source>Save as a template?</source>
        <translation>Als Vorlage speichern?</translation>
    </message>
    <message>
        <source>Template suggestion</source>
        <translation>Vorlagenvorschlag</translation>
    </message>
    <message>
        <source>This conversation looks reusable. Save it as a prompt template?</source>
        <translation>Diese Unterhaltung sieht wiederverwendbar aus. Als Prompt-Vorlage speichern?</translation>
    </message>
    <message>
        <source>Template title</source>
        <translation>Vorlagentitel</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Why this was suggested</source>
        <translation>Warum das vorgeschlagen wurde</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>Konfidenz:</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Warum:</translation>
    </message>
    <message>
        <source>Create template</source>
        <translation>Vorlage erstellen</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Don&apos;t suggest for this chat</source>
        <translation>Für diese Unterhaltung nicht vorschlagen</translation>
    </message>
    <message>
        <source>Don&apos;t suggest templates for this chat</source>
        <translation>Für diese Unterhaltung keine Vorlagen vorschlagen</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>pc::ThinkingIndicator</name>
    <message>
        <source>PromptCraft is thinking…</source>
        <translation>PromptCraft denkt nach…</translation>
    </message>
</context>
<context>
    <name>pc::TokenStore</name>
    <message>
        <source>The secret has no name; nothing was stored or read.</source>
        <translation>Das Geheimnis hat keinen Namen; es wurde nichts gespeichert oder gelesen.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Erledigt.</translation>
    </message>
    <message>
        <source>Nothing is stored under this name.</source>
        <translation>Unter diesem Namen ist nichts gespeichert.</translation>
    </message>
    <message>
        <source>No system keychain (Secret Service) is available.</source>
        <translation>Kein Schlüsselbund des Systems (Secret Service) verfügbar.</translation>
    </message>
    <message>
        <source>The system keychain is locked or refused access.</source>
        <translation>Der Schlüsselbund des Systems ist gesperrt oder hat den Zugriff verweigert.</translation>
    </message>
    <message>
        <source>The system keychain did not answer in time.</source>
        <translation>Der Schlüsselbund des Systems hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The system keychain reported an error.</source>
        <translation>Der Schlüsselbund des Systems hat einen Fehler gemeldet.</translation>
    </message>
</context>
</TS>
