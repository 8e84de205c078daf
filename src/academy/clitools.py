"""What every ``academy`` command shares: the user-error exception and ``--root``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from academy.catalog.load import CatalogError, find_root


class UserError(click.ClickException):
    """One clear sentence for the user; exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"academy: {self.message}", err=True)


def root_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Shared ``--root`` option: the content root (default: found from the cwd)."""

    @click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Content root holding modules/, exercises/, graders/ (default: found "
                       "from the current folder).")
    @functools.wraps(func)
    def wrapper(*args: Any, root: Path | None, **kwargs: Any) -> Any:
        try:
            kwargs["root"] = find_root(root) if root is None else root.resolve()
            if root is not None and not (kwargs["root"] / "modules").is_dir():
                raise UserError(f"{root} is not a content root (no modules/ folder)")
            return func(*args, **kwargs)
        except CatalogError as exc:
            raise UserError(str(exc)) from exc

    return wrapper
