from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.forecast_point import ForecastPoint
  from ..models.forecast_query_result_predictions import ForecastQueryResultPredictions





T = TypeVar("T", bound="ForecastQueryResult")



@_attrs_define
class ForecastQueryResult:
    """ 
        Attributes:
            predictions (ForecastQueryResultPredictions): p10, p50, p90 ... -> points.
            history (list[ForecastPoint] | Unset): The item's observed values at the forecast's frequency, the last
                `history` periods (0 for none).
     """

    predictions: ForecastQueryResultPredictions
    history: list[ForecastPoint] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.forecast_point import ForecastPoint # noqa: PLC0415
        from ..models.forecast_query_result_predictions import ForecastQueryResultPredictions # noqa: PLC0415
        predictions = self.predictions.to_dict()

        history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.history, Unset):
            history = []
            for history_item_data in self.history:
                history_item = history_item_data.to_dict()
                history.append(history_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "predictions": predictions,
        })
        if history is not UNSET:
            field_dict["history"] = history

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.forecast_point import ForecastPoint # noqa: PLC0415
        from ..models.forecast_query_result_predictions import ForecastQueryResultPredictions # noqa: PLC0415
        d = dict(src_dict)
        predictions = ForecastQueryResultPredictions.from_dict(d.pop("predictions"))




        _history = d.pop("history", UNSET)
        history: list[ForecastPoint] | Unset = UNSET
        if _history is not UNSET:
            history = []
            for history_item_data in _history:
                history_item = ForecastPoint.from_dict(history_item_data)



                history.append(history_item)


        forecast_query_result = cls(
            predictions=predictions,
            history=history,
        )


        forecast_query_result.additional_properties = d
        return forecast_query_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
