"""Every CLI command has --help with an example, and the README names it."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_with_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_the_command(command):
    assert f"marsad {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands():
    lines = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.strip()]
    commands = [line.strip() for line in lines[:8] if line.strip().startswith("make ")]
    assert commands[:2] == ["make demo", "make test"]
