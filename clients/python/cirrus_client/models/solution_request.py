from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.solution_request_algorithm import SolutionRequestAlgorithm
from ..models.solution_request_recipe import SolutionRequestRecipe
from ..types import UNSET, Unset






T = TypeVar("T", bound="SolutionRequest")



@_attrs_define
class SolutionRequest:
    """ 
        Attributes:
            dataset_group_arn (str):
            name (str):
            recipe (SolutionRequestRecipe):
            algorithm (SolutionRequestAlgorithm | Unset):  Default: SolutionRequestAlgorithm.ALS.
     """

    dataset_group_arn: str
    name: str
    recipe: SolutionRequestRecipe
    algorithm: SolutionRequestAlgorithm | Unset = SolutionRequestAlgorithm.ALS





    def to_dict(self) -> dict[str, Any]:
        dataset_group_arn = self.dataset_group_arn

        name = self.name

        recipe = self.recipe.value

        algorithm: str | Unset = UNSET
        if not isinstance(self.algorithm, Unset):
            algorithm = self.algorithm.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "dataset_group_arn": dataset_group_arn,
            "name": name,
            "recipe": recipe,
        })
        if algorithm is not UNSET:
            field_dict["algorithm"] = algorithm

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dataset_group_arn = d.pop("dataset_group_arn")

        name = d.pop("name")

        recipe = SolutionRequestRecipe(d.pop("recipe"))




        _algorithm = d.pop("algorithm", UNSET)
        algorithm: SolutionRequestAlgorithm | Unset
        if isinstance(_algorithm,  Unset):
            algorithm = UNSET
        else:
            algorithm = SolutionRequestAlgorithm(_algorithm)




        solution_request = cls(
            dataset_group_arn=dataset_group_arn,
            name=name,
            recipe=recipe,
            algorithm=algorithm,
        )

        return solution_request

