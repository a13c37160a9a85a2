from enum import StrEnum

class ClassifierRequestMode(StrEnum):
    MULTI_CLASS = "MULTI_CLASS"
    MULTI_LABEL = "MULTI_LABEL"

    def __str__(self) -> str:
        return str(self.value)
