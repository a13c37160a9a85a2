from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.applied_terminology import AppliedTerminology
  from ..models.translation_route import TranslationRoute
  from ..models.translation_settings_body import TranslationSettingsBody





T = TypeVar("T", bound="TranslateTextResponse")



@_attrs_define
class TranslateTextResponse:
    """ 
        Attributes:
            applied_settings (TranslationSettingsBody):
            applied_terminologies (list[AppliedTerminology]):
            route (None | TranslationRoute): How it was translated; null when source equals target.
            source_language (str): The source language, detected when auto was sent.
            target_language (str):
            translated_text (str):
     """

    applied_settings: TranslationSettingsBody
    applied_terminologies: list[AppliedTerminology]
    route: None | TranslationRoute
    source_language: str
    target_language: str
    translated_text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.applied_terminology import AppliedTerminology # noqa: PLC0415
        from ..models.translation_route import TranslationRoute # noqa: PLC0415
        from ..models.translation_settings_body import TranslationSettingsBody # noqa: PLC0415
        applied_settings = self.applied_settings.to_dict()

        applied_terminologies = []
        for applied_terminologies_item_data in self.applied_terminologies:
            applied_terminologies_item = applied_terminologies_item_data.to_dict()
            applied_terminologies.append(applied_terminologies_item)



        route: dict[str, Any] | None
        if isinstance(self.route, TranslationRoute):
            route = self.route.to_dict()
        else:
            route = self.route

        source_language = self.source_language

        target_language = self.target_language

        translated_text = self.translated_text


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "applied_settings": applied_settings,
            "applied_terminologies": applied_terminologies,
            "route": route,
            "source_language": source_language,
            "target_language": target_language,
            "translated_text": translated_text,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.applied_terminology import AppliedTerminology # noqa: PLC0415
        from ..models.translation_route import TranslationRoute # noqa: PLC0415
        from ..models.translation_settings_body import TranslationSettingsBody # noqa: PLC0415
        d = dict(src_dict)
        applied_settings = TranslationSettingsBody.from_dict(d.pop("applied_settings"))




        applied_terminologies = []
        _applied_terminologies = d.pop("applied_terminologies")
        for applied_terminologies_item_data in (_applied_terminologies):
            applied_terminologies_item = AppliedTerminology.from_dict(applied_terminologies_item_data)



            applied_terminologies.append(applied_terminologies_item)


        def _parse_route(data: object) -> None | TranslationRoute:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                route_type_0 = TranslationRoute.from_dict(data)



                return route_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TranslationRoute, data)

        route = _parse_route(d.pop("route"))


        source_language = d.pop("source_language")

        target_language = d.pop("target_language")

        translated_text = d.pop("translated_text")

        translate_text_response = cls(
            applied_settings=applied_settings,
            applied_terminologies=applied_terminologies,
            route=route,
            source_language=source_language,
            target_language=target_language,
            translated_text=translated_text,
        )


        translate_text_response.additional_properties = d
        return translate_text_response

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
