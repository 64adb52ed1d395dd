"""Generate a synthetic corpus: N variants of the real text reports.

Each copy takes one real report from tests/fixtures and changes its year, its
agency and (in about one report in seven) a number in a table, so a batch run sees N
different files (the
result cache cannot collapse them) that look like real reports.

    python benchmarks/synthetic_corpus.py OUT_DIR [-n 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
AGENCIES = ["科学技术局", "教育局", "民政局", "财政局", "交通运输局", "农业农村局", "卫生健康委员会", "市场监督管理局"]
PLACES = ["昌吉州", "常熟市", "台儿庄区", "张家口市", "淮安市", "宿迁市", "盐城市", "扬州市", "镇江市", "泰州市"]
CELL = re.compile(r"(?<=\| )0(?= \|)|(?<=^\t)0$", re.M)


def variants(n: int, seed: int):
    rng = random.Random(seed)
    sources = sorted(FIXTURES.glob("*.txt"))
    texts = {p: p.read_text(encoding="utf-8") for p in sources}
    for i in range(n):
        src = sources[i % len(sources)]
        text = texts[src]
        year = rng.randint(2019, 2025)
        found = re.search(r"(20\d\d)年", text)
        if found:
            old = int(found.group(1))
            text = text.replace(f"{old + 1}年", f"{year + 1}年").replace(f"{old}年", f"{year}年")
        text = text.replace("科学技术局", rng.choice(AGENCIES))
        for place in ("昌吉州", "常熟市", "台儿庄区", "张家口市", "常州市"):
            text = text.replace(place, rng.choice(PLACES))
        if rng.random() < 0.15:
            # About one report in seven has a wrong number in a table, as in a real audit.
            cells = list(CELL.finditer(text))
            if cells:
                m = rng.choice(cells)
                text = text[: m.start()] + str(rng.randint(1, 9)) + text[m.end() :]
        # A contact line with a running number: no two copies are byte-identical, so the
        # content-addressed result cache cannot share entries between them.
        head, sep, rest = text.partition("\n")
        text = f"{head}{sep}联系电话：0512-{52770000 + i}\n{rest}"
        stem = re.sub(r"-?(19|20)\d\d", "", src.stem)  # the year in the name would be wrong now
        yield f"{i:05d}-{stem}-{year}.txt", text


def generate(out: Path, n: int, seed: int = 1) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in variants(n, seed):
        p = out / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    print(f"wrote {len(generate(a.out, a.n, a.seed))} reports to {a.out}")


if __name__ == "__main__":
    main()
