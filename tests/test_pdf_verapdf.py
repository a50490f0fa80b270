"""Every PDF the tool makes passes veraPDF, PDF/UA-1 and WCAG 2.2 machine: 0 failed rules.

The PDFs are made the ways a user makes them: ``build --pdf`` (every plan and strategy of the
repository and each follow-up's report), ``render`` (the county profile, the example plan),
``render --plain`` (each real document exactly as adopted) and ``report --format pdf``.
veraPDF runs once per profile over all of them. It lies beside the repository (``../shared/tools/verapdf/verapdf``, or
$MVKPLAN_VERAPDF) and needs Java: without them the test skips locally; CI sets
MVKPLAN_REQUIRE_VERAPDF=1, turning the skip into a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_tags import tag_problems, verapdf, verapdf_available
from test_render_support import require_or_skip

from conftest import run_cli

REAL = ["jonkoping-2022", "jonkoping-strategi-2020-2026", "kalmar-2021", "kalmar-2024",
        "kalmar-jamstalldhetsstrategi-2024", "kalmar-profil", "kronoberg-2018-reviderad"]
EXAMPLE = "exempelkommun-2025"


@pytest.fixture(scope="module")
def every_pdf(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The PDFs of ``build --pdf``, of ``render --plain`` and of ``report --format pdf``."""
    import shutil

    from conftest import PLANS

    project = tmp_path_factory.mktemp("project")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, project / "plans")
    built = run_cli("build", "--pdf", "-o", "site", cwd=project)
    assert built.exit_code == 0, built
    files = sorted((project / "site" / "dokument").glob("*.pdf"))
    for document in [*REAL, EXAMPLE]:
        if not (project / "site" / "dokument" / f"{document}.pdf").exists():  # a county profile,
            alone = run_cli("render", document, "-f", "pdf", "-o", f"alone/{document}.pdf",  # the example
                            cwd=project)
            assert alone.exit_code == 0, alone
            files.append(project / "alone" / f"{document}.pdf")
    for document in REAL:
        plain = run_cli("render", document, "--plain", "-f", "pdf", "-o", f"plain/{document}-plain.pdf",
                        cwd=project)
        assert plain.exit_code == 0, plain
        files.append(project / "plain" / f"{document}-plain.pdf")
    report = run_cli("report", "kalmar-2024", "--year", "2025", "-f", "pdf", "-o", "report/rapport.pdf",
                     cwd=project)
    assert report.exit_code == 0, report
    files.append(project / "report" / "rapport.pdf")
    return files


def test_every_kind_of_pdf_is_there(every_pdf: list[Path]):
    names = {path.name for path in every_pdf}
    assert {f"{d}.pdf" for d in REAL} <= names
    assert {f"{d}-plain.pdf" for d in REAL} <= names
    assert {"kalmar-2024-2024.pdf", "kalmar-2024-2025.pdf", "jonkoping-2022-2022.pdf", "rapport.pdf",
            f"{EXAMPLE}.pdf"} <= names


def test_every_pdf_has_a_tag_tree_pdf_ua_accepts(every_pdf: list[Path]):
    """The rules veraPDF applies, read with pikepdf: runs without Java."""
    found = {path.name: problems for path in every_pdf if (problems := tag_problems(path.read_bytes()))}
    assert not found, {name: problems[:5] for name, problems in found.items()}


@pytest.mark.parametrize("wcag", [False, True], ids=["pdf-ua-1", "wcag-2.2-machine"])
def test_every_pdf_passes_verapdf(every_pdf: list[Path], wcag: bool):
    require_or_skip(verapdf_available(), "MVKPLAN_REQUIRE_VERAPDF", "veraPDF (../shared/tools/verapdf)")
    verdicts = verapdf(every_pdf, wcag=wcag)
    for verdict in verdicts:
        print(f"{verdict.file}: {', '.join(verdict.failed) or '0 failed rules'}")
    assert not [v for v in verdicts if v.failed], [v for v in verdicts if v.failed]
