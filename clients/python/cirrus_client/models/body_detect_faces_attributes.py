from enum import StrEnum

class BodyDetectFacesAttributes(StrEnum):
    ALL = "ALL"
    DEFAULT = "DEFAULT"

    def __str__(self) -> str:
        return str(self.value)
