from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.classifier_request_mode import ClassifierRequestMode
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ClassifierRequest")



@_attrs_define
class ClassifierRequest:
    """ 
        Attributes:
            input_uri (str): s3://BUCKET/KEY or a prefix of CSV files: label,text lines.
            name (str): Letters, digits and hyphens, at most 63.
            label_delimiter (str | Unset): MULTI_LABEL: between a line's labels. Default: '|'.
            language (str | Unset): The documents' language. Default: 'en'.
            mode (ClassifierRequestMode | Unset):  Default: ClassifierRequestMode.MULTI_CLASS.
            test_uri (None | str | Unset): Held-out CSV to measure on (default: 10% of the training data).
     """

    input_uri: str
    name: str
    label_delimiter: str | Unset = '|'
    language: str | Unset = 'en'
    mode: ClassifierRequestMode | Unset = ClassifierRequestMode.MULTI_CLASS
    test_uri: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        input_uri = self.input_uri

        name = self.name

        label_delimiter = self.label_delimiter

        language = self.language

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value


        test_uri: None | str | Unset
        if isinstance(self.test_uri, Unset):
            test_uri = UNSET
        else:
            test_uri = self.test_uri


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input_uri": input_uri,
            "name": name,
        })
        if label_delimiter is not UNSET:
            field_dict["label_delimiter"] = label_delimiter
        if language is not UNSET:
            field_dict["language"] = language
        if mode is not UNSET:
            field_dict["mode"] = mode
        if test_uri is not UNSET:
            field_dict["test_uri"] = test_uri

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        input_uri = d.pop("input_uri")

        name = d.pop("name")

        label_delimiter = d.pop("label_delimiter", UNSET)

        language = d.pop("language", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: ClassifierRequestMode | Unset
        if isinstance(_mode,  Unset):
            mode = UNSET
        else:
            mode = ClassifierRequestMode(_mode)




        def _parse_test_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        test_uri = _parse_test_uri(d.pop("test_uri", UNSET))


        classifier_request = cls(
            input_uri=input_uri,
            name=name,
            label_delimiter=label_delimiter,
            language=language,
            mode=mode,
            test_uri=test_uri,
        )

        return classifier_request

