"""``--format csv-records``: one row per file of the run (see :mod:`reportlint.output.csv_`)."""

from __future__ import annotations

from reportlint.output import Formatter
from reportlint.output.csv_ import CsvRecordsFormatter

FORMATTER: Formatter = CsvRecordsFormatter()
