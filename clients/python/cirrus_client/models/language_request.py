from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="LanguageRequest")



@_attrs_define
class LanguageRequest:
    """ 
        Attributes:
            texts (list[str]): Documents whose dominant language to detect.
     """

    texts: list[str]





    def to_dict(self) -> dict[str, Any]:
        texts = self.texts




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "texts": texts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        texts = cast(list[str], d.pop("texts"))


        language_request = cls(
            texts=texts,
        )

        return language_request

