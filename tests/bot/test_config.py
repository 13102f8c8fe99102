from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config


def write_config(tmp_path, text: str) -> Path:
    path = tmp_path / "briefbot.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_file_or_environment():
    config = load_config(environ={})
    assert config == Config()
    assert config.seeds == Path("seeds")
    assert config.db is None
    assert config.admins == set()
    assert config.tz == "UTC"


@pytest.mark.parametrize("value, admins", [
    ("1, 2", {"1", "2"}),
    ("1,2,", {"1", "2"}),
    ("@alice:example.org; 42", {"@alice:example.org", "42"}),
    (" ", set()),
])
def test_admins_from_the_environment(value, admins):
    assert load_config(environ={"BRIEFBOT_ADMINS": value}).admins == admins


def test_admins_from_the_process_environment(monkeypatch):
    monkeypatch.setenv("BRIEFBOT_ADMINS", "1, 2")
    assert load_config().admins == {"1", "2"}
    assert load_config().is_admin(2)
    assert not load_config().is_admin("3")


def test_admins_as_a_yaml_list_of_numbers(tmp_path):
    path = write_config(tmp_path, "admins: [1, 2]\n")
    assert load_config(path, environ={}).admins == {"1", "2"}


def test_settings_from_a_yaml_file(tmp_path):
    path = write_config(tmp_path, "seeds: /data/docs\ndb: sqlite:///x.db\ntz: Europe/Berlin\nadmins: '7'\n")
    config = load_config(path, environ={})
    assert config.seeds == Path("/data/docs")
    assert config.db == "sqlite:///x.db"
    assert config.tz == "Europe/Berlin"
    assert config.admins == {"7"}


def test_command_line_beats_environment_beats_file(tmp_path):
    path = write_config(tmp_path, "seeds: aus-datei\ndb: sqlite:///datei.db\ntz: Europe/Berlin\n")
    env = {"BRIEFBOT_SEEDS": "aus-env", "BRIEFBOT_DB": "sqlite:///env.db"}
    config = load_config(path, seeds="aus-cli", environ=env)
    assert config.seeds == Path("aus-cli")
    assert config.db == "sqlite:///env.db"
    assert config.tz == "Europe/Berlin"
    assert load_config(path, environ={"BRIEFBOT_SEEDS": ""}).seeds == Path("aus-datei")


def test_an_empty_setting_in_the_file_keeps_the_default(tmp_path):
    path = write_config(tmp_path, "seeds:\ntz:\ndb:\n")
    config = load_config(path, environ={})
    assert config.seeds == Path("seeds")
    assert config.tz == "UTC"
    assert config.db is None


def test_an_empty_file_is_no_settings(tmp_path):
    assert load_config(write_config(tmp_path, "# nichts\n"), environ={}) == Config()


def test_unknown_key_raises_config_error_naming_the_file(tmp_path):
    path = write_config(tmp_path, "seeds: docs\ntelegram_tokn: abc\n")
    with pytest.raises(ConfigError) as excinfo:
        load_config(path, environ={})
    assert str(path) in str(excinfo.value)
    assert "telegram_tokn" in str(excinfo.value)


def test_broken_yaml_raises_config_error_naming_file_and_line(tmp_path):
    path = write_config(tmp_path, "seeds: docs\nadmins: [1, 2\ntz: UTC\n")
    with pytest.raises(ConfigError, match="broken YAML") as excinfo:
        load_config(path, environ={})
    assert str(excinfo.value).startswith(f"{path}:")


def test_a_config_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = write_config(tmp_path, "- seeds\n- docs\n")
    with pytest.raises(ConfigError, match="expected a mapping") as excinfo:
        load_config(path, environ={})
    assert str(path) in str(excinfo.value)


def test_a_missing_config_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read") as excinfo:
        load_config(tmp_path / "fehlt.yaml", environ={})
    assert "fehlt.yaml" in str(excinfo.value)


def test_a_config_file_that_is_not_utf8_is_a_config_error(tmp_path):
    path = tmp_path / "briefbot.yaml"
    path.write_bytes("tz: Europe/Berlin # Zeitzone für München\n".encode("latin-1"))
    with pytest.raises(ConfigError) as excinfo:
        load_config(path, environ={})
    assert str(path) in str(excinfo.value)


def test_the_document_size_limit_comes_from_the_environment():
    assert load_config(environ={}).max_document_bytes == 5 * 1024 * 1024
    assert load_config(environ={"BRIEFBOT_MAX_DOCUMENT_KB": "64"}).max_document_bytes == 64 * 1024
    with pytest.raises(ConfigError, match="BRIEFBOT_MAX_DOCUMENT_KB"):
        load_config(environ={"BRIEFBOT_MAX_DOCUMENT_KB": "viel"})


def test_admins_that_match_no_one_are_warned_about_at_start(caplog):
    from bot.runner import warn_unknown_admins

    config = load_config(environ={"BRIEFBOT_ADMINS": "11111111, @alice:example.org, @bob:matrix.example.org:8448, "
                                                     "@carol, alice, -100123, 12ab"})
    assert config.unknown_admins() == ["-100123", "12ab", "@carol", "alice"]
    with caplog.at_level("WARNING", logger="briefbot"):
        warn_unknown_admins(config)
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 4 and all("matches no one" in line for line in warned)
    assert "'@carol'" in warned[2] and not any("alice:example.org" in line for line in warned)
