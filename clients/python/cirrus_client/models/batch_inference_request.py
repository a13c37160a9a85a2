from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="BatchInferenceRequest")



@_attrs_define
class BatchInferenceRequest:
    """ 
        Attributes:
            input_uri (str): JSON lines of {"userId"} (or {"itemId"}).
            name (str):
            output_uri (str):
            solution_version_arn (str):
            num_results (int | Unset):  Default: 25.
     """

    input_uri: str
    name: str
    output_uri: str
    solution_version_arn: str
    num_results: int | Unset = 25





    def to_dict(self) -> dict[str, Any]:
        input_uri = self.input_uri

        name = self.name

        output_uri = self.output_uri

        solution_version_arn = self.solution_version_arn

        num_results = self.num_results


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input_uri": input_uri,
            "name": name,
            "output_uri": output_uri,
            "solution_version_arn": solution_version_arn,
        })
        if num_results is not UNSET:
            field_dict["num_results"] = num_results

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        input_uri = d.pop("input_uri")

        name = d.pop("name")

        output_uri = d.pop("output_uri")

        solution_version_arn = d.pop("solution_version_arn")

        num_results = d.pop("num_results", UNSET)

        batch_inference_request = cls(
            input_uri=input_uri,
            name=name,
            output_uri=output_uri,
            solution_version_arn=solution_version_arn,
            num_results=num_results,
        )

        return batch_inference_request

