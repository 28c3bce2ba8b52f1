#!/usr/bin/env bash
# Renders winnow's two HTML views in a real browser (headless Chromium) and checks the result.
#
# 1. Builds winnow (or uses $WINNOW), makes an input folder from Samples/ plus three pages made
#    to misbehave: a hostile page whose text, title, URL and file name try to inject markup and
#    script, a page with nothing but navigation (dropped as 'empty'), and a binary file (fails).
# 2. Runs the default pipeline over it with --trace, writes `winnow report` (with its explain
#    pages) and `winnow explain` for a sample page and for the hostile page.
# 3. Loads each page in `chromium --headless --dump-dom` and asserts on the DOM the browser
#    built: the sections, legend and toggle are there, the blocks are counted, the failure and the
#    drop reason are listed, and no element the hostile page tried to inject exists (no <script>,
#    no <img>, no element its script would have created, no javascript: link).
# 4. Takes screenshots at 1280 px and at phone width (390 px), and checks that checking the
#    "Hide removed text" box (CSS only, no script) changes what is shown.
#
# Usage (from anywhere):
#   Tools/views/check-in-browser.sh                 # check; screenshots go to a temporary folder
#   Tools/views/check-in-browser.sh --update-docs   # also save docs/explain.png and docs/report.png
#
# Environment: WINNOW (a built winnow executable; default: build with SCRATCH), SCRATCH (SwiftPM
# scratch path, default .build-views), CHROMIUM (default: chromium on PATH; Debian: apt-get
# install chromium), KEEP=1 (keep the work folder and print its path).
# Exit status: 0 all checks passed, 1 a check failed, 77 no Chromium (skipped).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
UPDATE_DOCS=0
[[ "${1:-}" == "--update-docs" ]] && UPDATE_DOCS=1

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z "$CHROMIUM" ]]; then
    echo "check-in-browser: no chromium on PATH; skipped (apt-get install chromium)" >&2
    exit 77
fi
if [[ -z "${WINNOW:-}" ]]; then
    SCRATCH=${SCRATCH:-.build-views}
    (cd "$ROOT" && swift build --scratch-path "$SCRATCH" --product winnow >/dev/null)
    WINNOW="$ROOT/$SCRATCH/debug/winnow"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/winnow-views.XXXXXX")
if [[ "${KEEP:-0}" == 1 ]]; then echo "check-in-browser: work folder $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
FAILURES=0
fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { echo "ok: $*"; }

# --- Input: the samples, a hostile page, an empty page, a binary file. ---
mkdir -p "$WORK/in"
cp -R "$ROOT/Samples/html" "$ROOT/Samples/text" "$WORK/in/"
HOSTILE_NAME='hostile-"><b>name.html'
cat > "$WORK/in/html/$HOSTILE_NAME" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head>
<title>"&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt; Council approves the new harbour wall</title>
<meta property="og:title" content="&quot;&gt;&lt;img src=x onerror=alert(1)&gt; Council approves the new harbour wall">
<meta property="og:url" content="javascript:document.body.appendChild(document.createElement('mark-'+'pwned'))">
<meta name="author" content="&lt;svg onload=alert(2)&gt;">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "\"><img src=x onerror=alert(4)> Council approves the new harbour wall",
 "url": "javascript:document.body.appendChild(document.createElement('mark-'+'pwned'))",
 "author": {"@type": "Person", "name": "<svg onload=alert(5)>Ann</svg>"}, "datePublished": "2024-06-04T08:30:00Z",
 "image": "javascript:alert(6)", "description": "</dd></dl><script>alert(7)</script>"}
</script>
</head><body>
<nav class="site-nav"><ul><li><a href="/">Home &lt;script&gt;alert(3)&lt;/script&gt;</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Council approves the new harbour wall &lt;img src=x onerror="document.body.appendChild(document.createElement('mark-'+'pwned'))"&gt;</h1>
<p>The council approved the new harbour wall on Tuesday evening after a debate that lasted more than four hours, with members split over its cost and its effect on the fishing fleet. &lt;script&gt;document.body.appendChild(document.createElement('mark-'+'pwned'))&lt;/script&gt;</p>
<p>Engineers say the wall will protect the old town from winter storms for at least sixty years, and that work can start in the spring once the contracts are signed and the money arrives.</p>
<p>Recommended by &lt;/p&gt;&lt;/li&gt;&lt;/ol&gt;&lt;style&gt;body{display:none}&lt;/style&gt;</p>
<p>Residents who spoke at the meeting welcomed the decision but asked the council to keep the public path along the quay open during the works, which officers promised to do where it is safe.</p>
</article></main>
<footer class="site-footer"><p>© 2024 The Harbour Times. &lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;</p></footer>
</body></html>
HTML
cat > "$WORK/in/html/empty.html" <<'HTML'
<html><head><title>Nothing here</title></head><body><img src="banner.png" alt=""></body></html>
HTML
printf '\x89PNG\0\0\0\x01binary' > "$WORK/in/text/binary.txt"

# --- Run, report, explain. ---
set +e
"$WINNOW" run --input "$WORK/in" --output "$WORK/out" --jobs 2 --trace 2> "$WORK/run.log"
STATUS=$?
set -e
[[ $STATUS == 1 ]] && pass "run: exit 1 with the binary file failed" || fail "run exited $STATUS, expected 1 ($(tail -1 "$WORK/run.log"))"
# A pipeline file can't be combined with --input here, so write json outputs through one.
cat > "$WORK/pipeline.yml" <<YAML
version: 1
input: $WORK/in
output: $WORK/out
trace: true
stages:
  - read
  - rules: {drop-lines: ["^Recommended by\\\\b", "^NEXT ARTICLE\$"]}
  - strip
  - normalize
  - write: {formats: [txt, json]}
YAML
"$WINNOW" run "$WORK/pipeline.yml" --jobs 2 2> "$WORK/run.log" || true
# Metadata stages may reject hostile values; write some into the hostile page's traced JSON as a
# stage that copies page values verbatim would, so the report's explain page must escape them.
HOSTILE_JSON=$(ls "$WORK/out/html/"hostile*.json)
FIELDS='"author-hostile": {"source": "json-ld", "value": "<svg onload=alert(5)>Ann</svg>"}, "url-hostile": {"source": "json-ld", "value": "javascript:document.body.appendChild(document.createElement(\x27mark-\x27+\x27pwned\x27))"}'
sed -i -E "s|^(  \"metadata\" ?: )\{\}|\1{$FIELDS}|; t; s|^(  \"metadata\" ?: )\{\$|\1{$FIELDS,|" "$HOSTILE_JSON"
grep -q 'author-hostile' "$HOSTILE_JSON" || fail "could not add hostile metadata to $HOSTILE_JSON"
# Runners before _timings.jsonl existed: write a stand-in from the manifest (sizes as times) so
# the throughput chart and the slowest documents are still rendered and checked.
if [[ ! -s "$WORK/out/_timings.jsonl" ]] && command -v python3 >/dev/null; then
    echo "check-in-browser: the run wrote no _timings.jsonl; using a stand-in made from the manifest" >&2
    python3 - "$WORK/out" <<'PY'
import json, sys
folder = sys.argv[1]
lines, start = [], 0.0
for n, line in enumerate(open(folder + "/_manifest.jsonl")):
    entry = json.loads(line)
    seconds = 0.004 + entry["size"] / 2e6 + (n % 5) * 0.003
    lines.append(json.dumps({"id": entry["id"], "path": entry["path"], "status": entry["status"], "start": round(start, 4), "seconds": round(seconds, 4), "bytes": entry["size"]}))
    start += seconds / 2
open(folder + "/_timings.jsonl", "w").write("\n".join(lines) + "\n")
PY
fi
mkdir -p "$WORK/site"
"$WINNOW" report "$WORK/out" -o "$WORK/site/report.html" 2> "$WORK/report.log" || fail "report: $(cat "$WORK/report.log")"
"$WINNOW" explain "$ROOT/Samples/html/news/battery-train-order.html" -o "$WORK/site/explain.html" 2>/dev/null || fail "explain of a sample failed"
"$WINNOW" explain "$WORK/in/html/$HOSTILE_NAME" -o "$WORK/site/hostile.html" 2>/dev/null || fail "explain of the hostile page failed"
"$WINNOW" explain "$ROOT/Samples/text/news/battery-train-order.txt" -o "$WORK/site/explain-text.html" 2>/dev/null || fail "explain of a text sample failed"

# --- The DOM as Chromium built it. ---
dom() { timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --dump-dom "file://$1" 2>/dev/null; }
shot() { timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$2" --screenshot="$3" "file://$1" >/dev/null 2>&1; }
count() { grep -o -- "$1" <<< "$2" | wc -l | tr -d ' '; }
expect_count_at_least() { # what minimum pattern dom
    local n; n=$(count "$3" "$4")
    if (( n >= $2 )); then pass "$1 ($n)"; else fail "$1: $n < $2"; fi
}
expect_contains() { if grep -qF -- "$2" <<< "$3"; then pass "$1"; else fail "$1: no '$2'"; fi; }
expect_absent() { if grep -qiE -- "$2" <<< "$3"; then fail "$1: found '$(grep -oiE -- "$2" <<< "$3" | head -1)'"; else pass "$1"; fi; }
no_injection() { # name dom
    expect_absent "$1: no injected element" '<(script|img|iframe|mark-pwned|svg onload|style>body)' "$2"
    expect_absent "$1: no event handler attribute" '<[a-z][^>]* on[a-z]+=' "$2"
    expect_absent "$1: no javascript: link" 'href="javascript:' "$2"
    [[ "$2" == *"<title>pwned</title>"* ]] && fail "$1: a script ran (title changed)" || pass "$1: no script ran"
}

DOM=$(dom "$WORK/site/explain.html")
expect_contains "explain: legend" '<h2 id="legend-heading">Legend</h2>' "$DOM"
expect_contains "explain: CSS-only toggle" '<input type="checkbox" id="hide-removed">' "$DOM"
expect_contains "explain: metadata panel" '<h2 id="metadata-heading">Metadata</h2>' "$DOM"
expect_count_at_least "explain: kept blocks" 10 '<li class="block kept' "$DOM"
expect_count_at_least "explain: removed blocks, shaded by reason" 10 '<li class="block removed [^"]* g-' "$DOM"
expect_count_at_least "explain: removal labels in text" 10 '<span class="reason">removed' "$DOM"
expect_count_at_least "explain: metadata sources" 5 'source: ' "$DOM"
no_injection "explain" "$DOM"

DOM=$(dom "$WORK/site/explain-text.html")
expect_count_at_least "explain (text): removed lines" 2 '<span class="reason">removed line: ' "$DOM"
no_injection "explain (text)" "$DOM"

DOM=$(dom "$WORK/site/hostile.html")
no_injection "hostile explain" "$DOM"
expect_contains "hostile explain: the page's script shown as text" "&lt;script&gt;document.body.appendChild" "$DOM"
expect_count_at_least "hostile explain: every later block still rendered" 3 '<li class="block kept' "$DOM"

DOM=$(dom "$WORK/site/report.html")
for heading in "Summary" "Documents by status" "Dropped documents by reason" "Removals by reason" "Throughput over time" "Slowest documents" "Failures (1)" "Documents"; do
    expect_contains "report: section $heading" "\">$heading</h2>" "$DOM"
done
expect_count_at_least "report: inline SVG charts" 3 '<svg class="chart" role="img"' "$DOM"
if [[ -s "$WORK/out/_timings.jsonl" ]]; then
    expect_contains "report: throughput chart" 'id="chart-throughput-title"' "$DOM"
    expect_count_at_least "report: slowest documents" 10 '<td class="num">' "$DOM"
fi
expect_contains "report: the failure with its message" "the file is binary, not text" "$DOM"
expect_contains "report: the drop reason" '<text x="0" y="14">empty</text>' "$DOM"
expect_count_at_least "report: links to explain pages" 10 'href="report-explain/' "$DOM"
no_injection "report" "$DOM"
HOSTILE_PAGE=$(ls "$WORK/site/report-explain/" | grep '^html-hostile' | head -1 || true)
if [[ -n "$HOSTILE_PAGE" ]]; then
    DOM=$(dom "$WORK/site/report-explain/$HOSTILE_PAGE")
    no_injection "report's hostile explain page" "$DOM"
    expect_contains "report's explain page links back" 'href="../report.html"' "$DOM"
    expect_contains "report's hostile explain page: markup in metadata shown as text" "&lt;svg onload=alert(5)&gt;Ann&lt;/svg&gt;" "$DOM"
    expect_contains "report's hostile explain page: javascript: URL shown as text, not a link" "<dd>javascript:document.body" "$DOM"
else
    fail "no explain page for the hostile page"
fi

# --- Screenshots, and the toggle (CSS only: the same page with the box checked must differ). ---
SHOTS="$WORK/shots"; mkdir -p "$SHOTS"
shot "$WORK/site/explain.html" 1280,1500 "$SHOTS/explain.png"
shot "$WORK/site/explain.html" 390,1400 "$SHOTS/explain-phone.png"
shot "$WORK/site/report.html" 1280,2300 "$SHOTS/report.png"
shot "$WORK/site/report.html" 390,1400 "$SHOTS/report-phone.png"
sed 's/<input type="checkbox" id="hide-removed">/<input type="checkbox" id="hide-removed" checked>/' "$WORK/site/explain.html" > "$WORK/site/explain-hidden.html"
shot "$WORK/site/explain-hidden.html" 1280,1500 "$SHOTS/explain-hidden.png"
for png in "$SHOTS"/*.png; do [[ -s "$png" ]] || fail "no screenshot $(basename "$png")"; done
if cmp -s "$SHOTS/explain.png" "$SHOTS/explain-hidden.png"; then fail "toggle: hiding removed text changes nothing"; else pass "toggle: checking the box hides removed text"; fi
DOM=$(dom "$WORK/site/explain-hidden.html")
expect_contains "toggle: the rule that hides is in the page" 'body:has(#hide-removed:checked) .removed{display:none}' "$DOM"

if [[ $UPDATE_DOCS == 1 ]]; then
    mkdir -p "$ROOT/docs"
    for name in explain report; do
        if command -v pngquant >/dev/null; then
            pngquant --force --quality 60-90 --output "$ROOT/docs/$name.png" "$SHOTS/$name.png"
        else
            cp "$SHOTS/$name.png" "$ROOT/docs/$name.png"
        fi
        size=$(wc -c < "$ROOT/docs/$name.png")
        (( size < 300000 )) && pass "docs/$name.png ($size bytes)" || fail "docs/$name.png is $size bytes (over 300 KB)"
    done
fi
[[ "${KEEP:-0}" == 1 ]] && echo "check-in-browser: screenshots in $SHOTS" >&2

if (( FAILURES > 0 )); then
    echo "check-in-browser: $FAILURES check(s) failed" >&2
    exit 1
fi
echo "check-in-browser: all checks passed"
