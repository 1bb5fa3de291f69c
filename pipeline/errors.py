"""Every error thaiplan raises on purpose, with a message that tells the user
what to do, and the process exit code that belongs to its cause."""

from __future__ import annotations


class ExitCode:
    OK = 0
    SOME_FILES_FAILED = 3  # the run finished, but some files could not be read
    BAD_ARGS = 2  # typer's own usage errors use 2 as well
    LOCKED = 4  # another run holds the output folder
    MISSING_DEPENDENCY = 5
    INTERRUPTED = 130


class ThaiplanError(Exception):
    """Base class: `str(err)` is one line a person can act on."""

    exit_code = ExitCode.SOME_FILES_FAILED


class InputFileError(ThaiplanError):
    """The file itself cannot be read (it becomes a `read_error` finding)."""


class EmptyFileError(InputFileError):
    def __init__(self) -> None:
        super().__init__("the file is empty (0 bytes): re-copy it from its source")


class UnsupportedFileError(InputFileError):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"not a PDF, image or text export ({what}): thaiplan reads .pdf, .png, .jpg, .tif, .txt, .tsv, .md, .html"
        )


class CorruptPdfError(InputFileError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"the PDF is damaged or truncated ({detail}): re-download or re-scan it")


class EncryptedPdfError(InputFileError):
    def __init__(self) -> None:
        super().__init__("the PDF is password-protected: save an unprotected copy and run again")


class LimitExceededError(InputFileError):
    """`limit`: what is limited ("pages per file"); `value`: this file's
    amount; `flag`: the option that raises the limit; `maximum`: the limit's
    current value (when known, it is named in the message)."""

    def __init__(self, limit: str, value: object, flag: str, maximum: object = None) -> None:
        self.limit = limit
        self.value = value
        self.flag = flag
        self.maximum = maximum
        if maximum is None:
            what = f"the {limit} limit ({value})"
        else:
            what = f"the {limit} limit of {maximum} (this file: {value})"
        super().__init__(f"exceeds {what}: raise it with {flag} if the file is genuine")


class UnreadablePhotoError(InputFileError):
    """A phone photo too blurred or too small to read: the message names the
    measurement (sharpness or effective dpi), the threshold and what to do."""


class NotAPlanError(ThaiplanError):
    """The file was read but holds no action plan (an `unparsed` finding)."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"no action-plan table found ({detail}): is this an แผนปฏิบัติการ?")


class MissingDependencyError(ThaiplanError):
    exit_code = ExitCode.MISSING_DEPENDENCY

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what} is not installed: {fix}")


class OutputLockedError(ThaiplanError):
    exit_code = ExitCode.LOCKED

    def __init__(self, lock_path: str) -> None:
        super().__init__(
            f"another thaiplan run is writing this output folder (lock {lock_path}); "
            "wait for it, or delete the lock if no run is active"
        )
