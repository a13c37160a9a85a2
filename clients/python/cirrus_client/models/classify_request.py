from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ClassifyRequest")



@_attrs_define
class ClassifyRequest:
    """ 
        Attributes:
            texts (list[str]):
            classifier_arn (None | str | Unset): A trained classifier, or give endpoint_arn.
            endpoint_arn (None | str | Unset):
     """

    texts: list[str]
    classifier_arn: None | str | Unset = UNSET
    endpoint_arn: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        texts = self.texts



        classifier_arn: None | str | Unset
        if isinstance(self.classifier_arn, Unset):
            classifier_arn = UNSET
        else:
            classifier_arn = self.classifier_arn

        endpoint_arn: None | str | Unset
        if isinstance(self.endpoint_arn, Unset):
            endpoint_arn = UNSET
        else:
            endpoint_arn = self.endpoint_arn


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "texts": texts,
        })
        if classifier_arn is not UNSET:
            field_dict["classifier_arn"] = classifier_arn
        if endpoint_arn is not UNSET:
            field_dict["endpoint_arn"] = endpoint_arn

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        texts = cast(list[str], d.pop("texts"))


        def _parse_classifier_arn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        classifier_arn = _parse_classifier_arn(d.pop("classifier_arn", UNSET))


        def _parse_endpoint_arn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        endpoint_arn = _parse_endpoint_arn(d.pop("endpoint_arn", UNSET))


        classify_request = cls(
            texts=texts,
            classifier_arn=classifier_arn,
            endpoint_arn=endpoint_arn,
        )

        return classify_request

