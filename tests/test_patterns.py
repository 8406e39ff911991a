"""Dates read from date lines, signatures and notes: only days the calendar has."""

from __future__ import annotations

import pytest

from policydocs.patterns import iso_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（2024年5月20日）", "2024-05-20"),
        ("（2024年2月29日）", "2024-02-29"),
        ("二〇二四年五月二十日", "2024-05-20"),
        ("（2024年2月30日）", None),
        ("（2023年2月29日）", None),
        ("（2024年4月31日）", None),
        ("（2024年13月1日）", None),
        ("二〇二三年二月二十九日", None),
    ],
)
def test_iso_date_reads_only_real_days(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected
