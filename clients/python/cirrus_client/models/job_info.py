from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.job_info_state import JobInfoState
from typing import cast






T = TypeVar("T", bound="JobInfo")



@_attrs_define
class JobInfo:
    """ 
        Attributes:
            ended_at (float | None):
            failure_reason (None | str):
            id (str):
            items_done (int): Items finished (results and per-item errors).
            items_failed (int):
            items_total (int | None): Input items, once listed.
            kind (str):
            name (None | str):
            output_uri (None | str):
            started_at (float | None):
            state (JobInfoState):
            submitted_at (float):
     """

    ended_at: float | None
    failure_reason: None | str
    id: str
    items_done: int
    items_failed: int
    items_total: int | None
    kind: str
    name: None | str
    output_uri: None | str
    started_at: float | None
    state: JobInfoState
    submitted_at: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        ended_at: float | None
        ended_at = self.ended_at

        failure_reason: None | str
        failure_reason = self.failure_reason

        id = self.id

        items_done = self.items_done

        items_failed = self.items_failed

        items_total: int | None
        items_total = self.items_total

        kind = self.kind

        name: None | str
        name = self.name

        output_uri: None | str
        output_uri = self.output_uri

        started_at: float | None
        started_at = self.started_at

        state = self.state.value

        submitted_at = self.submitted_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ended_at": ended_at,
            "failure_reason": failure_reason,
            "id": id,
            "items_done": items_done,
            "items_failed": items_failed,
            "items_total": items_total,
            "kind": kind,
            "name": name,
            "output_uri": output_uri,
            "started_at": started_at,
            "state": state,
            "submitted_at": submitted_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_ended_at(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))


        def _parse_failure_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_reason = _parse_failure_reason(d.pop("failure_reason"))


        id = d.pop("id")

        items_done = d.pop("items_done")

        items_failed = d.pop("items_failed")

        def _parse_items_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        items_total = _parse_items_total(d.pop("items_total"))


        kind = d.pop("kind")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        def _parse_output_uri(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        output_uri = _parse_output_uri(d.pop("output_uri"))


        def _parse_started_at(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        started_at = _parse_started_at(d.pop("started_at"))


        state = JobInfoState(d.pop("state"))




        submitted_at = d.pop("submitted_at")

        job_info = cls(
            ended_at=ended_at,
            failure_reason=failure_reason,
            id=id,
            items_done=items_done,
            items_failed=items_failed,
            items_total=items_total,
            kind=kind,
            name=name,
            output_uri=output_uri,
            started_at=started_at,
            state=state,
            submitted_at=submitted_at,
        )


        job_info.additional_properties = d
        return job_info

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
