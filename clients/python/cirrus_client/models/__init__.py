""" Contains all the data models used in inputs/outputs """

from .applied_term import AppliedTerm
from .applied_terminology import AppliedTerminology
from .batch_inference_request import BatchInferenceRequest
from .body_analyze_document import BodyAnalyzeDocument
from .body_analyze_document_feature_types_item import BodyAnalyzeDocumentFeatureTypesItem
from .body_compare_faces import BodyCompareFaces
from .body_compare_faces_quality_filter import BodyCompareFacesQualityFilter
from .body_detect_document_text import BodyDetectDocumentText
from .body_detect_faces import BodyDetectFaces
from .body_detect_faces_attributes import BodyDetectFacesAttributes
from .body_detect_labels import BodyDetectLabels
from .body_detect_moderation_labels import BodyDetectModerationLabels
from .body_detect_text import BodyDetectText
from .body_index_faces import BodyIndexFaces
from .body_index_faces_quality_filter import BodyIndexFacesQualityFilter
from .body_search_faces_by_image import BodySearchFacesByImage
from .body_transcribe import BodyTranscribe
from .body_transcribe_response_format import BodyTranscribeResponseFormat
from .campaign_request import CampaignRequest
from .classifier_request import ClassifierRequest
from .classifier_request_mode import ClassifierRequestMode
from .classify_request import ClassifyRequest
from .classify_response import ClassifyResponse
from .classify_response_results_item import ClassifyResponseResultsItem
from .collection_info import CollectionInfo
from .collection_list import CollectionList
from .collection_request import CollectionRequest
from .compare_response import CompareResponse
from .compare_response_matches_item import CompareResponseMatchesItem
from .compare_response_source_face import CompareResponseSourceFace
from .compare_response_unmatched_item import CompareResponseUnmatchedItem
from .direction import Direction
from .document_response import DocumentResponse
from .document_response_blocks_item import DocumentResponseBlocksItem
from .endpoint_request import EndpointRequest
from .entities_response import EntitiesResponse
from .entities_result import EntitiesResult
from .entity import Entity
from .entity_type import EntityType
from .error_body import ErrorBody
from .error_body_details import ErrorBodyDetails
from .error_envelope import ErrorEnvelope
from .export_request import ExportRequest
from .face_list import FaceList
from .face_list_faces_item import FaceListFacesItem
from .faces_response import FacesResponse
from .faces_response_faces_item import FacesResponseFacesItem
from .forecast_create_request import ForecastCreateRequest
from .forecast_dataset_request import ForecastDatasetRequest
from .forecast_group_request import ForecastGroupRequest
from .forecast_items import ForecastItems
from .forecast_point import ForecastPoint
from .forecast_query import ForecastQuery
from .forecast_query_result import ForecastQueryResult
from .forecast_query_result_predictions import ForecastQueryResultPredictions
from .health import Health
from .import_request import ImportRequest
from .index_response import IndexResponse
from .index_response_face_records_item import IndexResponseFaceRecordsItem
from .index_response_unindexed_faces_item import IndexResponseUnindexedFacesItem
from .item_error import ItemError
from .job_info import JobInfo
from .job_info_state import JobInfoState
from .job_list import JobList
from .job_outputs import JobOutputs
from .key_phrase import KeyPhrase
from .key_phrases_response import KeyPhrasesResponse
from .key_phrases_result import KeyPhrasesResult
from .labels_response import LabelsResponse
from .labels_response_labels_item import LabelsResponseLabelsItem
from .language_info import LanguageInfo
from .language_request import LanguageRequest
from .language_response import LanguageResponse
from .language_result import LanguageResult
from .language_score import LanguageScore
from .languages_response import LanguagesResponse
from .list_jobs_state_type_0 import ListJobsStateType0
from .list_voices_engine_type_0 import ListVoicesEngineType0
from .model_info import ModelInfo
from .model_info_runs_on import ModelInfoRunsOn
from .model_info_state import ModelInfoState
from .model_list import ModelList
from .moderation_response import ModerationResponse
from .moderation_response_labels_item import ModerationResponseLabelsItem
from .name_request import NameRequest
from .personalize_dataset_request import PersonalizeDatasetRequest
from .personalize_dataset_request_dataset_type import PersonalizeDatasetRequestDatasetType
from .pii_entity import PiiEntity
from .pii_redaction import PiiRedaction
from .pii_redaction_mask_mode import PiiRedactionMaskMode
from .pii_response import PiiResponse
from .pii_result import PiiResult
from .predictor_request import PredictorRequest
from .rank_request import RankRequest
from .readiness import Readiness
from .readiness_models import ReadinessModels
from .readiness_status import ReadinessStatus
from .recommend_request import RecommendRequest
from .recommendations import Recommendations
from .resource_info import ResourceInfo
from .resource_info_params import ResourceInfoParams
from .resource_info_state import ResourceInfoState
from .resource_info_status import ResourceInfoStatus
from .resource_list import ResourceList
from .schema_request import SchemaRequest
from .scored_item import ScoredItem
from .search_response import SearchResponse
from .search_response_face_matches_item import SearchResponseFaceMatchesItem
from .search_response_searched_face_bounding_box import SearchResponseSearchedFaceBoundingBox
from .segment import Segment
from .sentiment_response import SentimentResponse
from .sentiment_result import SentimentResult
from .sentiment_result_sentiment import SentimentResultSentiment
from .sentiment_scores import SentimentScores
from .solution_request import SolutionRequest
from .solution_request_algorithm import SolutionRequestAlgorithm
from .solution_request_recipe import SolutionRequestRecipe
from .solution_version_request import SolutionVersionRequest
from .speech_marks import SpeechMarks
from .speech_marks_marks_item import SpeechMarksMarksItem
from .speech_marks_request import SpeechMarksRequest
from .speech_marks_request_engine_type_0 import SpeechMarksRequestEngineType0
from .speech_marks_request_mark_types_item import SpeechMarksRequestMarkTypesItem
from .speech_marks_request_text_type import SpeechMarksRequestTextType
from .speech_request import SpeechRequest
from .speech_request_engine_type_0 import SpeechRequestEngineType0
from .speech_request_format import SpeechRequestFormat
from .speech_request_sample_rate_type_0 import SpeechRequestSampleRateType0
from .speech_request_text_type import SpeechRequestTextType
from .syntax_response import SyntaxResponse
from .syntax_result import SyntaxResult
from .syntax_token import SyntaxToken
from .syntax_token_part_of_speech import SyntaxTokenPartOfSpeech
from .terminology_import import TerminologyImport
from .terminology_import_directionality import TerminologyImportDirectionality
from .terminology_import_format import TerminologyImportFormat
from .terminology_info import TerminologyInfo
from .terminology_list import TerminologyList
from .text_batch_request import TextBatchRequest
from .text_job_request import TextJobRequest
from .text_job_request_input_format import TextJobRequestInputFormat
from .text_job_request_pii_mode import TextJobRequestPiiMode
from .text_job_request_task import TextJobRequestTask
from .text_response import TextResponse
from .text_response_detections_item import TextResponseDetectionsItem
from .transcription_job_request import TranscriptionJobRequest
from .transcription_job_request_redaction_type_0 import TranscriptionJobRequestRedactionType0
from .transcription_job_request_subtitle_formats_item import TranscriptionJobRequestSubtitleFormatsItem
from .transcription_job_request_vocabulary_filter_method_type_0 import TranscriptionJobRequestVocabularyFilterMethodType0
from .transcription_response import TranscriptionResponse
from .translate_document_request import TranslateDocumentRequest
from .translate_document_request_content_type import TranslateDocumentRequestContentType
from .translate_text_request import TranslateTextRequest
from .translate_text_response import TranslateTextResponse
from .translation_job_request import TranslationJobRequest
from .translation_job_request_content_type import TranslationJobRequestContentType
from .translation_route import TranslationRoute
from .translation_settings_body import TranslationSettingsBody
from .translation_settings_body_formality_type_0 import TranslationSettingsBodyFormalityType0
from .voice_info import VoiceInfo
from .voice_list import VoiceList
from .word import Word

__all__ = (
    "AppliedTerm",
    "AppliedTerminology",
    "BatchInferenceRequest",
    "BodyAnalyzeDocument",
    "BodyAnalyzeDocumentFeatureTypesItem",
    "BodyCompareFaces",
    "BodyCompareFacesQualityFilter",
    "BodyDetectDocumentText",
    "BodyDetectFaces",
    "BodyDetectFacesAttributes",
    "BodyDetectLabels",
    "BodyDetectModerationLabels",
    "BodyDetectText",
    "BodyIndexFaces",
    "BodyIndexFacesQualityFilter",
    "BodySearchFacesByImage",
    "BodyTranscribe",
    "BodyTranscribeResponseFormat",
    "CampaignRequest",
    "ClassifierRequest",
    "ClassifierRequestMode",
    "ClassifyRequest",
    "ClassifyResponse",
    "ClassifyResponseResultsItem",
    "CollectionInfo",
    "CollectionList",
    "CollectionRequest",
    "CompareResponse",
    "CompareResponseMatchesItem",
    "CompareResponseSourceFace",
    "CompareResponseUnmatchedItem",
    "Direction",
    "DocumentResponse",
    "DocumentResponseBlocksItem",
    "EndpointRequest",
    "EntitiesResponse",
    "EntitiesResult",
    "Entity",
    "EntityType",
    "ErrorBody",
    "ErrorBodyDetails",
    "ErrorEnvelope",
    "ExportRequest",
    "FaceList",
    "FaceListFacesItem",
    "FacesResponse",
    "FacesResponseFacesItem",
    "ForecastCreateRequest",
    "ForecastDatasetRequest",
    "ForecastGroupRequest",
    "ForecastItems",
    "ForecastPoint",
    "ForecastQuery",
    "ForecastQueryResult",
    "ForecastQueryResultPredictions",
    "Health",
    "ImportRequest",
    "IndexResponse",
    "IndexResponseFaceRecordsItem",
    "IndexResponseUnindexedFacesItem",
    "ItemError",
    "JobInfo",
    "JobInfoState",
    "JobList",
    "JobOutputs",
    "KeyPhrase",
    "KeyPhrasesResponse",
    "KeyPhrasesResult",
    "LabelsResponse",
    "LabelsResponseLabelsItem",
    "LanguageInfo",
    "LanguageRequest",
    "LanguageResponse",
    "LanguageResult",
    "LanguageScore",
    "LanguagesResponse",
    "ListJobsStateType0",
    "ListVoicesEngineType0",
    "ModelInfo",
    "ModelInfoRunsOn",
    "ModelInfoState",
    "ModelList",
    "ModerationResponse",
    "ModerationResponseLabelsItem",
    "NameRequest",
    "PersonalizeDatasetRequest",
    "PersonalizeDatasetRequestDatasetType",
    "PiiEntity",
    "PiiRedaction",
    "PiiRedactionMaskMode",
    "PiiResponse",
    "PiiResult",
    "PredictorRequest",
    "RankRequest",
    "Readiness",
    "ReadinessModels",
    "ReadinessStatus",
    "Recommendations",
    "RecommendRequest",
    "ResourceInfo",
    "ResourceInfoParams",
    "ResourceInfoState",
    "ResourceInfoStatus",
    "ResourceList",
    "SchemaRequest",
    "ScoredItem",
    "SearchResponse",
    "SearchResponseFaceMatchesItem",
    "SearchResponseSearchedFaceBoundingBox",
    "Segment",
    "SentimentResponse",
    "SentimentResult",
    "SentimentResultSentiment",
    "SentimentScores",
    "SolutionRequest",
    "SolutionRequestAlgorithm",
    "SolutionRequestRecipe",
    "SolutionVersionRequest",
    "SpeechMarks",
    "SpeechMarksMarksItem",
    "SpeechMarksRequest",
    "SpeechMarksRequestEngineType0",
    "SpeechMarksRequestMarkTypesItem",
    "SpeechMarksRequestTextType",
    "SpeechRequest",
    "SpeechRequestEngineType0",
    "SpeechRequestFormat",
    "SpeechRequestSampleRateType0",
    "SpeechRequestTextType",
    "SyntaxResponse",
    "SyntaxResult",
    "SyntaxToken",
    "SyntaxTokenPartOfSpeech",
    "TerminologyImport",
    "TerminologyImportDirectionality",
    "TerminologyImportFormat",
    "TerminologyInfo",
    "TerminologyList",
    "TextBatchRequest",
    "TextJobRequest",
    "TextJobRequestInputFormat",
    "TextJobRequestPiiMode",
    "TextJobRequestTask",
    "TextResponse",
    "TextResponseDetectionsItem",
    "TranscriptionJobRequest",
    "TranscriptionJobRequestRedactionType0",
    "TranscriptionJobRequestSubtitleFormatsItem",
    "TranscriptionJobRequestVocabularyFilterMethodType0",
    "TranscriptionResponse",
    "TranslateDocumentRequest",
    "TranslateDocumentRequestContentType",
    "TranslateTextRequest",
    "TranslateTextResponse",
    "TranslationJobRequest",
    "TranslationJobRequestContentType",
    "TranslationRoute",
    "TranslationSettingsBody",
    "TranslationSettingsBodyFormalityType0",
    "VoiceInfo",
    "VoiceList",
    "Word",
)
