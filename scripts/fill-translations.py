#!/usr/bin/env python3
"""Fill translations/promptcraft_<lang>.ts from a JSON dictionary, or list what is left to translate.

The .ts files stay the source of truth (Qt Linguist works on them too); this is for translating many
entries at once. After scripts/update-translations.sh has added new texts:

    scripts/fill-translations.py --todo de > /tmp/de.json    # unfinished entries, translations empty
    (fill in the empty strings of /tmp/de.json)
    scripts/fill-translations.py de /tmp/de.json             # writes them into promptcraft_de.ts
    scripts/fill-translations.py --check                     # every file complete? (exit 1 if not)

The dictionary maps context -> source text -> translation:

    {"pc::Composer": {"Send": "Senden",
                      "%n messages will be sent when connected.": ["%n Nachricht ...", "%n Nachrichten ..."]}}

A text that carries a disambiguating comment (tr("text", "comment")) is keyed "text ## comment".
A text with %n (numerus="yes" in the .ts) takes a list with one form per plural form of the language:
one for zh_CN, two for de and en (singular, plural). Keep %1, %2, %n, HTML/Markdown and file filters
such as "(*.json)" as they are; a "&" marks the keyboard shortcut of a label or button (Chinese puts it
after the text: "复制(&C)"); keep shortcuts unique within a dialog. Entries the dictionary does not
name are left alone; an empty string leaves an entry unfinished.

The file is edited in place, keeping lupdate's layout, so that the next lupdate run changes nothing.
"""

import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "translations"

CONTEXT_RE = re.compile(r"<context>(.*?)</context>", re.S)
NAME_RE = re.compile(r"<name>(.*?)</name>", re.S)
MESSAGE_RE = re.compile(r"(?P<open><message(?P<attrs>[^>]*)>)(?P<body>.*?)</message>", re.S)
SOURCE_RE = re.compile(r"<source>(.*?)</source>", re.S)
COMMENT_RE = re.compile(r"<comment>(.*?)</comment>", re.S)
COMMENT_SEPARATOR = " ## "
TRANSLATION_RE = re.compile(r"(?P<indent>[ \t]*)<translation(?P<attrs>[^>]*?)(?:/>|>(?P<text>.*?)</translation>)", re.S)
NUMERUS_FORM_RE = re.compile(r"<numerusform>(.*?)</numerusform>", re.S)
PLURAL_FORMS = {"en": 2, "de": 2, "zh_CN": 1}


def escape(text):
    """As lupdate writes element text."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def unescape(text):
    return html.unescape(text)


def ts_path(lang):
    return TS_DIR / f"promptcraft_{lang}.ts"


def messages(ts_text):
    """Yields (context, key, numerus, translation match, message match, context offset); the key is
    the source text, with " ## comment" when the message has a disambiguating comment."""
    for context in CONTEXT_RE.finditer(ts_text):
        body = context.group(1)
        name = unescape(NAME_RE.search(body).group(1))
        for message in MESSAGE_RE.finditer(body):
            source = unescape(SOURCE_RE.search(message.group("body")).group(1))
            comment = COMMENT_RE.search(message.group("body"))
            if comment:
                source += COMMENT_SEPARATOR + unescape(comment.group(1))
            numerus = 'numerus="yes"' in message.group("attrs")
            translation = TRANSLATION_RE.search(message.group("body"))
            yield name, source, numerus, translation, message, context.start(1)


def state(numerus, translation):
    """(finished, forms) of one message's translation element."""
    attrs = translation.group("attrs")
    text = translation.group("text") or ""
    if numerus:
        forms = [unescape(f) for f in NUMERUS_FORM_RE.findall(text)]
    else:
        forms = [unescape(text)]
    finished = "unfinished" not in attrs and "vanished" not in attrs and "obsolete" not in attrs
    return finished and all(forms), forms


def todo(lang):
    text = ts_path(lang).read_text(encoding="utf-8")
    out = {}
    for context, source, numerus, translation, _, _ in messages(text):
        finished, _ = state(numerus, translation)
        if not finished:
            empty = [""] * PLURAL_FORMS.get(lang, 2) if numerus else ""
            out.setdefault(context, {})[source] = empty
    return out


def render_translation(indent, numerus, value):
    if numerus:
        inner = "".join(f"{indent}    <numerusform>{escape(form)}</numerusform>\n" for form in value)
        return f"{indent}<translation>\n{inner}{indent}</translation>"
    return f"{indent}<translation>{escape(value)}</translation>"


def fill(lang, dictionary):
    path = ts_path(lang)
    text = path.read_text(encoding="utf-8")
    edits = []  # (start, end, replacement) in file offsets
    used = set()
    for context, source, numerus, translation, message, offset in messages(text):
        value = dictionary.get(context, {}).get(source)
        if value is None or value == "" or value == []:
            continue
        if numerus != isinstance(value, list):
            sys.exit(f"{context} / {source!r}: give {'a list of plural forms' if numerus else 'a string'}")
        if numerus and len(value) != PLURAL_FORMS.get(lang, len(value)):
            sys.exit(f"{context} / {source!r}: {lang} has {PLURAL_FORMS[lang]} plural form(s)")
        if numerus and not all(value):
            continue
        used.add((context, source))
        body_start = offset + message.start("body")
        start = body_start + translation.start()
        end = body_start + translation.end()
        edits.append((start, end, render_translation(translation.group("indent"), numerus, value)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    path.write_text(text, encoding="utf-8")
    unknown = [(c, s) for c, texts in dictionary.items() for s in texts if (c, s) not in used and texts[s]]
    for context, source in unknown:
        print(f"not in {path.name} (changed or gone from the code?): {context} / {source!r}", file=sys.stderr)
    return len(edits)


def check():
    missing = 0
    for path in sorted(TS_DIR.glob("promptcraft_*.ts")):
        lang = path.stem.removeprefix("promptcraft_")
        left = todo(lang)
        count = sum(len(texts) for texts in left.values())
        missing += count
        print(f"{path.name}: {'complete' if count == 0 else f'{count} unfinished'}")
        for context, texts in left.items():
            for source in texts:
                print(f"    {context} / {source!r}")
    return 1 if missing else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--todo", metavar="LANG", help="print the unfinished entries of LANG as JSON")
    parser.add_argument("--check", action="store_true", help="list unfinished entries of every file")
    parser.add_argument("lang", nargs="?", help="language to fill: en, zh_CN, de")
    parser.add_argument("dictionary", nargs="?", help="JSON file: context -> source -> translation")
    args = parser.parse_args()
    if args.check:
        return check()
    if args.todo:
        json.dump(todo(args.todo), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not args.lang or not args.dictionary:
        parser.error("give LANG and DICTIONARY, or --todo LANG, or --check")
    dictionary = json.loads(Path(args.dictionary).read_text(encoding="utf-8"))
    count = fill(args.lang, dictionary)
    print(f"{ts_path(args.lang).name}: {count} entries filled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
