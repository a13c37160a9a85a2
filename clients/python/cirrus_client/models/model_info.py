from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.model_info_runs_on import ModelInfoRunsOn
from ..models.model_info_state import ModelInfoState
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ModelInfo")



@_attrs_define
class ModelInfo:
    """ 
        Attributes:
            backend (str):
            batches (int):
            device (None | str):
            items (int):
            languages (list[str]):
            load_seconds (float | None):
            max_batch_size (int):
            max_wait_ms (float):
            name (str):
            reason (None | str):
            replicas (int): Replicas running the model (embedded: 1 once loaded).
            runs_on (ModelInfoRunsOn): embedded: in this process; ray: on Ray Serve replicas.
            source (str):
            state (ModelInfoState):
            task (str):
            parallel (int | None | Unset): Batches the model runs side by side, each on its share of the cores (once loaded
                in this process).
     """

    backend: str
    batches: int
    device: None | str
    items: int
    languages: list[str]
    load_seconds: float | None
    max_batch_size: int
    max_wait_ms: float
    name: str
    reason: None | str
    replicas: int
    runs_on: ModelInfoRunsOn
    source: str
    state: ModelInfoState
    task: str
    parallel: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        backend = self.backend

        batches = self.batches

        device: None | str
        device = self.device

        items = self.items

        languages = self.languages



        load_seconds: float | None
        load_seconds = self.load_seconds

        max_batch_size = self.max_batch_size

        max_wait_ms = self.max_wait_ms

        name = self.name

        reason: None | str
        reason = self.reason

        replicas = self.replicas

        runs_on = self.runs_on.value

        source = self.source

        state = self.state.value

        task = self.task

        parallel: int | None | Unset
        if isinstance(self.parallel, Unset):
            parallel = UNSET
        else:
            parallel = self.parallel


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "backend": backend,
            "batches": batches,
            "device": device,
            "items": items,
            "languages": languages,
            "load_seconds": load_seconds,
            "max_batch_size": max_batch_size,
            "max_wait_ms": max_wait_ms,
            "name": name,
            "reason": reason,
            "replicas": replicas,
            "runs_on": runs_on,
            "source": source,
            "state": state,
            "task": task,
        })
        if parallel is not UNSET:
            field_dict["parallel"] = parallel

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        backend = d.pop("backend")

        batches = d.pop("batches")

        def _parse_device(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        device = _parse_device(d.pop("device"))


        items = d.pop("items")

        languages = cast(list[str], d.pop("languages"))


        def _parse_load_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        load_seconds = _parse_load_seconds(d.pop("load_seconds"))


        max_batch_size = d.pop("max_batch_size")

        max_wait_ms = d.pop("max_wait_ms")

        name = d.pop("name")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        replicas = d.pop("replicas")

        runs_on = ModelInfoRunsOn(d.pop("runs_on"))




        source = d.pop("source")

        state = ModelInfoState(d.pop("state"))




        task = d.pop("task")

        def _parse_parallel(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parallel = _parse_parallel(d.pop("parallel", UNSET))


        model_info = cls(
            backend=backend,
            batches=batches,
            device=device,
            items=items,
            languages=languages,
            load_seconds=load_seconds,
            max_batch_size=max_batch_size,
            max_wait_ms=max_wait_ms,
            name=name,
            reason=reason,
            replicas=replicas,
            runs_on=runs_on,
            source=source,
            state=state,
            task=task,
            parallel=parallel,
        )


        model_info.additional_properties = d
        return model_info

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
