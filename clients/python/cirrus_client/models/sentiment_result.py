from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.sentiment_result_sentiment import SentimentResultSentiment
from typing import cast

if TYPE_CHECKING:
  from ..models.sentiment_scores import SentimentScores





T = TypeVar("T", bound="SentimentResult")



@_attrs_define
class SentimentResult:
    """ 
        Attributes:
            index (int):
            scores (SentimentScores):
            sentiment (SentimentResultSentiment):
     """

    index: int
    scores: SentimentScores
    sentiment: SentimentResultSentiment
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.sentiment_scores import SentimentScores # noqa: PLC0415
        index = self.index

        scores = self.scores.to_dict()

        sentiment = self.sentiment.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "index": index,
            "scores": scores,
            "sentiment": sentiment,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sentiment_scores import SentimentScores # noqa: PLC0415
        d = dict(src_dict)
        index = d.pop("index")

        scores = SentimentScores.from_dict(d.pop("scores"))




        sentiment = SentimentResultSentiment(d.pop("sentiment"))




        sentiment_result = cls(
            index=index,
            scores=scores,
            sentiment=sentiment,
        )


        sentiment_result.additional_properties = d
        return sentiment_result

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
