"""Settings: environment over TOML file over defaults; overrides reach the model cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from cirrus.settings import Settings
from gateway.app import registry_from_settings

TOML = """
port = 9000
load_models = "eager"

[models.sentiment-vader-en]
max_batch_size = 7

[[extra_models]]
name = "sentiment-de"
task = "sentiment"
backend = "transformers-sequence-classification"
source = "path:/models/german"
languages = ["de"]
"""


def test_file_env_and_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "cirrus.toml"
    config.write_text(TOML)
    monkeypatch.setenv("CIRRUS_CONFIG_FILE", str(config))
    monkeypatch.setenv("CIRRUS_PORT", "9100")  # the environment wins over the file
    monkeypatch.setenv("CIRRUS_TEXT__MAX_BATCH_DOCUMENTS", "10")
    settings = Settings()
    assert settings.port == 9100 and settings.load_models == "eager" and settings.host == "127.0.0.1"
    assert settings.text.max_batch_documents == 10
    registry = registry_from_settings(settings)
    assert registry.get("sentiment-vader-en").card.max_batch_size == 7  # type: ignore[union-attr]
    assert registry.for_task("sentiment", "de").card.name == "sentiment-de"
    assert registry.for_task("sentiment", "en").card.name == "sentiment-vader-en"


def test_batching_off_forces_batch_size_one() -> None:
    registry = registry_from_settings(Settings(batching=False))
    assert {w.card.max_batch_size for w in registry.workers.values()} == {1}


def test_bad_values_fail_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRRUS_CONFIG_FILE", "/no/such/file.toml")
    with pytest.raises(ValueError, match="not a file"):
        Settings()
    monkeypatch.delenv("CIRRUS_CONFIG_FILE")
    with pytest.raises(ValueError):
        Settings(models={"sentiment-vader-en": {"max_batch_size": 0}})
    with pytest.raises(ValueError, match="unknown models"):
        registry_from_settings(Settings(models={"no-such-card": {"max_batch_size": 2}}))
