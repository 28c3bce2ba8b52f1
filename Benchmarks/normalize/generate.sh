#!/usr/bin/env bash
# Generates a corpus of scraped-text-like pages for the normalize benchmark, for machines
# without ../shared/datasets: mostly plain English paragraphs with the things the stage fixes
# mixed in at realistic rates (curly quotes and dashes, no-break spaces, entities, accented and
# CJK words, mojibake, doubled spaces, CR LF line ends).
#
# Usage: generate.sh FOLDER [PAGES]   (deterministic: the same corpus every time; ~16 KB a page)
set -euo pipefail
FOLDER=${1:?usage: generate.sh FOLDER [PAGES]}
PAGES=${2:-1358}
mkdir -p "$FOLDER"

for page in $(seq 1 "$PAGES"); do
    awk -v seed="$page" 'BEGIN {
        srand(seed)
        n = split("the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can who out about up some into them than its time only new could other also over after such first two most may years these well where people way many because state said year world", plain, " ")
        m = split("café naïve “quoted” ‘single’ it’s don’t —dash– 1990–2000 wait… 東京 日本語 Привет São déjà&nbsp;vu &amp; &quot;x&quot; &#8217; donâ€™t CafÃ© Â£5 ﬁnal Ｆｕｌｌ", odd, " ")
        size = 0
        while (size < 16000) {
            words = 40 + int(rand() * 80); line = ""; len = 0
            for (w = 0; w < words; w++) {
                word = (rand() < 0.06) ? odd[1 + int(rand() * m)] : plain[1 + int(rand() * n)]
                sep = (rand() < 0.01) ? "\302\240" : ((rand() < 0.01) ? "  " : " ")
                line = line (w ? sep : "") word
                len += length(word) + 1
                if (len > 72 && rand() < 0.3) { line = line "\n"; len = 0 }
            }
            end = (rand() < 0.1) ? "\r\n\r\n" : "\n\n"
            printf "%s.%s", toupper(substr(line, 1, 1)) substr(line, 2), end
            size += length(line) + 2
        }
    }' | gzip -9 > "$FOLDER/$(printf '%04d' "$page").txt.gz"
done
