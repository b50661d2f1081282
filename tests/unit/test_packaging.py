"""What a plain `pip install` gives: the demo's samples inside the package, a one-line message naming the
extra the local stack needs, a license, and a pinned set that covers every dependency."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

from workers import demo

REPO = Path(__file__).resolve().parents[2]


def test_the_sample_reports_ship_inside_the_package() -> None:
    samples = Path(demo.__file__).resolve().parent / "samples"
    assert len([p for p in samples.iterdir() if p.is_file()]) >= 5
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "samples/*" in project["tool"]["setuptools"]["package-data"]["workers"]


def test_the_demo_without_the_local_extra_says_which_extra_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(demo.shutil, "which", lambda name: None)
    assert demo.run_demo(REPO) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "gongkai[local]" in err


def test_every_declared_dependency_is_pinned_and_nothing_declared_goes_unused() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line
    }
    declared = [*project["dependencies"], *project["optional-dependencies"]["local"]]
    names = {re.split(r"[\[<>=!~ ]", d, maxsplit=1)[0].lower() for d in declared}
    assert names <= pins, names - pins
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "workers").rglob("*.py"))
    imported_as = {"python-docx": "docx", "pydantic-settings": "pydantic_settings", "celery": "celery",
                   "charset-normalizer": "charset_normalizer", "moto": "moto", "flower": "flower"}  # fmt: skip
    for name in names:
        module = imported_as.get(name, name.replace("-", "_"))
        assert re.search(rf"\b{module}\b", sources, re.IGNORECASE), f"{name} is declared but nothing uses it"


def test_there_is_a_license() -> None:
    assert "Permission is hereby granted" in (REPO / "LICENSE").read_text(encoding="utf-8")
