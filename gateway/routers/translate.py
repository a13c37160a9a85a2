"""Native REST: translation (text, documents, languages, terminologies) and batch translation jobs."""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Response

from gateway.deps import TranslatorDep
from gateway.routers.jobs import RunnerDep
from gateway.routers.responses import ERRORS
from services.jobs.schemas import JobInfo
from services.translate.jobs import JOB_KIND, translation_job_params
from services.translate.schemas import (
    AppliedTerm,
    AppliedTerminology,
    Direction,
    LanguageInfo,
    LanguagesResponse,
    TerminologyImport,
    TerminologyInfo,
    TerminologyList,
    TranslateDocumentRequest,
    TranslateTextRequest,
    TranslateTextResponse,
    TranslationJobRequest,
    TranslationRoute,
    TranslationSettingsBody,
)
from services.translate.service import LANGUAGE_NAMES, Settings, Translation

router = APIRouter(prefix="/v1/translate", tags=["translate"], responses=ERRORS)


def _settings(body: TranslationSettingsBody) -> Settings:
    return Settings(formality=body.formality, profanity=body.profanity)


def _response(t: Translation) -> TranslateTextResponse:
    return TranslateTextResponse(
        translated_text=t.text, source_language=t.source, target_language=t.target,
        applied_terminologies=[
            AppliedTerminology(name=n, terms=[AppliedTerm(source_text=s, target_text=d) for s, d in terms])
            for n, terms in t.applied_terminologies.items() if terms
        ],
        applied_settings=TranslationSettingsBody(formality=t.settings.formality, profanity=t.settings.profanity),  # type: ignore[arg-type]
        route=TranslationRoute(languages=t.route.languages, engines=t.route.engines) if t.route else None,
    )


@router.post("/text")
async def translate_text(body: TranslateTextRequest, translator: TranslatorDep) -> TranslateTextResponse:
    """Translate text (sentence by sentence); source_language=auto detects it."""
    t = await translator.translate_text(
        body.text, body.source_language, body.target_language, body.terminology_names, _settings(body.settings)
    )
    return _response(t)


@router.post("/document")
async def translate_document(body: TranslateDocumentRequest, translator: TranslatorDep) -> TranslateTextResponse:
    """Translate a plain-text or HTML document; in HTML only text nodes change, markup comes back identical."""
    t = await translator.translate_document(
        body.text.encode("utf-8", "surrogatepass"), body.content_type, body.source_language, body.target_language,
        body.terminology_names, _settings(body.settings),
    )
    return _response(t)


@router.get("/languages")
async def list_translation_languages(translator: TranslatorDep) -> LanguagesResponse:
    """Languages the installed engines translate, and the directions each engine serves directly."""
    return LanguagesResponse(
        languages=[LanguageInfo(code=c, name=LANGUAGE_NAMES.get(c, c)) for c in translator.languages()],
        directions=[Direction(source=s, target=t, engine=w.card.name) for (s, t), w in translator.directions().items()],
    )


def _info(t: dict[str, Any]) -> TerminologyInfo:
    return TerminologyInfo(
        name=t["name"], arn=t["arn"], description=t.get("description"), format=t["format"],
        directionality=t["directionality"], source_language=t["languages"][0], target_languages=t["languages"][1:],
        term_count=len(t["rows"]), skipped_term_count=t["skipped"], size_bytes=t["size"],
        created_at=t["created_at"], updated_at=t["updated_at"],
    )


@router.put("/terminologies/{name}")
async def import_terminology(name: str, body: TerminologyImport, translator: TranslatorDep) -> TerminologyInfo:
    """Create or overwrite a terminology from CSV, TSV or TMX text."""
    data = body.file.encode("utf-8", "surrogatepass")  # an unpaired surrogate is then refused as not UTF-8
    return _info(translator.terminologies.import_(name, data, body.format, body.directionality, body.description))


@router.get("/terminologies")
async def list_terminologies(translator: TranslatorDep) -> TerminologyList:
    return TerminologyList(terminologies=[_info(t) for t in translator.terminologies.list()])


@router.get("/terminologies/{name}")
async def get_terminology(name: str, translator: TranslatorDep) -> TerminologyInfo:
    return _info(translator.terminologies.get(name))


@router.get("/terminologies/{name}/file", response_class=Response)
async def get_terminology_file(name: str, translator: TranslatorDep) -> Response:
    """The file as it was imported."""
    t = translator.terminologies.get(name)
    media = "application/x-tmx+xml" if t["format"] == "TMX" else f"text/{t['format'].lower()}"
    return Response(base64.b64decode(t["file"]), media_type=media)


@router.delete("/terminologies/{name}", status_code=204, response_class=Response)
async def delete_terminology(name: str, translator: TranslatorDep) -> Response:
    translator.terminologies.delete(name)
    return Response(status_code=204)


@router.post("/jobs", status_code=201)
async def start_translation_job(body: TranslationJobRequest, translator: TranslatorDep, runner: RunnerDep) -> JobInfo:
    """Translate every object under input_uri into each target language (progress at GET /v1/jobs/{id})."""
    params = await translation_job_params(
        translator, body.input_uri, body.output_uri, body.content_type, body.source_language,
        body.target_languages, body.terminology_names, _settings(body.settings),
    )
    return JobInfo.of(await runner.submit(JOB_KIND, body.name, params, body.client_token))
