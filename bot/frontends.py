"""Starting the messenger front ends named on the command line."""

from __future__ import annotations

import argparse

from bot.config import Config, ConfigError


def run_frontends(command: str, config: Config, args: argparse.Namespace) -> int:
    if command in ("telegram", "run") and not config.telegram_token and command == "telegram":
        raise ConfigError("BRIEFBOT_TELEGRAM_TOKEN is not set (get a token from @BotFather)")
    if command == "matrix" and not config.matrix_homeserver:
        raise ConfigError("BRIEFBOT_MATRIX_HOMESERVER is not set")
    raise ConfigError(f"the {command} front end is not available in this version")
