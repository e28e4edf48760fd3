"""What every command of the CLI is given (the workspace and its configuration, read once) and
the inbox pages every change brings up to date."""

from __future__ import annotations

from dataclasses import dataclass

import click

from ..common.config import Config, load_config
from ..common.workspace import Workspace
from ..domain.texts import Texts


@dataclass
class AppContext:
    workspace: Workspace
    _config: Config | None = None

    @property
    def config(self) -> Config:
        """Read once, on first use, and passed down from here."""
        if self._config is None:
            self._config = load_config(self.workspace)
        return self._config

    @property
    def texts(self) -> Texts | None:
        """The workspace's målform, once its configuration has been read (None before that)."""
        return self._config.texts if self._config is not None else None


def refresh_inbox(config: Config, say: bool = False) -> None:
    """til_signering/, oversikt.html and ledige_plasser.html brought up to date after a change.
    A failure here is reported but does not undo or fail the change itself."""
    from ..pages import refresh
    from ..report.pages import print_not_refreshed, print_refreshed
    try:
        result = refresh(config)
    except OSError as exc:
        print_not_refreshed(exc, lambda text: click.echo(text, err=True))
        return
    if say:
        print_refreshed(config, result, click.echo)
