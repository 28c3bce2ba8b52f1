#!/usr/bin/env python3
"""The speed budget: winnow against the libxml2 parse floor (and trafilatura), in one run.

Usage (from the repository root):
    Benchmarks/speed/run.sh [--pages N] [--rounds R] [--scale K] [--no-trafilatura] [FOLDER]

FOLDER defaults to ../shared/datasets/wcxb-dev/html when present, otherwise a generated corpus of
news-like pages. Every row runs in its own process, so its peak RSS is its own:

  1. libxml2 parse alone (the floor)         winnow-bench --only floor
  2. reader (parse into the arena, blocks)    winnow-bench --only reader
  3. reader + stripper                        winnow-bench --only reader-stripper
  4. full default pipeline, files in and out  winnow run Pipelines/default.yml --force

each at --jobs 1 and at all cores, with pages/s, MB/s (of HTML, inflated), CPU seconds, peak
RSS and the ratio to the floor at the same job count. Rows 1-3 hold the corpus in memory (its size
is part of their RSS); row 4 streams files like a real run.

Where Python's trafilatura is importable, it runs on the same pages (one process, as its users
run it) and the table ends with winnow's pages per CPU-second as a multiple of trafilatura's.

--scale K also runs the full default pipeline with --jobs 2 over the corpus repeated K times
(symbolic links in K folders) and prints its peak RSS next to the single corpus's: memory must
not grow with the corpus.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / ".build" / "release"


def run_child(argv: list[str], quiet: bool = True) -> tuple[float, float, int, str]:
    """Runs a command; returns (wall seconds, CPU seconds, peak RSS bytes, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if quiet else None, text=True)
    out = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"run.py: {' '.join(argv)} exited with {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out


def corpus_folder(arg: str | None, pages: int | None, work: Path) -> tuple[Path, str]:
    if arg:
        source = Path(arg)
    else:
        source = ROOT.parent / "shared" / "datasets" / "wcxb-dev" / "html"
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.name.endswith((".html", ".htm", ".html.gz")))
        if pages:
            files = files[:pages]
        folder = work / "corpus"
        folder.mkdir()
        for f in files:
            os.symlink(f, folder / f.name)
        return folder, f"{len(files)} pages of {source}"
    folder = work / "corpus"
    folder.mkdir()
    count = pages or 1000
    for i in range(count):
        body = "".join(f"<p>Paragraph {j} of page {i}: a sentence long enough to count as content, with a comma.</p>" for j in range(40))
        html = (f"<html><head><title>Page {i}</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
                f"<article><h1>Page {i}</h1>{body}</article><footer>Copyright 2026</footer></body></html>")
        (folder / f"p{i:05d}.html").write_text(html)
    return folder, f"{count} generated pages"


def corpus_bytes(folder: Path) -> int:
    """The corpus's HTML bytes, inflated (as winnow-bench counts them)."""
    total = 0
    for p in folder.iterdir():
        data = p.read_bytes()
        total += len(gzip.decompress(data)) if p.name.endswith(".gz") else len(data)
    return total


def trafilatura_rate(folder: Path) -> tuple[float, float, int] | None:
    """trafilatura over the folder in a child process: (pages per CPU-second, pages/s, pages)."""
    try:
        import trafilatura  # noqa: F401
    except Exception:
        return None
    script = r"""
import gzip, os, sys, time, trafilatura
folder = sys.argv[1]
pages = []
for name in sorted(os.listdir(folder)):
    data = open(os.path.join(folder, name), 'rb').read()
    if name.endswith('.gz'): data = gzip.decompress(data)
    pages.append(data)
cpu0, wall0 = time.process_time(), time.perf_counter()
for data in pages:
    trafilatura.extract(data)
cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
print(len(pages), cpu, wall, trafilatura.__version__)
"""
    _, _, _, out = run_child([sys.executable, "-c", script, str(folder)])
    count, cpu, wall, version = out.split()
    count, cpu, wall = int(count), float(cpu), float(wall)
    print(f"trafilatura {version}: {count} pages, {cpu:.1f} CPU s, {wall:.1f} s", file=sys.stderr)
    return count / cpu, count / wall, count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--pages", type=int, help="use the first N pages of the folder")
    ap.add_argument("--rounds", type=int, default=1, help="rounds of the in-memory rows")
    ap.add_argument("--scale", type=int, default=0, help="also run the full pipeline over the corpus repeated K times")
    ap.add_argument("--no-trafilatura", action="store_true")
    a = ap.parse_args()

    cores = os.cpu_count() or 1
    jobs_list = [1] if cores == 1 else [1, cores]
    work = Path(tempfile.mkdtemp(prefix="winnow-speed-"))
    try:
        folder, origin = corpus_folder(a.folder, a.pages, work)
        size = corpus_bytes(folder)
        pages = len(os.listdir(folder))
        print(f"corpus: {origin}, {size / 1e6:.1f} MB of HTML; machine: {platform.node()}, {cores} cores, "
              f"{platform.processor() or platform.machine()}; {time.strftime('%Y-%m-%d %H:%M')}", file=sys.stderr)
        rows = []
        for jobs in jobs_list:
            floor = None
            for key, label in [("floor", "libxml2 parse alone (floor)"), ("reader", "reader"),
                               ("reader-stripper", "reader + stripper")]:
                wall, cpu, rss, out = run_child([str(RELEASE / "winnow-bench"), str(folder), "--only", key, "--jobs", str(jobs),
                                                 "--rounds", str(a.rounds), "--json"])
                row = json.loads(out.strip().splitlines()[-1])
                rate = row["pages"] / row["seconds"]
                floor = rate if key == "floor" else floor
                rows.append(dict(label=label, jobs=jobs, rate=rate, mbs=row["bytes"] / 1e6 / row["seconds"], cpu=cpu,
                                 rss=rss, ratio=rate / floor, cpu_rate=None))
            out_dir = work / f"out-{jobs}"
            wall, cpu, rss, _ = run_child([str(RELEASE / "winnow"), "run", str(ROOT / "Pipelines" / "default.yml"),
                                           "--input", str(folder), "--output", str(out_dir), "--jobs", str(jobs), "--force", "--quiet"])
            rows.append(dict(label="full default pipeline (files in, files out)", jobs=jobs, rate=pages / wall, mbs=size / 1e6 / wall,
                             cpu=cpu, rss=rss, ratio=pages / wall / floor, cpu_rate=pages / cpu))
            shutil.rmtree(out_dir, ignore_errors=True)

        print("| row | jobs | pages/s | MB/s | CPU s | peak RSS MB | × floor |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(f"| {r['label']} | {r['jobs']} | {r['rate']:.0f} | {r['mbs']:.1f} | {r['cpu']:.1f} | {r['rss'] / 1e6:.0f} | {r['ratio']:.2f} |")
        print()
        by = {(r["label"], r["jobs"]): r for r in rows}
        full1 = by[("full default pipeline (files in, files out)", 1)]
        if len(jobs_list) > 1:
            for label in ["libxml2 parse alone (floor)", "reader + stripper", "full default pipeline (files in, files out)"]:
                print(f"- {label}: {cores} jobs / 1 job = {by[(label, cores)]['rate'] / by[(label, 1)]['rate']:.2f}×")
        print(f"- full default pipeline, 1 job: {full1['cpu_rate']:.0f} pages per CPU-second")

        if not a.no_trafilatura:
            t = trafilatura_rate(folder)
            if t is None:
                print("- trafilatura: not installed (pip install trafilatura), comparison skipped")
            else:
                print(f"- trafilatura: {t[0]:.1f} pages per CPU-second; winnow's full default pipeline: "
                      f"{full1['cpu_rate'] / t[0]:.1f}× trafilatura's pages per CPU-second")

        if a.scale > 1:
            big = work / "scaled"
            big.mkdir()
            for k in range(a.scale):  # folders of links to the files (the walker does not follow linked folders)
                copy = big / f"copy{k:02d}"
                copy.mkdir()
                for name in os.listdir(folder):
                    os.symlink(os.path.realpath(folder / name), copy / name)
            rss_list = []
            for source, label in [(folder, "1×"), (big, f"{a.scale}×")]:
                wall, cpu, rss, _ = run_child([str(RELEASE / "winnow"), "run", str(ROOT / "Pipelines" / "default.yml"),
                                               "--input", str(source), "--output", str(work / "out-scale"), "--jobs", "2",
                                               "--force", "--quiet"])
                shutil.rmtree(work / "out-scale", ignore_errors=True)
                n = pages * (1 if source == folder else a.scale)
                rss_list.append(rss)
                print(f"- memory: full default pipeline, --jobs 2, corpus {label} ({n} pages): peak RSS {rss / 1e6:.0f} MB, {n / wall:.0f} pages/s")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
