from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.text_job_request_input_format import TextJobRequestInputFormat
from ..models.text_job_request_pii_mode import TextJobRequestPiiMode
from ..models.text_job_request_task import TextJobRequestTask
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.pii_redaction import PiiRedaction





T = TypeVar("T", bound="TextJobRequest")



@_attrs_define
class TextJobRequest:
    """ 
        Attributes:
            input_uri (str): s3://BUCKET/PREFIX: every object under it is input.
            output_uri (str): s3://BUCKET/PREFIX where output/output.tar.gz is written.
            task (TextJobRequestTask):
            classifier_arn (None | str | Unset): task=classification: a trained document classifier.
            client_token (None | str | Unset): The same token returns the same job.
            input_format (TextJobRequestInputFormat | Unset):  Default: TextJobRequestInputFormat.ONE_DOC_PER_FILE.
            language (None | str | Unset): Language of the documents (not used by task=language). Default: 'en'.
            name (None | str | Unset):
            number_of_topics (int | Unset): task=topics: how many topics to find. Default: 10.
            pii_mode (TextJobRequestPiiMode | Unset): task=pii: entity offsets per document, or the documents redacted.
                Default: TextJobRequestPiiMode.ONLY_OFFSETS.
            redaction (None | PiiRedaction | Unset): task=pii with ONLY_REDACTION: what to redact and how.
     """

    input_uri: str
    output_uri: str
    task: TextJobRequestTask
    classifier_arn: None | str | Unset = UNSET
    client_token: None | str | Unset = UNSET
    input_format: TextJobRequestInputFormat | Unset = TextJobRequestInputFormat.ONE_DOC_PER_FILE
    language: None | str | Unset = 'en'
    name: None | str | Unset = UNSET
    number_of_topics: int | Unset = 10
    pii_mode: TextJobRequestPiiMode | Unset = TextJobRequestPiiMode.ONLY_OFFSETS
    redaction: None | PiiRedaction | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.pii_redaction import PiiRedaction # noqa: PLC0415
        input_uri = self.input_uri

        output_uri = self.output_uri

        task = self.task.value

        classifier_arn: None | str | Unset
        if isinstance(self.classifier_arn, Unset):
            classifier_arn = UNSET
        else:
            classifier_arn = self.classifier_arn

        client_token: None | str | Unset
        if isinstance(self.client_token, Unset):
            client_token = UNSET
        else:
            client_token = self.client_token

        input_format: str | Unset = UNSET
        if not isinstance(self.input_format, Unset):
            input_format = self.input_format.value


        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        number_of_topics = self.number_of_topics

        pii_mode: str | Unset = UNSET
        if not isinstance(self.pii_mode, Unset):
            pii_mode = self.pii_mode.value


        redaction: dict[str, Any] | None | Unset
        if isinstance(self.redaction, Unset):
            redaction = UNSET
        elif isinstance(self.redaction, PiiRedaction):
            redaction = self.redaction.to_dict()
        else:
            redaction = self.redaction


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input_uri": input_uri,
            "output_uri": output_uri,
            "task": task,
        })
        if classifier_arn is not UNSET:
            field_dict["classifier_arn"] = classifier_arn
        if client_token is not UNSET:
            field_dict["client_token"] = client_token
        if input_format is not UNSET:
            field_dict["input_format"] = input_format
        if language is not UNSET:
            field_dict["language"] = language
        if name is not UNSET:
            field_dict["name"] = name
        if number_of_topics is not UNSET:
            field_dict["number_of_topics"] = number_of_topics
        if pii_mode is not UNSET:
            field_dict["pii_mode"] = pii_mode
        if redaction is not UNSET:
            field_dict["redaction"] = redaction

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pii_redaction import PiiRedaction # noqa: PLC0415
        d = dict(src_dict)
        input_uri = d.pop("input_uri")

        output_uri = d.pop("output_uri")

        task = TextJobRequestTask(d.pop("task"))




        def _parse_classifier_arn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        classifier_arn = _parse_classifier_arn(d.pop("classifier_arn", UNSET))


        def _parse_client_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_token = _parse_client_token(d.pop("client_token", UNSET))


        _input_format = d.pop("input_format", UNSET)
        input_format: TextJobRequestInputFormat | Unset
        if isinstance(_input_format,  Unset):
            input_format = UNSET
        else:
            input_format = TextJobRequestInputFormat(_input_format)




        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        number_of_topics = d.pop("number_of_topics", UNSET)

        _pii_mode = d.pop("pii_mode", UNSET)
        pii_mode: TextJobRequestPiiMode | Unset
        if isinstance(_pii_mode,  Unset):
            pii_mode = UNSET
        else:
            pii_mode = TextJobRequestPiiMode(_pii_mode)




        def _parse_redaction(data: object) -> None | PiiRedaction | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                redaction_type_0 = PiiRedaction.from_dict(data)



                return redaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PiiRedaction | Unset, data)

        redaction = _parse_redaction(d.pop("redaction", UNSET))


        text_job_request = cls(
            input_uri=input_uri,
            output_uri=output_uri,
            task=task,
            classifier_arn=classifier_arn,
            client_token=client_token,
            input_format=input_format,
            language=language,
            name=name,
            number_of_topics=number_of_topics,
            pii_mode=pii_mode,
            redaction=redaction,
        )

        return text_job_request

