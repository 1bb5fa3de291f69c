"""One file in, one `Result` out: extract -> normalize -> validate.

The runner and the CLI call only this.  A file that cannot be read becomes a
`failed` plan with a `read_error` (or `unparsed`) finding, never an
exception."""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.errors import InputFileError, NotAPlanError, ThaiplanError
from pipeline.extract import extract
from pipeline.files import sha256_of
from pipeline.model import Finding, Plan, Result, SourceInfo
from pipeline.normalize.form import normalize_document
from pipeline.review.corrections import Correction, apply_corrections
from pipeline.settings import Settings
from pipeline.validate.validate import validate


def failed_plan(check: str, message: str) -> Plan:
    plan = Plan(status="failed")
    plan.findings.append(Finding(check=check, severity="error", message=message))
    return plan


def process_file(
    path: Path, root: Path, settings: Settings, corrections: tuple[Correction, ...] = ()
) -> Result:
    """`corrections` (from the review page) win over what was read; each is
    recorded as a `manual_correction` finding."""
    started = time.perf_counter()
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    source = SourceInfo(path=rel, sha256=sha256_of(path))
    try:
        doc = extract(path, settings)
        source.source_kind = doc.source_kind.value
        source.pages = len(doc.pages)
        source.effective_dpi = min((p.dpi for p in doc.pages if p.dpi), default=None)
        plan = normalize_document(doc)
        if corrections:
            plan.findings.extend(apply_corrections(plan, list(corrections)))
        plan = validate(plan, settings.repair)
    except NotAPlanError as err:
        plan = failed_plan("unparsed", str(err))
    except InputFileError as err:
        plan = failed_plan("read_error", str(err))
    except ThaiplanError:
        raise
    except Exception as err:  # one bad file must never stop the batch
        plan = failed_plan("read_error", f"unexpected {type(err).__name__}: {err} (please report this file)")
    return Result(source=source, plan=plan, seconds=time.perf_counter() - started)
