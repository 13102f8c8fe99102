"""Configuration from command-line options, environment variables and an optional YAML file.

Precedence: command line, then environment (`BRIEFBOT_*`), then the config file, then defaults.
The names are shared with other tools that drive the bot, so they stay stable.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.documents import MAX_DOCUMENT_BYTES

ENV_KEYS = {
    "seeds": "BRIEFBOT_SEEDS",
    "db": "BRIEFBOT_DB",
    "telegram_token": "BRIEFBOT_TELEGRAM_TOKEN",
    "telegram_base_url": "BRIEFBOT_TELEGRAM_BASE_URL",
    "matrix_homeserver": "BRIEFBOT_MATRIX_HOMESERVER",
    "matrix_user": "BRIEFBOT_MATRIX_USER",
    "matrix_password": "BRIEFBOT_MATRIX_PASSWORD",
    "matrix_access_token": "BRIEFBOT_MATRIX_ACCESS_TOKEN",
    "matrix_store": "BRIEFBOT_MATRIX_STORE",
    "matrix_pickle_key": "BRIEFBOT_MATRIX_PICKLE_KEY",
    "matrix_allow": "BRIEFBOT_MATRIX_ALLOW",
    "admins": "BRIEFBOT_ADMINS",
    "tz": "BRIEFBOT_TZ",
    "max_document_kb": "BRIEFBOT_MAX_DOCUMENT_KB",
}


TELEGRAM_USER_ID = re.compile(r"[1-9]\d{0,19}")
MATRIX_USER_ID = re.compile(r"@[^\s:]+:[^\s:]+(?::\d+)?")


class ConfigError(ValueError):
    """A configuration problem, phrased for the person running the bot."""


@dataclass(slots=True)
class Config:
    seeds: Path = Path("seeds")
    db: str | None = None
    telegram_token: str | None = None
    telegram_base_url: str | None = None
    matrix_homeserver: str | None = None
    matrix_user: str | None = None
    matrix_password: str | None = None
    matrix_access_token: str | None = None
    matrix_store: str | None = None
    matrix_pickle_key: str | None = None
    matrix_allow: str | None = None
    admins: set[str] = field(default_factory=set)
    tz: str = "UTC"
    max_document_kb: int = MAX_DOCUMENT_BYTES // 1024

    @property
    def max_document_bytes(self) -> int:
        return self.max_document_kb * 1024

    def is_admin(self, user_id: str) -> bool:
        return str(user_id) in self.admins

    def unknown_admins(self) -> list[str]:
        """Entries of BRIEFBOT_ADMINS that can match no one: neither a Telegram user id nor a Matrix user id.

        A typo there ("@alice" without the server, a user name instead of the number) would otherwise
        leave the admins without /reload and /stats and nobody the wiser.
        """
        return sorted(a for a in self.admins if not (TELEGRAM_USER_ID.fullmatch(a) or MATRIX_USER_ID.fullmatch(a)))


def _parse_admins(value: object) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, (list, tuple, set)):
        items = [str(v) for v in value]
    else:
        items = str(value).replace(";", ",").split(",")
    return {item.strip() for item in items if item.strip()}


def load_config(config_file: Path | None = None, *, seeds: str | None = None, db: str | None = None,
                environ: dict[str, str] | None = None) -> Config:
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    if config_file is not None:
        try:
            data = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise ConfigError(f"{config_file}: cannot be read ({exc.strerror})") from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{config_file}: not UTF-8 text; save it as UTF-8") from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{config_file}:{mark.line + 1}" if mark else str(config_file)
            raise ConfigError(f"{where}: broken YAML") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{config_file}: expected a mapping of settings")
        unknown = set(data) - set(ENV_KEYS)
        if unknown:
            raise ConfigError(f"{config_file}: unknown settings {', '.join(sorted(unknown))}")
        values.update((key, value) for key, value in data.items() if value is not None)  # `key:` alone = unset
    for key, name in ENV_KEYS.items():
        if env.get(name):
            values[key] = env[name]
    if seeds:
        values["seeds"] = seeds
    if db:
        values["db"] = db
    config = Config()
    for key, value in values.items():
        if key == "admins":
            config.admins = _parse_admins(value)
        elif key == "seeds":
            config.seeds = Path(str(value))
        elif key == "max_document_kb":
            try:
                config.max_document_kb = int(str(value))
            except ValueError:
                raise ConfigError(f"BRIEFBOT_MAX_DOCUMENT_KB must be a whole number of kilobytes, not {value!r}"
                                  ) from None
            if config.max_document_kb < 1:
                raise ConfigError("BRIEFBOT_MAX_DOCUMENT_KB must be at least 1")
        else:
            setattr(config, key, None if value is None else str(value))
    return config
