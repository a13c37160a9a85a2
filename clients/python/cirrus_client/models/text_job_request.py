from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.text_job_request_input_format import TextJobRequestInputFormat
from ..models.text_job_request_task import TextJobRequestTask
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TextJobRequest")



@_attrs_define
class TextJobRequest:
    """ 
        Attributes:
            input_uri (str): s3://BUCKET/PREFIX: every object under it is input.
            output_uri (str): s3://BUCKET/PREFIX where output/output.tar.gz is written.
            task (TextJobRequestTask):
            client_token (None | str | Unset): The same token returns the same job.
            input_format (TextJobRequestInputFormat | Unset):  Default: TextJobRequestInputFormat.ONE_DOC_PER_FILE.
            language (None | str | Unset): Language of the documents (not used by task=language). Default: 'en'.
            name (None | str | Unset):
     """

    input_uri: str
    output_uri: str
    task: TextJobRequestTask
    client_token: None | str | Unset = UNSET
    input_format: TextJobRequestInputFormat | Unset = TextJobRequestInputFormat.ONE_DOC_PER_FILE
    language: None | str | Unset = 'en'
    name: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        input_uri = self.input_uri

        output_uri = self.output_uri

        task = self.task.value

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


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input_uri": input_uri,
            "output_uri": output_uri,
            "task": task,
        })
        if client_token is not UNSET:
            field_dict["client_token"] = client_token
        if input_format is not UNSET:
            field_dict["input_format"] = input_format
        if language is not UNSET:
            field_dict["language"] = language
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        input_uri = d.pop("input_uri")

        output_uri = d.pop("output_uri")

        task = TextJobRequestTask(d.pop("task"))




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


        text_job_request = cls(
            input_uri=input_uri,
            output_uri=output_uri,
            task=task,
            client_token=client_token,
            input_format=input_format,
            language=language,
            name=name,
        )

        return text_job_request

