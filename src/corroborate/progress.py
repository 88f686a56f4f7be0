"""Progress bars on stderr for long work; silent when stderr is not a terminal."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Optional

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


@contextmanager
def counting_progress(label: str, console: Console, total: Optional[int] = None) -> Iterator[Callable[[], None]]:
    """Yields a function to call once per finished item."""
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    )
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


class RateColumn(ProgressColumn):
    """Items per second over Rich's recent window."""

    def __init__(self, unit: str):
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:.1f} {self.unit}/s", style="progress.data.speed")


class DocumentProgress:
    """A bar advanced once per document, counting failures; messages print above it."""

    def __init__(self, progress: Progress, task: TaskID):
        self.progress = progress
        self.task = task
        self.errors = 0

    @property
    def console(self) -> Console:
        return self.progress.console

    def advance(self, failed: bool = False) -> None:
        self.errors += failed
        self.progress.update(self.task, advance=1, errors=self.errors)


@contextmanager
def document_progress(label: str, console: Console, total: Optional[int] = None) -> Iterator[DocumentProgress]:
    """Documents done, articles/s, errors so far, and the time left when the total is known."""
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn() if total else TextColumn("{task.completed:.0f}")]
    columns += [RateColumn("articles"), TextColumn("errors: {task.fields[errors]}"), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    progress = Progress(*columns, console=console, disable=not console.is_terminal, transient=True)
    with progress:
        yield DocumentProgress(progress, progress.add_task(label, total=total, errors=0))
