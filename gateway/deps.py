"""FastAPI dependencies as Annotated aliases (override them in tests with app.dependency_overrides)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from cirrus.settings import Settings
from models.registry import ModelRegistry
from services.text import TextAnalysis


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_registry(request: Request) -> ModelRegistry:
    return request.app.state.registry


def get_text(request: Request) -> TextAnalysis:
    return request.app.state.text


SettingsDep = Annotated[Settings, Depends(get_settings)]
RegistryDep = Annotated[ModelRegistry, Depends(get_registry)]
TextDep = Annotated[TextAnalysis, Depends(get_text)]
