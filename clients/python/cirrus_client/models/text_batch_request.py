from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TextBatchRequest")



@_attrs_define
class TextBatchRequest:
    """ 
        Attributes:
            texts (list[str]): Documents to analyse (at most 25 by default; UTF-8 size limits per task).
            language (str | Unset): Language code of every document, e.g. en. Default: 'en'.
     """

    texts: list[str]
    language: str | Unset = 'en'





    def to_dict(self) -> dict[str, Any]:
        texts = self.texts



        language = self.language


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "texts": texts,
        })
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        texts = cast(list[str], d.pop("texts"))


        language = d.pop("language", UNSET)

        text_batch_request = cls(
            texts=texts,
            language=language,
        )

        return text_batch_request

