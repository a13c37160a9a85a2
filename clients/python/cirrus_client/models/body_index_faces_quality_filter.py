from enum import StrEnum

class BodyIndexFacesQualityFilter(StrEnum):
    AUTO = "AUTO"
    HIGH = "HIGH"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    NONE = "NONE"

    def __str__(self) -> str:
        return str(self.value)
