""" Contains all the data models used in inputs/outputs """

from .entities_response import EntitiesResponse
from .entities_result import EntitiesResult
from .entity import Entity
from .entity_type import EntityType
from .error_body import ErrorBody
from .error_body_details import ErrorBodyDetails
from .error_envelope import ErrorEnvelope
from .health import Health
from .item_error import ItemError
from .key_phrase import KeyPhrase
from .key_phrases_response import KeyPhrasesResponse
from .key_phrases_result import KeyPhrasesResult
from .language_request import LanguageRequest
from .language_response import LanguageResponse
from .language_result import LanguageResult
from .language_score import LanguageScore
from .model_info import ModelInfo
from .model_info_state import ModelInfoState
from .model_list import ModelList
from .readiness import Readiness
from .readiness_models import ReadinessModels
from .readiness_status import ReadinessStatus
from .sentiment_response import SentimentResponse
from .sentiment_result import SentimentResult
from .sentiment_result_sentiment import SentimentResultSentiment
from .sentiment_scores import SentimentScores
from .text_batch_request import TextBatchRequest

__all__ = (
    "EntitiesResponse",
    "EntitiesResult",
    "Entity",
    "EntityType",
    "ErrorBody",
    "ErrorBodyDetails",
    "ErrorEnvelope",
    "Health",
    "ItemError",
    "KeyPhrase",
    "KeyPhrasesResponse",
    "KeyPhrasesResult",
    "LanguageRequest",
    "LanguageResponse",
    "LanguageResult",
    "LanguageScore",
    "ModelInfo",
    "ModelInfoState",
    "ModelList",
    "Readiness",
    "ReadinessModels",
    "ReadinessStatus",
    "SentimentResponse",
    "SentimentResult",
    "SentimentResultSentiment",
    "SentimentScores",
    "TextBatchRequest",
)
