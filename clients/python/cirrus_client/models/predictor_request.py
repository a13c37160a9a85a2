from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PredictorRequest")



@_attrs_define
class PredictorRequest:
    """ 
        Attributes:
            dataset_group_arn (str):
            horizon (int):
            name (str):
            frequency (None | str | Unset):
            quantiles (list[str] | Unset):
     """

    dataset_group_arn: str
    horizon: int
    name: str
    frequency: None | str | Unset = UNSET
    quantiles: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        dataset_group_arn = self.dataset_group_arn

        horizon = self.horizon

        name = self.name

        frequency: None | str | Unset
        if isinstance(self.frequency, Unset):
            frequency = UNSET
        else:
            frequency = self.frequency

        quantiles: list[str] | Unset = UNSET
        if not isinstance(self.quantiles, Unset):
            quantiles = self.quantiles




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "dataset_group_arn": dataset_group_arn,
            "horizon": horizon,
            "name": name,
        })
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if quantiles is not UNSET:
            field_dict["quantiles"] = quantiles

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dataset_group_arn = d.pop("dataset_group_arn")

        horizon = d.pop("horizon")

        name = d.pop("name")

        def _parse_frequency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        frequency = _parse_frequency(d.pop("frequency", UNSET))


        quantiles = cast(list[str], d.pop("quantiles", UNSET))


        predictor_request = cls(
            dataset_group_arn=dataset_group_arn,
            horizon=horizon,
            name=name,
            frequency=frequency,
            quantiles=quantiles,
        )

        return predictor_request

