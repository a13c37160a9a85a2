"""FastAPI dependencies as Annotated aliases (override them in tests with app.dependency_overrides).

They are async on purpose: FastAPI runs a sync dependency in a thread pool, a thread hop per request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from cirrus.settings import Settings
from models.registry import ModelRegistry
from services.comprehend.analysis import TextAnalysis
from services.translate.service import Translator


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_registry(request: Request) -> ModelRegistry:
    return request.app.state.registry


async def get_text(request: Request) -> TextAnalysis:
    return request.app.state.text


async def get_translator(request: Request) -> Translator:
    return request.app.state.translate


SettingsDep = Annotated[Settings, Depends(get_settings)]
RegistryDep = Annotated[ModelRegistry, Depends(get_registry)]
TextDep = Annotated[TextAnalysis, Depends(get_text)]
TranslatorDep = Annotated[Translator, Depends(get_translator)]
