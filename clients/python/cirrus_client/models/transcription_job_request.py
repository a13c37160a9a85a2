from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transcription_job_request_redaction_type_0 import TranscriptionJobRequestRedactionType0
from ..models.transcription_job_request_subtitle_formats_item import TranscriptionJobRequestSubtitleFormatsItem
from ..models.transcription_job_request_vocabulary_filter_method_type_0 import TranscriptionJobRequestVocabularyFilterMethodType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TranscriptionJobRequest")



@_attrs_define
class TranscriptionJobRequest:
    """ 
        Attributes:
            media_uri (str): s3://bucket/key of the audio or video file.
            name (str): Unique job name (also the transcript's file name).
            channel_identification (bool | Unset): Stereo audio: each channel transcribed on its own. Default: False.
            identify_language (bool | Unset):  Default: False.
            identify_multiple_languages (bool | Unset): A language per segment (with language_options). Default: False.
            language (None | str | Unset): Language code (en, en-US, ...); omit with identify_language.
            language_options (list[str] | Unset): Candidates for identification.
            max_speaker_labels (int | None | Unset): Label speakers (2-30): speaker_labels and speaker_label.
            output_bucket (None | str | Unset): Default: the cirrus-transcribe bucket.
            output_key (None | str | Unset):
            pii_entity_types (list[str] | Unset): What redaction replaces (default: ALL).
            redaction (None | TranscriptionJobRequestRedactionType0 | Unset): Replace PII with [PII] (English): the redacted
                transcript, and the original too if asked.
            subtitle_formats (list[TranscriptionJobRequestSubtitleFormatsItem] | Unset):
            vocabulary (None | str | Unset): A vocabulary (CreateVocabulary) whose phrases are hotwords.
            vocabulary_filter (None | str | Unset): A vocabulary filter (CreateVocabularyFilter).
            vocabulary_filter_method (None | TranscriptionJobRequestVocabularyFilterMethodType0 | Unset):
     """

    media_uri: str
    name: str
    channel_identification: bool | Unset = False
    identify_language: bool | Unset = False
    identify_multiple_languages: bool | Unset = False
    language: None | str | Unset = UNSET
    language_options: list[str] | Unset = UNSET
    max_speaker_labels: int | None | Unset = UNSET
    output_bucket: None | str | Unset = UNSET
    output_key: None | str | Unset = UNSET
    pii_entity_types: list[str] | Unset = UNSET
    redaction: None | TranscriptionJobRequestRedactionType0 | Unset = UNSET
    subtitle_formats: list[TranscriptionJobRequestSubtitleFormatsItem] | Unset = UNSET
    vocabulary: None | str | Unset = UNSET
    vocabulary_filter: None | str | Unset = UNSET
    vocabulary_filter_method: None | TranscriptionJobRequestVocabularyFilterMethodType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        media_uri = self.media_uri

        name = self.name

        channel_identification = self.channel_identification

        identify_language = self.identify_language

        identify_multiple_languages = self.identify_multiple_languages

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        language_options: list[str] | Unset = UNSET
        if not isinstance(self.language_options, Unset):
            language_options = self.language_options



        max_speaker_labels: int | None | Unset
        if isinstance(self.max_speaker_labels, Unset):
            max_speaker_labels = UNSET
        else:
            max_speaker_labels = self.max_speaker_labels

        output_bucket: None | str | Unset
        if isinstance(self.output_bucket, Unset):
            output_bucket = UNSET
        else:
            output_bucket = self.output_bucket

        output_key: None | str | Unset
        if isinstance(self.output_key, Unset):
            output_key = UNSET
        else:
            output_key = self.output_key

        pii_entity_types: list[str] | Unset = UNSET
        if not isinstance(self.pii_entity_types, Unset):
            pii_entity_types = self.pii_entity_types



        redaction: None | str | Unset
        if isinstance(self.redaction, Unset):
            redaction = UNSET
        elif isinstance(self.redaction, TranscriptionJobRequestRedactionType0):
            redaction = self.redaction.value
        else:
            redaction = self.redaction

        subtitle_formats: list[str] | Unset = UNSET
        if not isinstance(self.subtitle_formats, Unset):
            subtitle_formats = []
            for subtitle_formats_item_data in self.subtitle_formats:
                subtitle_formats_item = subtitle_formats_item_data.value
                subtitle_formats.append(subtitle_formats_item)



        vocabulary: None | str | Unset
        if isinstance(self.vocabulary, Unset):
            vocabulary = UNSET
        else:
            vocabulary = self.vocabulary

        vocabulary_filter: None | str | Unset
        if isinstance(self.vocabulary_filter, Unset):
            vocabulary_filter = UNSET
        else:
            vocabulary_filter = self.vocabulary_filter

        vocabulary_filter_method: None | str | Unset
        if isinstance(self.vocabulary_filter_method, Unset):
            vocabulary_filter_method = UNSET
        elif isinstance(self.vocabulary_filter_method, TranscriptionJobRequestVocabularyFilterMethodType0):
            vocabulary_filter_method = self.vocabulary_filter_method.value
        else:
            vocabulary_filter_method = self.vocabulary_filter_method


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "media_uri": media_uri,
            "name": name,
        })
        if channel_identification is not UNSET:
            field_dict["channel_identification"] = channel_identification
        if identify_language is not UNSET:
            field_dict["identify_language"] = identify_language
        if identify_multiple_languages is not UNSET:
            field_dict["identify_multiple_languages"] = identify_multiple_languages
        if language is not UNSET:
            field_dict["language"] = language
        if language_options is not UNSET:
            field_dict["language_options"] = language_options
        if max_speaker_labels is not UNSET:
            field_dict["max_speaker_labels"] = max_speaker_labels
        if output_bucket is not UNSET:
            field_dict["output_bucket"] = output_bucket
        if output_key is not UNSET:
            field_dict["output_key"] = output_key
        if pii_entity_types is not UNSET:
            field_dict["pii_entity_types"] = pii_entity_types
        if redaction is not UNSET:
            field_dict["redaction"] = redaction
        if subtitle_formats is not UNSET:
            field_dict["subtitle_formats"] = subtitle_formats
        if vocabulary is not UNSET:
            field_dict["vocabulary"] = vocabulary
        if vocabulary_filter is not UNSET:
            field_dict["vocabulary_filter"] = vocabulary_filter
        if vocabulary_filter_method is not UNSET:
            field_dict["vocabulary_filter_method"] = vocabulary_filter_method

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        media_uri = d.pop("media_uri")

        name = d.pop("name")

        channel_identification = d.pop("channel_identification", UNSET)

        identify_language = d.pop("identify_language", UNSET)

        identify_multiple_languages = d.pop("identify_multiple_languages", UNSET)

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        language_options = cast(list[str], d.pop("language_options", UNSET))


        def _parse_max_speaker_labels(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_speaker_labels = _parse_max_speaker_labels(d.pop("max_speaker_labels", UNSET))


        def _parse_output_bucket(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_bucket = _parse_output_bucket(d.pop("output_bucket", UNSET))


        def _parse_output_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_key = _parse_output_key(d.pop("output_key", UNSET))


        pii_entity_types = cast(list[str], d.pop("pii_entity_types", UNSET))


        def _parse_redaction(data: object) -> None | TranscriptionJobRequestRedactionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                redaction_type_0 = TranscriptionJobRequestRedactionType0(data)



                return redaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TranscriptionJobRequestRedactionType0 | Unset, data)

        redaction = _parse_redaction(d.pop("redaction", UNSET))


        _subtitle_formats = d.pop("subtitle_formats", UNSET)
        subtitle_formats: list[TranscriptionJobRequestSubtitleFormatsItem] | Unset = UNSET
        if _subtitle_formats is not UNSET:
            subtitle_formats = []
            for subtitle_formats_item_data in _subtitle_formats:
                subtitle_formats_item = TranscriptionJobRequestSubtitleFormatsItem(subtitle_formats_item_data)



                subtitle_formats.append(subtitle_formats_item)


        def _parse_vocabulary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        vocabulary = _parse_vocabulary(d.pop("vocabulary", UNSET))


        def _parse_vocabulary_filter(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        vocabulary_filter = _parse_vocabulary_filter(d.pop("vocabulary_filter", UNSET))


        def _parse_vocabulary_filter_method(data: object) -> None | TranscriptionJobRequestVocabularyFilterMethodType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                vocabulary_filter_method_type_0 = TranscriptionJobRequestVocabularyFilterMethodType0(data)



                return vocabulary_filter_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TranscriptionJobRequestVocabularyFilterMethodType0 | Unset, data)

        vocabulary_filter_method = _parse_vocabulary_filter_method(d.pop("vocabulary_filter_method", UNSET))


        transcription_job_request = cls(
            media_uri=media_uri,
            name=name,
            channel_identification=channel_identification,
            identify_language=identify_language,
            identify_multiple_languages=identify_multiple_languages,
            language=language,
            language_options=language_options,
            max_speaker_labels=max_speaker_labels,
            output_bucket=output_bucket,
            output_key=output_key,
            pii_entity_types=pii_entity_types,
            redaction=redaction,
            subtitle_formats=subtitle_formats,
            vocabulary=vocabulary,
            vocabulary_filter=vocabulary_filter,
            vocabulary_filter_method=vocabulary_filter_method,
        )


        transcription_job_request.additional_properties = d
        return transcription_job_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
