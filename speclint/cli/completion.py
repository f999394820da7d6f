"""``speclint completion bash|zsh|fish``: a shell completion script, generated from the parser.

bash and zsh scripts come from shtab (the argparse completion generator); shtab has no fish
backend, so the fish script is written here from the same parser: commands, then each
command's options and their fixed choices.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

SHELLS = ("bash", "zsh", "fish")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "completion", help="print a shell completion script",
        description="Print a completion script: eval \"$(speclint completion bash)\", "
        "speclint completion zsh > ~/.zfunc/_speclint, speclint completion fish > "
        "~/.config/fish/completions/speclint.fish",
    )
    parser.add_argument("shell", choices=SHELLS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.cli.main import build_parser

    parser = build_parser()
    if args.shell == "fish":
        sys.stdout.write(fish_script(parser))
    else:
        import shtab

        sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return 0


def fish_script(parser: argparse.ArgumentParser) -> str:
    lines = ["# speclint completion for fish (speclint completion fish)", "complete -c speclint -f"]
    top, helps = _subcommands(parser)
    names = " ".join(top)
    for name, sub in top.items():
        summary = _quote(helps.get(name) or "")
        lines.append(f"complete -c speclint -n 'not __fish_seen_subcommand_from {names}' -a {name} -d {summary}")
        for action in sub._actions:
            lines.extend(_fish_option(name, action))
    for action in parser._actions:
        lines.extend(_fish_option(None, action))
    return "\n".join(lines) + "\n"


def _subcommands(parser: argparse.ArgumentParser) -> tuple[dict[str, argparse.ArgumentParser], dict[str, str]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return dict(action.choices), helps
    return {}, {}


def _fish_option(command: str | None, action: argparse.Action) -> list[str]:
    condition = f"-n '__fish_seen_subcommand_from {command}'" if command else "-n '__fish_use_subcommand'"
    if not action.option_strings:
        if command and action.choices and not isinstance(action, argparse._SubParsersAction):
            return [f"complete -c speclint {condition} -a '{' '.join(map(str, action.choices))}'"]
        return []
    parts = [f"complete -c speclint {condition}"]
    for option in action.option_strings:
        parts.append(f"-l {option[2:]}" if option.startswith("--") else f"-s {option[1:]}")
    if action.nargs != 0:
        parts.append("-r")
        if action.choices:
            parts.append(f"-a '{' '.join(map(str, action.choices))}'")
        elif action.metavar in ("FILE", "DIR") or (action.type is not None and "Path" in str(action.type)):
            parts.append("-F")
    if action.help and action.help != argparse.SUPPRESS:
        parts.append(f"-d {_quote(action.help)}")
    return [" ".join(parts)]


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
