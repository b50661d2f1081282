"""The README documents every setting and opens with the two commands."""

from __future__ import annotations

from pathlib import Path

from workers.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme() -> None:
    missing = [f"GONGKAI_{name.upper()}" for name in Settings.model_fields if f"GONGKAI_{name.upper()}" not in README]
    assert not missing


def test_the_readme_opens_with_make_demo_and_make_test() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block
