#!/usr/bin/env python3
"""Builds Tests/Fixtures/language/paragraphs.tsv, winnow's labelled language test set.

Sources (both CC-BY-SA 3.0, from Debian packages, never used to fit the model):
  * gnome-user-docs  (GNOME Help, Mallard pages translated into ~40 languages)
  * debian-handbook  (The Debian Administrator's Handbook, HTML, ~25 languages)

Paragraphs left untranslated (identical to the English original) are dropped. Each language gets
up to LONG paragraphs of 100+ characters and SHORT paragraphs of 25-99 characters, picked by a
stable hash, so the file is the same on every run with the same packages.

Usage: python3 make_testset.py DEBS_DIR OUT.tsv
  DEBS_DIR holds the two packages unpacked with `dpkg-deb -x` (see regenerate.sh).
"""
import hashlib
import html
import html.parser
import os
import re
import sys
import xml.etree.ElementTree as ET

LONG, SHORT = 50, 30
MALLARD = "{http://projectmallard.org/1.0/}"
# GNOME locale -> ISO 639-1 (None: skipped; sr@latin is Serbian in Latin letters, which the
# model, like most, cannot tell from Croatian/Bosnian; as = Assamese, not supported).
GNOME = {"C": "en", "pt_BR": "pt", "zh_CN": "zh", "sr@latin": None, "as": None}
SKIP_INSIDE = {"code", "screen", "example", "synopsis", "info", "title", "desc", "media"}


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def mallard_paragraphs(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return []
    out = []

    def walk(node, skip):
        tag = node.tag.replace(MALLARD, "") if isinstance(node.tag, str) else ""
        skip = skip or tag in SKIP_INSIDE
        if tag == "p" and not skip:
            out.append(norm("".join(node.itertext())))
            return
        for child in node:
            walk(child, skip)

    walk(root, False)
    return out


class HTMLParagraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.buf = []
        self.out = []

    # DocBook (Publican) output writes paragraphs as <div class="para">; nested divs inside one
    # (notes, lists) are rare, so a paragraph ends at the first closing div after it opened.
    def handle_starttag(self, tag, attrs):
        if tag in ("pre", "code", "script", "style"):
            self.skip += 1
        if tag == "div" and ("class", "para") in attrs and not self.depth:
            self.depth = 1
            self.buf = []
        elif tag == "div" and self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("pre", "code", "script", "style") and self.skip:
            self.skip -= 1
        if tag == "div" and self.depth:
            self.depth -= 1
            if not self.depth:
                self.out.append(norm("".join(self.buf)))

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.buf.append(data)


def html_paragraphs(path):
    parser = HTMLParagraphs()
    with open(path, encoding="utf-8", errors="replace") as f:
        parser.feed(f.read())
    return parser.out


# Untranslated paragraphs that differ from the current English original (older editions) are
# caught by English function words, a check independent of winnow's model.
ENGLISH_WORDS = set("the and of is that you with this are which your from have will can by should only these".split())


def english_share(p):
    words = re.findall(r"[^\W\d_]+", p.lower())
    return sum(w in ENGLISH_WORDS for w in words) / max(1, len(words))


def usable(p, lang):
    letters = sum(ch.isalpha() for ch in p)
    if lang != "en" and english_share(p) > 0.04:
        return False
    return len(p) >= 25 and letters >= 0.6 * len(p) and "http" not in p and "@" not in p


def collect(debs):
    by_lang = {}  # lang -> {source: [paragraphs]}
    help_root = os.path.join(debs, "gnome-user-docs/usr/share/help")
    english = set()
    for locale in sorted(os.listdir(help_root)):
        lang = GNOME.get(locale, locale)
        paras = []
        for dirpath, _, files in os.walk(os.path.join(help_root, locale)):
            for name in sorted(files):
                if name.endswith(".page"):
                    paras += mallard_paragraphs(os.path.join(dirpath, name))
        if locale == "C":
            english |= set(paras)
        if lang:
            by_lang.setdefault(lang, {})["gnome-help"] = paras
    hb_root = os.path.join(debs, "debian-handbook/usr/share/doc/debian-handbook/html")
    for locale in sorted(os.listdir(hb_root)):
        lang = locale.split("-")[0]
        paras = []
        for name in sorted(os.listdir(os.path.join(hb_root, locale))):
            if name.endswith(".html"):
                paras += html_paragraphs(os.path.join(hb_root, locale, name))
        if locale == "en-US":
            english |= set(paras)
        by_lang.setdefault(lang, {})["debian-handbook"] = paras
    return by_lang, english


def key(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def main():
    debs, out_path = sys.argv[1], sys.argv[2]
    by_lang, english = collect(debs)
    rows = []
    for lang in sorted(by_lang):
        seen, long_, short = set(), [], []
        for source, paras in sorted(by_lang[lang].items()):
            for p in paras:
                if p in seen or not usable(p, lang) or (lang != "en" and p in english):
                    continue
                seen.add(p)
                (long_ if len(p) >= 100 else short).append((key(p), source, p))
        long_.sort(); short.sort()
        # Cap very long paragraphs so the fixture stays small; 600 characters is plenty.
        for _, source, p in long_[:LONG] + short[:SHORT]:
            if len(p) > 600:
                cut = p.rfind(" ", 0, 600)
                p = p[: cut if cut > 100 else 600]
            rows.append((lang, source, p))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# lang\tsource\ttext  (see README.md: GNOME Help and the Debian Administrator's Handbook, CC-BY-SA 3.0)\n")
        for lang, source, p in rows:
            f.write(f"{lang}\t{source}\t{p.replace(chr(9), ' ')}\n")
    counts = {}
    for lang, _, p in rows:
        c = counts.setdefault(lang, [0, 0])
        c[0 if len(p) >= 100 else 1] += 1
    print(f"{len(rows)} paragraphs, {len(counts)} languages", file=sys.stderr)
    for lang, (l, s) in sorted(counts.items()):
        print(f"  {lang}: {l} long, {s} short", file=sys.stderr)


if __name__ == "__main__":
    main()
