"""How well reportlint reads the real corpus and finds its listed defects.

    python benchmarks/accuracy.py            # the summary
    python benchmarks/accuracy.py --cells    # every hand-read cell that is not right

Measured against what a reviewer read by hand (tests/corpus/hand_values.yaml and
tests/corpus/defects.yaml, both from the corpus README):

- cells read right / cells given by hand, and how many of the rest reportlint
  *said* it could not read (status "unreadable": honest) rather than reading a wrong
  number (dishonest — the figure that must stay at 0);
- identity fields right (year, agency, kind, format, dates, sections);
- listed defects found / listed (a defect no rule covers yet counts as not found);
- findings per file, by severity.

This is a quality figure, not a timing: it prints counts, no clock is involved.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

import hand


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cells", action="store_true", help="list every hand-read cell that is not right")
    ap.add_argument("--missed", action="store_true", help="list every listed defect that was not found")
    args = ap.parse_args(argv)

    files = sorted(set(hand.hand_values()) | set(hand.listed_defects()))
    total = Counter()
    rows = []
    wrong_cells = []
    missed = []
    for name in files:
        if not (hand.FIXTURES / name).is_file():
            continue
        cells = hand.cell_checks(name)
        idents = hand.identity_checks(name)
        diags = hand.findings(name)
        defects = hand.listed_defects().get(name) or []
        found = [d for d in defects if hand.defect_found(name, d, diags)]
        missed.extend((name, d) for d in defects if d not in found)
        sev = Counter(d.severity.value for d in diags)
        c_right = sum(c.right for c in cells)
        c_unread = sum(not c.right and c.status == "unreadable" for c in cells)
        # read as a number, and the number is not the one written: the dishonest case
        c_wrong = sum(not c.right and c.status in ("read", "recovered") for c in cells)
        c_missed = len(cells) - c_right - c_unread - c_wrong  # not found, or taken for blank
        i_right = sum(w == g for _, w, g in idents)
        total.update(
            cells=len(cells),
            cells_right=c_right,
            cells_unreadable=c_unread,
            cells_wrong=c_wrong,
            cells_missed=c_missed,
            idents=len(idents),
            idents_right=i_right,
            defects=len(defects),
            found=len(found),
            covered=sum(1 for d in defects if d.get("codes")),
            findings=len(diags),
            error=sev["error"],
            warning=sev["warning"],
            info=sev["info"],
        )
        rows.append(
            (
                name,
                c_right,
                len(cells),
                c_unread,
                c_missed,
                c_wrong,
                i_right,
                len(idents),
                len(found),
                len(defects),
                sev,
            )
        )
        wrong_cells.extend(c for c in cells if not c.right)

    print(
        f"{'file':36} {'cells right':>12} {'unread':>6} {'missed':>6} {'wrong':>5} {'identity':>8} {'defects':>8}  findings (E/W/I)"
    )
    for name, cr, cn, cu, cm, cw, ir, iN, df, dn, sev in rows:
        print(
            f"{name:36} {cr:>5} / {cn:<4} {cu:>6} {cm:>6} {cw:>5} {ir:>3} / {iN:<2} {df:>3} / {dn:<2}  "
            f"{sev['error']}/{sev['warning']}/{sev['info']}"
        )
    t = total
    print()
    print(
        f"cells read right:        {t['cells_right']} / {t['cells']}"
        f"  (said unreadable: {t['cells_unreadable']}, not found: {t['cells_missed']},"
        f" read as a wrong number: {t['cells_wrong']})"
    )
    print(f"identity fields right:   {t['idents_right']} / {t['idents']}")
    print(f"listed defects found:    {t['found']} / {t['defects']}  ({t['covered']} covered by a rule)")
    print(f"findings:                {t['findings']}  (error {t['error']}, warning {t['warning']}, info {t['info']})")
    if args.cells:
        print()
        for c in wrong_cells:
            print(f"  {c.file} {c.table} {c.row or ''} {c.column}: want {c.want}, got {c.got} ({c.status})")
    if args.missed:
        print()
        for name, d in missed:
            print(f"  {name}: {d['defect']} ({', '.join(d.get('codes') or ['no rule'])})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
