<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>TemplateFormat</name>
    <message numerus="yes">
        <source>and %n more problem(s)</source>
        <translation>
            <numerusform>and %n more problem</numerusform>
            <numerusform>and %n more problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::ConnectionBanner</name>
    <message numerus="yes">
        <source>%n messages will be sent when connected.</source>
        <translation>
            <numerusform>%n message will be sent when connected.</numerusform>
            <numerusform>%n messages will be sent when connected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s…</source>
        <translation>
            <numerusform>Connection lost. Reconnecting in %n s…</numerusform>
            <numerusform>Connection lost. Reconnecting in %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::KeychainTokenStore</name>
    <message numerus="yes">
        <source>The system keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>The system keychain did not answer within %n second.</numerusform>
            <numerusform>The system keychain did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::MainWindow</name>
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>%n model available.</numerusform>
            <numerusform>%n models available.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>DeepSeek does not offer “%1” for this key; choose one of its %n model(s).</source>
        <translation>
            <numerusform>DeepSeek does not offer “%1” for this key; choose its %n model.</numerusform>
            <numerusform>DeepSeek does not offer “%1” for this key; choose one of its %n models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::SignInClient</name>
    <message numerus="yes">
        <source>Too many sign-in attempts; try again in %n second(s).</source>
        <translation>
            <numerusform>Too many sign-in attempts; try again in %n second.</numerusform>
            <numerusform>Too many sign-in attempts; try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
