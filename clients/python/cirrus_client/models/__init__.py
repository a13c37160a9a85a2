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
from .job_info import JobInfo
from .job_info_state import JobInfoState
from .job_list import JobList
from .key_phrase import KeyPhrase
from .key_phrases_response import KeyPhrasesResponse
from .key_phrases_result import KeyPhrasesResult
from .language_request import LanguageRequest
from .language_response import LanguageResponse
from .language_result import LanguageResult
from .language_score import LanguageScore
from .list_jobs_state_type_0 import ListJobsStateType0
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
from .text_job_request import TextJobRequest
from .text_job_request_input_format import TextJobRequestInputFormat
from .text_job_request_task import TextJobRequestTask

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
    "JobInfo",
    "JobInfoState",
    "JobList",
    "KeyPhrase",
    "KeyPhrasesResponse",
    "KeyPhrasesResult",
    "LanguageRequest",
    "LanguageResponse",
    "LanguageResult",
    "LanguageScore",
    "ListJobsStateType0",
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
    "TextJobRequest",
    "TextJobRequestInputFormat",
    "TextJobRequestTask",
)
