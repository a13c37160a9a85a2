from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ForecastQuery")



@_attrs_define
class ForecastQuery:
    """ 
        Attributes:
            forecast_arn (str):
            item_id (str):
            end (None | str | Unset):
            history (int | Unset): Also return this many of the item's last observed periods. Default: 0.
            start (None | str | Unset): yyyy-MM-ddTHH:mm:ss, inclusive.
     """

    forecast_arn: str
    item_id: str
    end: None | str | Unset = UNSET
    history: int | Unset = 0
    start: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        forecast_arn = self.forecast_arn

        item_id = self.item_id

        end: None | str | Unset
        if isinstance(self.end, Unset):
            end = UNSET
        else:
            end = self.end

        history = self.history

        start: None | str | Unset
        if isinstance(self.start, Unset):
            start = UNSET
        else:
            start = self.start


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "forecast_arn": forecast_arn,
            "item_id": item_id,
        })
        if end is not UNSET:
            field_dict["end"] = end
        if history is not UNSET:
            field_dict["history"] = history
        if start is not UNSET:
            field_dict["start"] = start

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        forecast_arn = d.pop("forecast_arn")

        item_id = d.pop("item_id")

        def _parse_end(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end = _parse_end(d.pop("end", UNSET))


        history = d.pop("history", UNSET)

        def _parse_start(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start = _parse_start(d.pop("start", UNSET))


        forecast_query = cls(
            forecast_arn=forecast_arn,
            item_id=item_id,
            end=end,
            history=history,
            start=start,
        )

        return forecast_query

