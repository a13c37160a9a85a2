from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.personalize_dataset_request_dataset_type import PersonalizeDatasetRequestDatasetType






T = TypeVar("T", bound="PersonalizeDatasetRequest")



@_attrs_define
class PersonalizeDatasetRequest:
    """ 
        Attributes:
            dataset_group_arn (str):
            dataset_type (PersonalizeDatasetRequestDatasetType):
            name (str):
            schema_arn (str):
     """

    dataset_group_arn: str
    dataset_type: PersonalizeDatasetRequestDatasetType
    name: str
    schema_arn: str





    def to_dict(self) -> dict[str, Any]:
        dataset_group_arn = self.dataset_group_arn

        dataset_type = self.dataset_type.value

        name = self.name

        schema_arn = self.schema_arn


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "dataset_group_arn": dataset_group_arn,
            "dataset_type": dataset_type,
            "name": name,
            "schema_arn": schema_arn,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dataset_group_arn = d.pop("dataset_group_arn")

        dataset_type = PersonalizeDatasetRequestDatasetType(d.pop("dataset_type"))




        name = d.pop("name")

        schema_arn = d.pop("schema_arn")

        personalize_dataset_request = cls(
            dataset_group_arn=dataset_group_arn,
            dataset_type=dataset_type,
            name=name,
            schema_arn=schema_arn,
        )

        return personalize_dataset_request

