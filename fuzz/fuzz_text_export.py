"""Coverage-guided fuzzing (atheris / libFuzzer) of the text-export reader.

Every input is fed, as bytes, through what `thaiplan run` does with a file
that is not a PDF or an image:

    detect_kind(head) -> decode_bytes(data) -> parse_text_export(text)

and, to reach the parser with text the decoder would refuse (control
characters, broken UTF-8), also as `parse_text_export(data.decode("utf-8",
"replace"))`.  Allowed outcomes: a `Document`, or an `InputFileError` (empty,
binary, undecodable).  Anything else - another exception, a Document that
breaks the model's invariants, a hang past -timeout, memory past
-rss_limit_mb - is a crash, and libFuzzer writes the input to
`<workdir>/crash-*` (or timeout-*, oom-*).

Seed corpus: tests/data/*.txt plus generated exports (tab, markdown, html;
with and without page markers), written to `<workdir>/seeds` on first use.

    .venv/bin/python fuzz/fuzz_text_export.py                 # 600 s (default)
    .venv/bin/python fuzz/fuzz_text_export.py --seconds 180   # shorter
    .venv/bin/python fuzz/fuzz_text_export.py --workdir /tmp/tp-fuzz -- -jobs=2 -workers=2
    .venv/bin/python fuzz/fuzz_text_export.py --replay CRASH_FILE

Arguments after `--` go to libFuzzer unchanged.  Exit status 0 = no crash.
Needs `pip install atheris` (not a runtime dependency of thaiplan).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_seeds(seeds: Path, n_plans: int = 6) -> int:
    """Seed files: the hand-made example(s) and generated exports."""
    seeds.mkdir(parents=True, exist_ok=True)
    if any(seeds.iterdir()):
        return sum(1 for _ in seeds.iterdir())
    count = 0
    for path in sorted((ROOT / "tests" / "data").glob("*")):
        if path.is_file() and path.suffix.lower() in (".txt", ".tsv", ".md", ".html", ".htm"):
            (seeds / f"data-{path.name}").write_bytes(path.read_bytes())
            count += 1
    from pipeline.generate.export import FLAVOURS, write_export
    from pipeline.generate.samples import make_truth

    for i in range(1, n_plans + 1):
        truth = make_truth(808, i)
        for flavour in FLAVOURS:
            rng = random.Random(i * 31 + len(flavour))
            page_rows = 4 if i % 2 else None
            write_export(truth, seeds / f"gen-{i}-{flavour}.txt", flavour=flavour, rng=rng, page_rows=page_rows)
            count += 1
    # a few encodings and odd shapes the decoder must handle
    sample = (seeds / "gen-1-tab.txt").read_text(encoding="utf-8")
    (seeds / "enc-utf16.txt").write_bytes(sample[:3000].encode("utf-16"))
    (seeds / "enc-utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + sample[:3000].encode("utf-8"))
    (seeds / "enc-cp874.txt").write_bytes(sample[:3000].encode("cp874", errors="replace"))
    (seeds / "ff-pages.txt").write_bytes("a\tb\n\f--- หน้า ๒ ---\n1 x\t2\n<!-- page 3 -->\n".encode())
    return count + 4


def check_document(doc) -> None:
    """Invariants of a parsed export (a violation is reported as a crash)."""
    from pipeline.model import Document

    assert isinstance(doc, Document), type(doc)
    assert doc.pages, "a Document has at least one page"
    numbers = [p.number for p in doc.pages]
    assert numbers == sorted(set(numbers)), numbers
    for page in doc.pages:
        assert page.number >= 1
        for line in page.lines:
            assert isinstance(line.text, str) and line.text, repr(line.text)
            assert line.page == page.number
        for table in page.tables:
            assert table.n_rows >= 1 and table.n_cols >= 1
            for cell in table.cells:
                assert isinstance(cell.text, str)
                assert 0 <= cell.row < table.n_rows and 0 <= cell.col < table.n_cols, (cell.row, cell.col)
                assert cell.colspan >= 1 and cell.rowspan >= 1
                assert cell.col + cell.colspan <= table.n_cols


def one_input(data: bytes) -> None:
    from pipeline.errors import InputFileError
    from pipeline.extract import detect_kind
    from pipeline.extract.text_export import decode_bytes, looks_like_text, parse_text_export

    try:
        detect_kind(data[:4096])
    except InputFileError:
        pass
    looks_like_text(data[:4096])
    try:
        text = decode_bytes(data)
    except InputFileError:
        text = None
    if text is not None:
        check_document(parse_text_export(text))
    check_document(parse_text_export(data.decode("utf-8", errors="replace")))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1 :]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=600, help="libFuzzer -max_total_time (default 600)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/thaiplan-fuzz"),
                    help="corpus, seeds and crash files go here (default /tmp/thaiplan-fuzz)")
    ap.add_argument("--timeout", type=int, default=20, help="seconds per input before it counts as a hang")
    ap.add_argument("--rss-limit-mb", type=int, default=2048)
    ap.add_argument("--max-len", type=int, default=65536, help="largest input libFuzzer makes (bytes)")
    ap.add_argument("--replay", type=Path, nargs="*", help="run these inputs once (no fuzzing) and exit")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    if args.replay:
        for path in args.replay:
            one_input(path.read_bytes())
            print(f"{path}: ok")
        return 0

    import atheris

    with atheris.instrument_imports(include=["pipeline.extract", "pipeline.model", "html"]):
        import html.parser  # noqa: F401
        import pipeline.extract  # noqa: F401
        import pipeline.extract.text_export  # noqa: F401

    work = args.workdir
    corpus = work / "corpus"
    seeds = work / "seeds"
    corpus.mkdir(parents=True, exist_ok=True)
    n = write_seeds(seeds)
    print(f"fuzz: {n} seed files in {seeds}; corpus {corpus}; {args.seconds} s", flush=True)
    fuzz_argv = [
        sys.argv[0],
        f"-max_total_time={args.seconds}",
        f"-timeout={args.timeout}",
        f"-rss_limit_mb={args.rss_limit_mb}",
        f"-max_len={args.max_len}",
        f"-artifact_prefix={work}/",
        "-print_final_stats=1",
        *extra,
        str(corpus),
        str(seeds),
    ]
    atheris.Setup(fuzz_argv, one_input)
    atheris.Fuzz()  # exits the process: 0 when the time is up without a crash
    return 0


if __name__ == "__main__":
    sys.exit(main())
